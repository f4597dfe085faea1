/** Entry point for kernel authors and sibling packages: the kernel contract, resolver and core helpers. */
export * from './core/dtype.js';
export * from './core/errors.js';
export * from './core/model.js';
export * from './core/ops.js';
export type * from './core/options.js';
export * from './core/shape.js';
export type { AnyKernel, KernelRegistration, NodeContext, NodeSignature, RuntimeTensor } from './kernels/kernel.js';
export type { ResourceVariable, Resources, SubgraphCall, TensorValue } from './kernels/node_runtime.js';
export { ResourceStore } from './interpreter/resources.js';
export { OpResolver } from './kernels/resolver.js';
export { builtinOpResolver } from './kernels/builtin.js';
export { optionsOrDefault, requireOptions } from './kernels/common/options.js';
// WebAssembly SIMD kernels (kernels/wasm): the registrations, and the GEMM / convolution functions for use
// outside the interpreter (the training package's TensorFlow.js kernels).
export { wasmOpResolver } from './kernels/wasm_resolver.js';
export {
  WASM_KERNELS, simdSupported, gemm, packGemmWeights, conv2dIm2col, conv2dIm2colGemm, packConv2D,
  type Activation, type PackedGemmWeights, type PackedConv2D,
} from './kernels/wasm/index.js';
// For a sibling package that runs the wasm kernels outside an interpreter (training): a WebAssembly memory
// with the kernel module over it (the caller creates and owns one), and the emitter for kernels of its own.
export { WasmContext, alignUp, scratchRegion, type WasmContextOptions } from './kernels/wasm/context.js';
export { Code, type Local } from './kernels/wasm/emitter/code.js';
export { assembleModule, type FunctionDef } from './kernels/wasm/emitter/module_writer.js';
// Custom operators' options (FlexBuffer maps), for code that reads a custom node's settings.
export { readFlexMap, type FlexScalar } from './schema/flexbuffer_map.js';
export { float16BitsToNumber, numberToFloat16Bits } from './kernels/common/float16.js';
// Shape helpers and the model reader, for test support that builds and inspects models.
export { readModel } from './schema/read_model.js';
export { broadcastShapes } from './kernels/common/broadcast.js';
export { reducedShape, resolveAxes } from './kernels/common/axes.js';
// Raw option structs of MediaPipe's custom operators (for test support that builds such models).
export {
  poolParamsBytes, transposeConvParamsBytes, type RawPoolParams, type RawTransposeConvParams,
} from './kernels/custom/raw_params.js';
