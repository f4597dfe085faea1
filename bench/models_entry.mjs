// Entry bundled for run.mjs: the model builder, the model reader and the MAC counter.
export { readModel } from '@tflite-lambda/runtime';
export { buildMobilenetStyleFloat, countMacs } from './models.mjs';
