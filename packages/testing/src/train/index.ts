export * from './convert_helpers.js';
export * from './npy_writer.js';
