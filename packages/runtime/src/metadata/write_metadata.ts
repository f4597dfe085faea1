/**
 * Serializes metadata into a metadata flatbuffer (identifier "M001"), children before parents as
 * flatbuffers requires, with `min_parser_version` computed from the fields used. Field ids come from
 * schema_fields.ts, shared with the reader.
 */
import { Builder } from 'flatbuffers';
import { ModelFormatError } from '../core/errors.js';
import { minParserVersion } from './parser_version.js';
import {
  ASSOCIATED_FILE_TYPES,
  AssociatedFileF,
  AudioPropertiesF,
  BOUNDING_BOX_TYPES,
  BertTokenizerOptionsF,
  BoundingBoxPropertiesF,
  COLOR_SPACES,
  COORDINATE_TYPES,
  ContentF,
  ContentPropertiesType,
  CustomMetadataF,
  ImagePropertiesF,
  ImageSizeF,
  METADATA_IDENTIFIER,
  ModelMetadataF,
  NormalizationOptionsF,
  ProcessUnitF,
  ProcessUnitType,
  RegexTokenizerOptionsF,
  SCORE_TRANSFORMATIONS,
  ScoreCalibrationOptionsF,
  ScoreThresholdingOptionsF,
  SentencePieceTokenizerOptionsF,
  StatsF,
  SubGraphMetadataF,
  TensorGroupF,
  TensorMetadataF,
  ValueRangeF,
} from './schema_fields.js';
import type {
  AssociatedFile,
  Content,
  ContentProperties,
  CustomMetadata,
  ModelMetadata,
  ProcessUnit,
  SubGraphMetadata,
  TensorGroup,
  TensorMetadata,
} from './types.js';

/** An offset, or 0 for "absent" (flatbuffers never places an object at offset 0). */
type Ref = number;

function optString(b: Builder, s: string | undefined): Ref {
  return s === undefined ? 0 : b.createString(s);
}

function offsets(b: Builder, refs: readonly Ref[]): Ref {
  b.startVector(4, refs.length, 4);
  for (let i = refs.length - 1; i >= 0; i--) b.addOffset(refs[i]);
  return b.endVector();
}

function optList<T>(b: Builder, items: readonly T[] | undefined, write: (b: Builder, item: T) => Ref): Ref {
  return items === undefined ? 0 : offsets(b, items.map((item) => write(b, item)));
}

function floats(b: Builder, values: readonly number[]): Ref {
  b.startVector(4, values.length, 4);
  for (let i = values.length - 1; i >= 0; i--) b.addFloat32(values[i]);
  return b.endVector();
}

function uints(b: Builder, values: readonly number[]): Ref {
  b.startVector(4, values.length, 4);
  for (let i = values.length - 1; i >= 0; i--) b.addInt32(values[i] | 0);
  return b.endVector();
}

/** The schema code of an enum name; a name the schema does not have is a caller's mistake. */
function codeOf<T extends string>(names: readonly T[], name: T): number {
  const code = names.indexOf(name);
  if (code < 0) throw new ModelFormatError(`metadata: '${name}' is not one of ${names.join(', ')}`);
  return code;
}

function addRef(b: Builder, id: number, ref: Ref): void {
  if (ref !== 0) b.addFieldOffset(id, ref, 0);
}

function associatedFile(b: Builder, f: AssociatedFile): Ref {
  const name = b.createString(f.name);
  const description = optString(b, f.description);
  const locale = optString(b, f.locale);
  const version = optString(b, f.version);
  b.startObject(AssociatedFileF.numFields);
  addRef(b, AssociatedFileF.name, name);
  addRef(b, AssociatedFileF.description, description);
  b.addFieldInt8(AssociatedFileF.type, codeOf(ASSOCIATED_FILE_TYPES, f.type), 0);
  addRef(b, AssociatedFileF.locale, locale);
  addRef(b, AssociatedFileF.version, version);
  return b.endObject();
}

function contentProperties(b: Builder, p: ContentProperties): Ref {
  switch (p.kind) {
    case 'feature':
      b.startObject(0);
      return b.endObject();
    case 'image': {
      let size: Ref = 0;
      if (p.defaultSize) {
        b.startObject(ImageSizeF.numFields);
        b.addFieldInt32(ImageSizeF.width, p.defaultSize.width, 0);
        b.addFieldInt32(ImageSizeF.height, p.defaultSize.height, 0);
        size = b.endObject();
      }
      b.startObject(ImagePropertiesF.numFields);
      b.addFieldInt8(ImagePropertiesF.colorSpace, codeOf(COLOR_SPACES, p.colorSpace), 0);
      addRef(b, ImagePropertiesF.defaultSize, size);
      return b.endObject();
    }
    case 'boundingBox': {
      const index = p.index.length > 0 ? uints(b, p.index) : 0;
      b.startObject(BoundingBoxPropertiesF.numFields);
      addRef(b, BoundingBoxPropertiesF.index, index);
      b.addFieldInt8(BoundingBoxPropertiesF.type, codeOf(BOUNDING_BOX_TYPES, p.type), 0);
      b.addFieldInt8(BoundingBoxPropertiesF.coordinateType, codeOf(COORDINATE_TYPES, p.coordinateType), 0);
      return b.endObject();
    }
    case 'audio':
      b.startObject(AudioPropertiesF.numFields);
      b.addFieldInt32(AudioPropertiesF.sampleRate, p.sampleRate, 0);
      b.addFieldInt32(AudioPropertiesF.channels, p.channels, 0);
      return b.endObject();
  }
}

function content(b: Builder, c: Content): Ref {
  const properties = c.properties ? contentProperties(b, c.properties) : 0;
  let range: Ref = 0;
  if (c.range) {
    b.startObject(ValueRangeF.numFields);
    b.addFieldInt32(ValueRangeF.min, c.range.min, 0);
    b.addFieldInt32(ValueRangeF.max, c.range.max, 0);
    range = b.endObject();
  }
  b.startObject(ContentF.numFields);
  if (c.properties) b.addFieldInt8(ContentF.propertiesType, ContentPropertiesType[c.properties.kind], 0);
  addRef(b, ContentF.properties, properties);
  addRef(b, ContentF.range, range);
  return b.endObject();
}

/** The options table of a process unit and its union type code. */
function processUnitOptions(b: Builder, u: Exclude<ProcessUnit, { kind: 'unknown' }>): Ref {
  switch (u.kind) {
    case 'normalization': {
      const mean = floats(b, u.mean);
      const std = floats(b, u.std);
      b.startObject(NormalizationOptionsF.numFields);
      addRef(b, NormalizationOptionsF.mean, mean);
      addRef(b, NormalizationOptionsF.std, std);
      return b.endObject();
    }
    case 'scoreCalibration':
      b.startObject(ScoreCalibrationOptionsF.numFields);
      b.addFieldInt8(ScoreCalibrationOptionsF.scoreTransformation, codeOf(SCORE_TRANSFORMATIONS, u.scoreTransformation), 0);
      b.addFieldFloat32(ScoreCalibrationOptionsF.defaultScore, u.defaultScore, 0);
      return b.endObject();
    case 'scoreThresholding':
      b.startObject(ScoreThresholdingOptionsF.numFields);
      b.addFieldFloat32(ScoreThresholdingOptionsF.globalScoreThreshold, u.globalScoreThreshold, 0);
      return b.endObject();
    case 'bertTokenizer': {
      const vocab = optList(b, u.vocabFile, associatedFile);
      b.startObject(BertTokenizerOptionsF.numFields);
      addRef(b, BertTokenizerOptionsF.vocabFile, vocab);
      return b.endObject();
    }
    case 'sentencePieceTokenizer': {
      const model = optList(b, u.sentencePieceModel, associatedFile);
      const vocab = optList(b, u.vocabFile, associatedFile);
      b.startObject(SentencePieceTokenizerOptionsF.numFields);
      addRef(b, SentencePieceTokenizerOptionsF.sentencePieceModel, model);
      addRef(b, SentencePieceTokenizerOptionsF.vocabFile, vocab);
      return b.endObject();
    }
    case 'regexTokenizer': {
      const pattern = b.createString(u.delimRegexPattern);
      const vocab = optList(b, u.vocabFile, associatedFile);
      b.startObject(RegexTokenizerOptionsF.numFields);
      addRef(b, RegexTokenizerOptionsF.delimRegexPattern, pattern);
      addRef(b, RegexTokenizerOptionsF.vocabFile, vocab);
      return b.endObject();
    }
  }
}

function processUnit(b: Builder, u: ProcessUnit): Ref {
  if (u.kind === 'unknown') throw new ModelFormatError(`metadata: cannot write a process unit of unknown type ${u.typeCode}`);
  const options = processUnitOptions(b, u);
  b.startObject(ProcessUnitF.numFields);
  b.addFieldInt8(ProcessUnitF.optionsType, ProcessUnitType[u.kind], 0);
  addRef(b, ProcessUnitF.options, options);
  return b.endObject();
}

function tensorMetadata(b: Builder, t: TensorMetadata): Ref {
  const F = TensorMetadataF;
  const name = optString(b, t.name);
  const description = optString(b, t.description);
  const dimensionNames = t.dimensionNames ? offsets(b, t.dimensionNames.map((n) => b.createString(n))) : 0;
  const contentRef = t.content ? content(b, t.content) : 0;
  const units = optList(b, t.processUnits, processUnit);
  let stats: Ref = 0;
  if (t.stats) {
    const max = floats(b, t.stats.max);
    const min = floats(b, t.stats.min);
    b.startObject(StatsF.numFields);
    addRef(b, StatsF.max, max);
    addRef(b, StatsF.min, min);
    stats = b.endObject();
  }
  const filesRef = optList(b, t.associatedFiles, associatedFile);
  b.startObject(F.numFields);
  addRef(b, F.name, name);
  addRef(b, F.description, description);
  addRef(b, F.dimensionNames, dimensionNames);
  addRef(b, F.content, contentRef);
  addRef(b, F.processUnits, units);
  addRef(b, F.stats, stats);
  addRef(b, F.associatedFiles, filesRef);
  return b.endObject();
}

function tensorGroup(b: Builder, g: TensorGroup): Ref {
  const name = optString(b, g.name);
  const names = offsets(b, g.tensorNames.map((n) => b.createString(n)));
  b.startObject(TensorGroupF.numFields);
  addRef(b, TensorGroupF.name, name);
  addRef(b, TensorGroupF.tensorNames, names);
  return b.endObject();
}

function customMetadata(b: Builder, c: CustomMetadata): Ref {
  const name = optString(b, c.name);
  b.prep(16, c.data.length); // force_align: 16 in the schema
  const data = b.createByteVector(c.data);
  b.startObject(CustomMetadataF.numFields);
  addRef(b, CustomMetadataF.name, name);
  addRef(b, CustomMetadataF.data, data);
  return b.endObject();
}

function subgraphMetadata(b: Builder, s: SubGraphMetadata): Ref {
  const F = SubGraphMetadataF;
  const refs = [
    [F.name, optString(b, s.name)],
    [F.description, optString(b, s.description)],
    [F.inputTensorMetadata, optList(b, s.inputTensorMetadata, tensorMetadata)],
    [F.outputTensorMetadata, optList(b, s.outputTensorMetadata, tensorMetadata)],
    [F.associatedFiles, optList(b, s.associatedFiles, associatedFile)],
    [F.inputProcessUnits, optList(b, s.inputProcessUnits, processUnit)],
    [F.outputProcessUnits, optList(b, s.outputProcessUnits, processUnit)],
    [F.inputTensorGroups, optList(b, s.inputTensorGroups, tensorGroup)],
    [F.outputTensorGroups, optList(b, s.outputTensorGroups, tensorGroup)],
    [F.customMetadata, optList(b, s.customMetadata, customMetadata)],
  ] as const;
  b.startObject(F.numFields);
  for (const [id, ref] of refs) addRef(b, id, ref);
  return b.endObject();
}

/** The metadata flatbuffer for `metadata`; its min_parser_version is always recomputed. */
export function writeMetadataBuffer(metadata: ModelMetadata): Uint8Array {
  const b = new Builder(1024);
  const F = ModelMetadataF;
  const refs = [
    [F.name, optString(b, metadata.name)],
    [F.description, optString(b, metadata.description)],
    [F.version, optString(b, metadata.version)],
    [F.subgraphMetadata, optList(b, metadata.subgraphMetadata, subgraphMetadata)],
    [F.author, optString(b, metadata.author)],
    [F.license, optString(b, metadata.license)],
    [F.associatedFiles, optList(b, metadata.associatedFiles, associatedFile)],
    [F.minParserVersion, b.createString(minParserVersion(metadata))],
  ] as const;
  b.startObject(F.numFields);
  for (const [id, ref] of refs) addRef(b, id, ref);
  b.finish(b.endObject(), METADATA_IDENTIFIER);
  return b.asUint8Array().slice();
}
