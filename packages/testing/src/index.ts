/**
 * @tflite-lambda/testing — test support shared by the workspaces: never published, never bundled.
 * This entry holds the light helpers (kernel runner, tensor comparison, corpus readers, paths, fuzzing);
 * heavier ones have their own subpaths: /litert (the LiteRT.js oracle), /differential, /images, /serving,
 * /cli, /train.
 */
export * from './kernels/kernel_runner.js';
export * from './kernels/layout_test_utils.js';
export * from './kernels/quant_test_helpers.js';
export * from './kernels/test_helpers.js';
export * from './paths.js';
export * from './litert/compare.js';
export * from './litert/host_tensor.js';
export * from './corpus/conformance_corpus.js';
export * from './fuzz/fuzz_mutations.js';
export * from './corpus/micro_speech_frames.js';
export * from './regressions.js';
export * from './audit/tflite_op_versions.js';
export { loadReproducers, saveReproducer } from './fuzz/reproducers.js';
export type { FuzzCase, FuzzTargetName } from './fuzz/fuzz_case.js';
