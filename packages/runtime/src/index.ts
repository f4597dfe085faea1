export type { DType, TypedArray } from './core/dtype.js';
export {
  TfliteError,
  ModelFormatError,
  UnsupportedError,
  ShapeError,
  TensorError,
  StateError,
  type TfliteErrorCode,
} from './core/errors.js';
export { BuiltinOp, opName } from './core/ops.js';
