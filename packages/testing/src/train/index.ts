export * from './convert_helpers.js';
