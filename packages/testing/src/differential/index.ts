/** Differential testing against LiteRT.js: case builders, random data and the test harness. */
export * from './case_builder.js';
export * from './harness.js';
export * from './oracles.js';
export * from './random_data.js';
export * from './rng.js';
export * from './suites.js';
export { unidirectionalLstmFamily } from './families/recurrent_lstm.js';
export { svdfFamily } from './families/recurrent_svdf.js';
export { lstmFamily, rnnFamily } from './families/recurrent_more.js';
export { dynamicShapesFamily } from './families/dynamic_shapes.js';
export { controlFlowFamily, resourceVariablesFamily } from './families/control_flow.js';
