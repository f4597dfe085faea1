/**
 * The caller's view of tensor contents (setTensor / getTensor): TypedArrays as kernels hold them, except
 * string tensors (a string[] of UTF-8 text), complex64 tensors (a Float32Array of interleaved real and
 * imaginary parts, twice the element count, as TFLite lays them out) and uint64 tensors (a BigUint64Array).
 */
import { complexParts, isTypedArrayOf, unsigned64, type TypedArray } from '../core/dtype.js';
import { TensorError } from '../core/errors.js';
import { formatShape } from '../core/shape.js';
import { StringArray, stringsFromCaller } from '../core/string_data.js';
import type { RuntimeTensor } from '../kernels/kernel.js';

export type TensorData = TypedArray | BigUint64Array | string[];

/** An input value with the shape to resize the tensor to first. */
export interface ShapedTensorData {
  readonly data: TensorData;
  readonly shape: readonly number[];
}

export function isShapedData(x: TensorData | ShapedTensorData): x is ShapedTensorData {
  return !ArrayBuffer.isView(x) && !Array.isArray(x);
}

function describe(data: unknown): string {
  return (data as object | null)?.constructor?.name ?? typeof data;
}

export function writeTensorData(t: RuntimeTensor, data: TensorData, what: string): void {
  if (t.data instanceof StringArray) {
    const given = data instanceof StringArray ? data.strings : data;
    t.data.strings = stringsFromCaller(given, t.data.length, `${what}: tensor '${t.name}'`);
    return;
  }
  const target = t.dtype === 'complex64' ? complexParts(t.data) : t.dtype === 'uint64' ? unsigned64(t.data) : t.data;
  if (!acceptsValue(t.dtype, data)) {
    const want = t.dtype === 'complex64' ? 'a Float32Array of (real, imaginary) pairs' : t.dtype === 'uint64' ? 'a BigUint64Array' : `${t.dtype}`;
    throw new TensorError(`${what}: tensor '${t.name}' is ${t.dtype} (${want}); got a ${describe(data)}`);
  }
  if (data.length !== target.length) {
    const unit = t.dtype === 'complex64' ? 'float32 values (real, imaginary pairs)' : 'elements';
    throw new TensorError(
      `${what}: tensor '${t.name}' ${t.dtype}${formatShape(t.shape)} needs ${target.length} ${unit}; got ${data.length}`,
    );
  }
  (target as Float32Array).set(data as Float32Array);
}

/** Whether `data` is the caller's form of a `dtype` tensor (complex64 and uint64 have their own). */
function acceptsValue(dtype: RuntimeTensor['dtype'], data: TensorData): boolean {
  if (Array.isArray(data)) return false;
  if (dtype === 'complex64') return data instanceof Float32Array;
  if (dtype === 'uint64') return data instanceof BigUint64Array;
  return !(data instanceof BigUint64Array) && isTypedArrayOf(dtype, data);
}

export function readTensorData(t: RuntimeTensor): TensorData {
  if (t.data instanceof StringArray) return t.data.toStrings();
  if (t.dtype === 'complex64') return complexParts(t.data).slice();
  if (t.dtype === 'uint64') return unsigned64(t.data).slice();
  return t.data.slice();
}
