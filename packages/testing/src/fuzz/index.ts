/** Fuzzing support: targets (images, HTTP bodies, model loading), mutators, the runner and reproducers. */
export * from './fuzz_case.js';
export * from './image_fuzz.js';
export * from './http_fuzz.js';
export * from './model_fuzz.js';
export * from './png_mutations.js';
export * from './jpeg_mutations.js';
export * from './reproducers.js';
export * from './runner.js';
