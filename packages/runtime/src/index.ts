/** @tflite-lambda/runtime — run .tflite models in TypeScript. The public API is the Interpreter. */
export { Interpreter, type InterpreterOptions } from './interpreter/interpreter.js';
export { WasmContext, type WasmContextOptions } from './kernels/wasm/context.js';
export type { TensorDetails } from './interpreter/details.js';
export type { TensorData, ShapedTensorData } from './interpreter/tensor_values.js';
export type { ModelSource } from './interpreter/source.js';
export type { DType, TypedArray } from './core/dtype.js';
export type { ModelDesc, SubgraphDesc, TensorDesc, OperatorDesc, QuantizationParams } from './core/model.js';
export {
  TfliteError,
  ModelFormatError,
  UnsupportedError,
  ShapeError,
  TensorError,
  StateError,
  MemoryLimitError,
  ComputeLimitError,
  InternalError,
  type TfliteErrorCode,
} from './core/errors.js';
export { BuiltinOp, opName } from './core/ops.js';
export { OpResolver } from './kernels/resolver.js';
export { builtinOpResolver } from './kernels/builtin.js';
export { readModel } from './schema/read_model.js';
