// Entry bundled for run.mjs and corpus.mjs: the model builder, the model reader, the MAC counter and classes.
export { readModel } from '@tflite-lambda/runtime';
export { buildMobilenetStyleFloat, countMacs } from './models.mjs';
export { modelClass } from './model_class.mjs';
