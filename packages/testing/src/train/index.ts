export * from './convert_helpers.js';
export * from './sequence_helpers.js';
