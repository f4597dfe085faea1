/**
 * The caller's view of tensor contents (setTensor / getTensor): TypedArrays as kernels hold them, except
 * string tensors (a string[] of UTF-8 text) and complex64 tensors (a Float32Array of interleaved real and
 * imaginary parts, twice the element count, as TFLite lays them out).
 */
import { complexParts, isTypedArrayOf, type TypedArray } from '../core/dtype.js';
import { TensorError } from '../core/errors.js';
import { formatShape } from '../core/shape.js';
import { StringArray, stringsFromCaller } from '../core/string_data.js';
import type { RuntimeTensor } from '../kernels/kernel.js';

export type TensorValue = TypedArray | string[];

/** An input value with the shape to resize the tensor to first. */
export interface ShapedValue {
  readonly data: TensorValue;
  readonly shape: readonly number[];
}

export function isShapedValue(x: TensorValue | ShapedValue): x is ShapedValue {
  return !ArrayBuffer.isView(x) && !Array.isArray(x);
}

function describe(data: unknown): string {
  return (data as object | null)?.constructor?.name ?? typeof data;
}

export function writeTensorValue(t: RuntimeTensor, data: TensorValue, what: string): void {
  if (t.data instanceof StringArray) {
    const given = data instanceof StringArray ? data.strings : data;
    t.data.strings = stringsFromCaller(given, t.data.length, `${what}: tensor '${t.name}'`);
    return;
  }
  const target = t.dtype === 'complex64' ? complexParts(t.data) : t.data;
  if (Array.isArray(data) || !(t.dtype === 'complex64' ? data instanceof Float32Array : isTypedArrayOf(t.dtype, data))) {
    const want = t.dtype === 'complex64' ? 'a Float32Array of (real, imaginary) pairs' : `${t.dtype}`;
    throw new TensorError(`${what}: tensor '${t.name}' is ${t.dtype} (${want}); got a ${describe(data)}`);
  }
  if (data.length !== target.length) {
    const unit = t.dtype === 'complex64' ? 'float32 values (real, imaginary pairs)' : 'elements';
    throw new TensorError(
      `${what}: tensor '${t.name}' ${t.dtype}${formatShape(t.shape)} needs ${target.length} ${unit}; got ${data.length}`,
    );
  }
  (target as Exclude<TypedArray, BigInt64Array>).set(data as Exclude<TypedArray, BigInt64Array>);
}

export function readTensorValue(t: RuntimeTensor): TensorValue {
  if (t.data instanceof StringArray) return t.data.toStrings();
  if (t.dtype === 'complex64') return complexParts(t.data).slice();
  return t.data.slice();
}
