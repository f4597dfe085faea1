export { ImageClassifier, type ClassifierEngine } from './classifier.js';
export { ClassifierError, type ClassifierErrorCode } from './errors.js';
export type { ClassifierOptions, Normalization, PredictOptions } from './options.js';
export type { Classification } from './scores.js';
export { inputSpecOf, type InputSpec } from './input.js';
export { preprocess, preparePixels } from './preprocess.js';
