/**
 * `@tflite-lambda/runtime/metadata`: read and write TFLite Model Metadata (the TFLITE_METADATA flatbuffer of
 * tflite-support's metadata_schema.fbs) and the associated files zipped onto a model.
 */
export type * from './types.js';
export { readModelMetadata, writeModelMetadata, associatedFileNames, metadataEntryBytes, modelBytesWithoutArchive } from './model_file.js';
export type { ModelMetadataContents, MetadataWriteOptions } from './model_file.js';
export { readMetadataBuffer } from './read_metadata.js';
export { writeMetadataBuffer } from './write_metadata.js';
export { minParserVersion } from './parser_version.js';
export { METADATA_BUFFER_NAME, METADATA_IDENTIFIER } from './schema_fields.js';
export { withMetadataEntry, type MetadataEntry } from './model_root.js';
export { parseLabelFile, findAssociatedFile } from './labels.js';
export { readZipDirectory, readZipEntry, readZipFiles } from './zip/zip_reader.js';
export type { ZipArchive, ZipEntryInfo, ZipMethod, ZipReadOptions } from './zip/zip_reader.js';
export { writeZip, concatBytes, type ZipFileInput, type ZipWriteOptions } from './zip/zip_writer.js';
export { inflateRaw, type InflateOptions } from './zip/inflate.js';
export { deflateRaw } from './zip/deflate.js';
export { crc32 } from './zip/crc32.js';
