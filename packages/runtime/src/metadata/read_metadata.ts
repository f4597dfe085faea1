/**
 * Reads a metadata flatbuffer (the contents of a model's TFLITE_METADATA buffer) into plain data, with the
 * same bounds-checked accessors as the model reader: malformed bytes end in a ModelFormatError that says
 * where. Fields and union members of later schema versions are skipped (unions keep their type code).
 */
import { ModelFormatError } from '../core/errors.js';
import { FlatReader, type Table } from '../schema/flatbuffer_reader.js';
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

const utf8 = new TextDecoder('utf-8');

/** Drops absent (undefined) fields, so results compare equal to what was written. */
function present<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function enumName<T>(names: readonly T[], code: number, what: string, where: string): T {
  const name = names[code];
  if (name === undefined) throw new ModelFormatError(`${where}: ${what} ${code} is not a known value`);
  return name;
}

function str(t: Table, id: number, what: string): string | undefined {
  return t.string(id, what) ?? undefined;
}

function strings(t: Table, id: number, what: string): string[] | undefined {
  const span = t.vector(id, 4, what);
  if (span === null) return undefined;
  t.r.charge(span.length, t.where);
  const out: string[] = [];
  for (let i = 0; i < span.length; i++) {
    const v = t.r.vectorAt(t.r.deref(span.start + 4 * i, t.where, what), 1, t.where, what);
    out.push(utf8.decode(t.r.bytes.subarray(v.start, v.start + v.length)));
  }
  return out;
}

function list<T>(t: Table, id: number, what: string, read: (child: Table) => T): T[] | undefined {
  if (!t.has(id)) return undefined;
  return t.tables(id, what, (i) => `${t.where} > ${what}[${i}]`).map(read);
}

function associatedFile(t: Table): AssociatedFile {
  return present({
    name: str(t, AssociatedFileF.name, 'name') ?? '',
    description: str(t, AssociatedFileF.description, 'description'),
    type: enumName(ASSOCIATED_FILE_TYPES, t.int8(AssociatedFileF.type, 0), 'associated file type', t.where),
    locale: str(t, AssociatedFileF.locale, 'locale'),
    version: str(t, AssociatedFileF.version, 'version'),
  });
}

function files(t: Table, id: number, what: string): AssociatedFile[] | undefined {
  return list(t, id, what, associatedFile);
}

function contentProperties(t: Table): ContentProperties | undefined {
  const type = t.uint8(ContentF.propertiesType, 0);
  const p = t.table(ContentF.properties, 'content_properties', `${t.where} > content_properties`);
  if (type === ContentPropertiesType.feature) return { kind: 'feature' };
  if (p === null) return undefined;
  if (type === ContentPropertiesType.image) {
    const size = p.table(ImagePropertiesF.defaultSize, 'default_size');
    return present({
      kind: 'image' as const,
      colorSpace: enumName(COLOR_SPACES, p.int8(ImagePropertiesF.colorSpace, 0), 'color space', p.where),
      defaultSize: size ? { width: size.uint32(ImageSizeF.width, 0), height: size.uint32(ImageSizeF.height, 0) } : undefined,
    });
  }
  if (type === ContentPropertiesType.boundingBox) {
    return {
      kind: 'boundingBox',
      index: p.int32s(BoundingBoxPropertiesF.index, 'index')?.map((v) => v >>> 0) ?? [],
      type: enumName(BOUNDING_BOX_TYPES, p.int8(BoundingBoxPropertiesF.type, 0), 'bounding box type', p.where),
      coordinateType: enumName(COORDINATE_TYPES, p.int8(BoundingBoxPropertiesF.coordinateType, 0), 'coordinate type', p.where),
    };
  }
  if (type === ContentPropertiesType.audio) {
    return { kind: 'audio', sampleRate: p.uint32(AudioPropertiesF.sampleRate, 0), channels: p.uint32(AudioPropertiesF.channels, 0) };
  }
  return undefined;
}

function content(t: Table): Content {
  const range = t.table(ContentF.range, 'range');
  return present({
    properties: contentProperties(t),
    range: range ? { min: range.int32(ValueRangeF.min, 0), max: range.int32(ValueRangeF.max, 0) } : undefined,
  });
}

function processUnit(t: Table): ProcessUnit {
  const typeCode = t.uint8(ProcessUnitF.optionsType, 0);
  const o = t.table(ProcessUnitF.options, 'options', `${t.where} > options`);
  if (o === null) return { kind: 'unknown', typeCode };
  switch (typeCode) {
    case ProcessUnitType.normalization:
      return {
        kind: 'normalization',
        mean: o.float32s(NormalizationOptionsF.mean, 'mean') ?? [],
        std: o.float32s(NormalizationOptionsF.std, 'std') ?? [],
      };
    case ProcessUnitType.scoreCalibration:
      return {
        kind: 'scoreCalibration',
        scoreTransformation: enumName(SCORE_TRANSFORMATIONS, o.int8(ScoreCalibrationOptionsF.scoreTransformation, 0), 'score transformation', o.where),
        defaultScore: o.float32(ScoreCalibrationOptionsF.defaultScore, 0),
      };
    case ProcessUnitType.scoreThresholding:
      return { kind: 'scoreThresholding', globalScoreThreshold: o.float32(ScoreThresholdingOptionsF.globalScoreThreshold, 0) };
    case ProcessUnitType.bertTokenizer:
      return { kind: 'bertTokenizer', vocabFile: files(o, BertTokenizerOptionsF.vocabFile, 'vocab_file') ?? [] };
    case ProcessUnitType.sentencePieceTokenizer:
      return {
        kind: 'sentencePieceTokenizer',
        sentencePieceModel: files(o, SentencePieceTokenizerOptionsF.sentencePieceModel, 'sentencePiece_model') ?? [],
        vocabFile: files(o, SentencePieceTokenizerOptionsF.vocabFile, 'vocab_file') ?? [],
      };
    case ProcessUnitType.regexTokenizer:
      return {
        kind: 'regexTokenizer',
        delimRegexPattern: str(o, RegexTokenizerOptionsF.delimRegexPattern, 'delim_regex_pattern') ?? '',
        vocabFile: files(o, RegexTokenizerOptionsF.vocabFile, 'vocab_file') ?? [],
      };
    default:
      return { kind: 'unknown', typeCode };
  }
}

function tensorMetadata(t: Table): TensorMetadata {
  const c = t.table(TensorMetadataF.content, 'content', `${t.where} > content`);
  const s = t.table(TensorMetadataF.stats, 'stats');
  return present({
    name: str(t, TensorMetadataF.name, 'name'),
    description: str(t, TensorMetadataF.description, 'description'),
    dimensionNames: strings(t, TensorMetadataF.dimensionNames, 'dimension_names'),
    content: c ? content(c) : undefined,
    processUnits: list(t, TensorMetadataF.processUnits, 'process_units', processUnit),
    stats: s ? { max: s.float32s(StatsF.max, 'max') ?? [], min: s.float32s(StatsF.min, 'min') ?? [] } : undefined,
    associatedFiles: files(t, TensorMetadataF.associatedFiles, 'associated_files'),
  });
}

function tensorGroup(t: Table): TensorGroup {
  return present({ name: str(t, TensorGroupF.name, 'name'), tensorNames: strings(t, TensorGroupF.tensorNames, 'tensor_names') ?? [] });
}

function customMetadata(t: Table): CustomMetadata {
  return present({ name: str(t, CustomMetadataF.name, 'name'), data: (t.bytes(CustomMetadataF.data, 'data') ?? new Uint8Array(0)).slice() });
}

function subgraphMetadata(t: Table): SubGraphMetadata {
  const F = SubGraphMetadataF;
  return present({
    name: str(t, F.name, 'name'),
    description: str(t, F.description, 'description'),
    inputTensorMetadata: list(t, F.inputTensorMetadata, 'input_tensor_metadata', tensorMetadata),
    outputTensorMetadata: list(t, F.outputTensorMetadata, 'output_tensor_metadata', tensorMetadata),
    associatedFiles: files(t, F.associatedFiles, 'associated_files'),
    inputProcessUnits: list(t, F.inputProcessUnits, 'input_process_units', processUnit),
    outputProcessUnits: list(t, F.outputProcessUnits, 'output_process_units', processUnit),
    inputTensorGroups: list(t, F.inputTensorGroups, 'input_tensor_groups', tensorGroup),
    outputTensorGroups: list(t, F.outputTensorGroups, 'output_tensor_groups', tensorGroup),
    customMetadata: list(t, F.customMetadata, 'custom_metadata', customMetadata),
  });
}

/** Parses a metadata flatbuffer; its identifier must be "M001", as TFLite's metadata extractor requires. */
export function readMetadataBuffer(bytes: Uint8Array): ModelMetadata {
  const r = new FlatReader(bytes);
  const root = r.root('model metadata');
  const identifier = utf8.decode(bytes.subarray(4, 8));
  if (identifier !== METADATA_IDENTIFIER) {
    throw new ModelFormatError(`model metadata: file identifier is '${identifier}', expected '${METADATA_IDENTIFIER}'`);
  }
  const F = ModelMetadataF;
  return present({
    name: str(root, F.name, 'name'),
    description: str(root, F.description, 'description'),
    version: str(root, F.version, 'version'),
    subgraphMetadata: list(root, F.subgraphMetadata, 'subgraph_metadata', subgraphMetadata),
    author: str(root, F.author, 'author'),
    license: str(root, F.license, 'license'),
    associatedFiles: files(root, F.associatedFiles, 'associated_files'),
    minParserVersion: str(root, F.minParserVersion, 'min_parser_version'),
  });
}
