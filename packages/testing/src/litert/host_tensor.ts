/** A tensor value on the host: what the oracle takes and returns, and what comparisons work on. */
import {
  bytesPerElement,
  DTYPES,
  formatShape,
  numElements,
  viewTyped,
  type DType,
  type TypedArray,
} from '@tflite-lambda/runtime/internal';

/** A tensor value as the Interpreter hands it out; string tensors come back as string[], uint64 as BigUint64Array. */
export type TensorValueLike = TypedArray | BigUint64Array | string[];

/**
 * `value` as a TypedArray (uint64 values as the same bits in a BigInt64Array); a string tensor's value
 * (string[]) fails with a message naming `what`.
 */
export function numericValue(value: TensorValueLike, what = 'tensor'): TypedArray {
  if (Array.isArray(value)) throw new Error(`${what} is a string tensor, expected numbers`);
  if (value instanceof BigUint64Array) return new BigInt64Array(value.buffer, value.byteOffset, value.length);
  return value;
}

export interface HostTensor {
  readonly dtype: DType;
  readonly shape: readonly number[];
  readonly data: TypedArray;
}

/** The raw little-endian bytes of a typed array (a view, no copy). */
export function bytesOf(data: ArrayBufferView): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** A fresh, aligned typed array of `dtype` holding a copy of `bytes`. */
export function typedFromBytes(dtype: DType, bytes: Uint8Array): TypedArray {
  const width = bytesPerElement(dtype);
  if (bytes.byteLength % width !== 0) {
    throw new Error(`${bytes.byteLength} bytes is not a whole number of ${dtype} elements`);
  }
  // Not bytes.slice(): on a Node Buffer that is a view into a shared pool, not a copy.
  const copy = new Uint8Array(bytes);
  return viewTyped(dtype, copy.buffer, 0, copy.byteLength / width);
}

export function isDType(name: string): name is DType {
  return (DTYPES as readonly string[]).includes(name);
}

/** Checks that `data` holds exactly as many elements as `shape` says. */
export function checkHostTensor(t: HostTensor, what: string): void {
  const n = numElements(t.shape);
  if (t.data.length !== n) {
    throw new Error(`${what}: ${t.data.length} elements given for ${t.dtype}${formatShape(t.shape)} (${n})`);
  }
}

export function describeTensor(t: { dtype: string; shape: readonly number[] }): string {
  return `${t.dtype}${formatShape(t.shape)}`;
}

/** True when both tensors have the same dtype, shape and bytes. */
export function identicalTensors(a: HostTensor, b: HostTensor): boolean {
  if (a.dtype !== b.dtype || a.shape.length !== b.shape.length) return false;
  if (a.shape.some((d, i) => d !== b.shape[i])) return false;
  return Buffer.compare(bytesOf(a.data), bytesOf(b.data)) === 0;
}
