/**
 * Metadata in a .tflite file: the TFLITE_METADATA buffer holds the metadata flatbuffer, and the associated
 * files it names (labels, vocabularies) travel in a zip archive appended after the model, as TFLite
 * Support's MetadataPopulator writes them. Reading returns both; writing adds or replaces them and gives a
 * model that TFLite runtimes load as before.
 */
import { ModelFormatError } from '../core/errors.js';
import { FlatReader } from '../schema/flatbuffer_reader.js';
import { BufferF, MetadataF, ModelF } from '../schema/schema_fields.js';
import { withMetadataEntry } from './model_root.js';
import { readMetadataBuffer } from './read_metadata.js';
import { METADATA_BUFFER_NAME } from './schema_fields.js';
import type { AssociatedFile, ModelMetadata, ProcessUnit, TensorMetadata } from './types.js';
import { writeMetadataBuffer } from './write_metadata.js';
import { readZipDirectory, readZipFiles, type ZipMethod, type ZipReadOptions } from './zip/zip_reader.js';
import { writeZip } from './zip/zip_writer.js';

export interface ModelMetadataContents {
  /** Null when the model carries no TFLITE_METADATA entry. */
  readonly metadata: ModelMetadata | null;
  /** The associated files packed with the model, by name (empty when there are none). */
  readonly files: ReadonlyMap<string, Uint8Array>;
}

/** Where the flatbuffer (and any data stored after it) ends: at the appended zip archive, if there is one. */
export function modelBytesWithoutArchive(model: Uint8Array): Uint8Array {
  const archive = readZipDirectory(model);
  return archive === null ? model : model.subarray(0, archive.start);
}

/** The bytes of the model's metadata buffer named `name`, or null. */
export function metadataEntryBytes(model: Uint8Array, name: string): Uint8Array | null {
  const root = new FlatReader(model).root('model');
  const entry = root
    .tables(ModelF.metadata, 'metadata', (i) => `metadata ${i}`)
    .find((t) => (t.string(MetadataF.name, 'name') ?? '') === name);
  if (entry === undefined) return null;
  const index = entry.uint32(MetadataF.buffer, 0);
  const buffers = root.tables(ModelF.buffers, 'buffers', (i) => `buffer ${i}`);
  const buffer = buffers[index];
  if (buffer === undefined) {
    throw new ModelFormatError(`metadata '${name}': buffer index ${index} is out of range (${buffers.length} buffers)`);
  }
  const inline = buffer.bytes(BufferF.data, 'buffer data');
  if (inline !== null && inline.length > 0) return inline;
  const offset = Number(buffer.uint64(BufferF.offset));
  const size = Number(buffer.uint64(BufferF.size));
  if (offset <= 1) return new Uint8Array(0);
  if (offset + size > model.length) throw new ModelFormatError(`metadata '${name}': its buffer runs past the end of the file`);
  return model.subarray(offset, offset + size);
}

/** The model's metadata and associated files. */
export function readModelMetadata(model: Uint8Array, options: ZipReadOptions = {}): ModelMetadataContents {
  const buffer = metadataEntryBytes(model, METADATA_BUFFER_NAME);
  const metadata = buffer === null || buffer.length === 0 ? null : readMetadataBuffer(buffer);
  return { metadata, files: readZipFiles(model, options) };
}

function unitFiles(u: ProcessUnit): readonly AssociatedFile[] {
  if (u.kind === 'bertTokenizer' || u.kind === 'regexTokenizer') return u.vocabFile;
  if (u.kind === 'sentencePieceTokenizer') return [...u.sentencePieceModel, ...u.vocabFile];
  return [];
}

function tensorFiles(t: TensorMetadata): readonly AssociatedFile[] {
  return [...(t.associatedFiles ?? []), ...(t.processUnits ?? []).flatMap(unitFiles)];
}

/** Every associated file the metadata names, wherever it is named. */
export function associatedFileNames(metadata: ModelMetadata): Set<string> {
  const all: AssociatedFile[] = [...(metadata.associatedFiles ?? [])];
  for (const s of metadata.subgraphMetadata ?? []) {
    all.push(...(s.associatedFiles ?? []));
    for (const t of [...(s.inputTensorMetadata ?? []), ...(s.outputTensorMetadata ?? [])]) all.push(...tensorFiles(t));
    for (const u of [...(s.inputProcessUnits ?? []), ...(s.outputProcessUnits ?? [])]) all.push(...unitFiles(u));
  }
  return new Set(all.map((f) => f.name));
}

export interface MetadataWriteOptions {
  /** How associated files are packed: 'stored' (default; what TFLite's own extractor requires) or 'deflate'. */
  readonly zipMethod?: ZipMethod;
}

/**
 * The model with `metadata` as its TFLITE_METADATA and exactly `files` as its associated files (replacing
 * any it had). Every file the metadata names must be given, and every file given must be named.
 */
export function writeModelMetadata(
  model: Uint8Array,
  metadata: ModelMetadata,
  files: ReadonlyMap<string, Uint8Array> = new Map(),
  options: MetadataWriteOptions = {},
): Uint8Array {
  const named = associatedFileNames(metadata);
  for (const name of named) {
    if (!files.has(name)) throw new ModelFormatError(`metadata names the associated file '${name}', but it was not given`);
  }
  for (const name of files.keys()) {
    if (!named.has(name)) throw new ModelFormatError(`associated file '${name}' is not named anywhere in the metadata`);
  }
  const flat = withMetadataEntry(modelBytesWithoutArchive(model), { name: METADATA_BUFFER_NAME, data: writeMetadataBuffer(metadata) });
  if (files.size === 0) return flat;
  const zip = writeZip([...files].map(([name, data]) => ({ name, data })), { method: options.zipMethod, baseOffset: flat.length });
  const out = new Uint8Array(flat.length + zip.length);
  out.set(flat);
  out.set(zip, flat.length);
  return out;
}
