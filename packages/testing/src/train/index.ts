export * from './convert_helpers.js';
export * from './npy_writer.js';
export * from './sequence_helpers.js';
