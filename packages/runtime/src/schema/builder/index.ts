/** `@tflite-lambda/runtime/builder`: assemble .tflite models in TypeScript (tests, converter). */
export { ModelBuilder, SubgraphBuilder, singleOpModel, type BuilderOperator, type BuilderTensor } from './model_builder.js';
export { buildModel, type BuildOptions } from './build_model.js';
export { flexMap, type FlexMapValue } from './flexbuffer_map.js';
