/**
 * Tensor element types, named like numpy. float16 values are stored as raw IEEE half bits in a Uint16Array.
 * complex64 elements (a float32 real part, then a float32 imaginary part) are held in a Float64Array, one
 * 8-byte slot per element, so that data-movement kernels copy whole elements; complex kernels view the same
 * bytes as interleaved float32 pairs (complexParts). uint64 elements are held in a BigInt64Array (same bits;
 * uint64 kernels view them through unsigned64). string elements live in a StringArray (string_data.ts).
 * TFLite's INT4 has no dtype here: the reader unpacks it to int8 (two values per byte in the file).
 * 'resource' is TFLite's RESOURCE: a handle to a resource variable, held as its int32 id (as TFLite does).
 */
import { StringArray } from './string_data.js';

export type DType =
  | 'float32'
  | 'float16'
  | 'int32'
  | 'uint8'
  | 'int64'
  | 'bool'
  | 'int16'
  | 'int8'
  | 'float64'
  | 'uint32'
  | 'uint64'
  | 'uint16'
  | 'complex64'
  | 'string'
  | 'resource';

export type TypedArray =
  | Float32Array
  | Float64Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | Uint8Array
  | BigInt64Array
  | Int16Array
  | Int8Array;

/** The TypedArray class used for each dtype. */
export interface TypedArrayFor {
  float32: Float32Array;
  float16: Uint16Array;
  int32: Int32Array;
  uint8: Uint8Array;
  int64: BigInt64Array;
  bool: Uint8Array;
  int16: Int16Array;
  int8: Int8Array;
  float64: Float64Array;
  uint32: Uint32Array;
  uint64: BigInt64Array;
  uint16: Uint16Array;
  complex64: Float64Array;
  string: StringArray;
  resource: Int32Array;
}

type TypedArrayCtor = {
  new (buffer: ArrayBufferLike, byteOffset: number, length: number): TypedArray;
  new (length: number): TypedArray;
  readonly BYTES_PER_ELEMENT: number;
};

const CTORS: Record<DType, TypedArrayCtor> = {
  float32: Float32Array,
  float16: Uint16Array,
  int32: Int32Array,
  uint8: Uint8Array,
  int64: BigInt64Array as unknown as TypedArrayCtor,
  bool: Uint8Array,
  int16: Int16Array,
  int8: Int8Array,
  float64: Float64Array,
  uint32: Uint32Array,
  uint64: BigInt64Array as unknown as TypedArrayCtor,
  uint16: Uint16Array,
  complex64: Float64Array,
  string: StringArray,
  resource: Int32Array,
};

export const DTYPES: readonly DType[] = Object.keys(CTORS) as DType[];

export function bytesPerElement(dtype: DType): number {
  return CTORS[dtype].BYTES_PER_ELEMENT;
}

/** A zero-filled array of `length` elements of `dtype`. */
export function allocTyped<D extends DType>(dtype: D, length: number): TypedArrayFor[D] {
  return new CTORS[dtype](length) as TypedArrayFor[D];
}

/** A view of `length` elements of `dtype` over `buffer` at `byteOffset` (no copy; offset must be aligned). */
export function viewTyped<D extends DType>(
  dtype: D,
  buffer: ArrayBufferLike,
  byteOffset: number,
  length: number,
): TypedArrayFor[D] {
  return new CTORS[dtype](buffer, byteOffset, length) as TypedArrayFor[D];
}

/** True when `data` is the TypedArray class that holds `dtype`. (uint8 and bool share Uint8Array.) */
export function isTypedArrayOf(dtype: DType, data: unknown): data is TypedArray {
  return data instanceof CTORS[dtype];
}

/** The dtype a TypedArray class usually holds (uint8 for Uint8Array, float16 for Uint16Array, float64 for Float64Array). */
export function dtypeOfTypedArray(data: TypedArray): DType {
  if (data instanceof Float32Array) return 'float32';
  if (data instanceof Int32Array) return 'int32';
  if (data instanceof StringArray) return 'string';
  if (data instanceof Uint8Array) return 'uint8';
  if (data instanceof Float64Array) return 'float64';
  if (data instanceof Uint32Array) return 'uint32';
  if (data instanceof Int8Array) return 'int8';
  if (data instanceof Int16Array) return 'int16';
  if (data instanceof Uint16Array) return 'float16';
  return 'int64';
}

/** A uint64 tensor's data as unsigned 64-bit values: a view, no copy. */
export function unsigned64(data: TypedArray): BigUint64Array {
  return new BigUint64Array(data.buffer, data.byteOffset, data.byteLength / 8);
}

/** The float32 (real, imaginary) pairs of a complex64 tensor's data: a view, no copy. */
export function complexParts(data: TypedArray): Float32Array {
  return new Float32Array(data.buffer, data.byteOffset, data.byteLength / 4);
}

export function isQuantizedIntType(dtype: DType): boolean {
  return dtype === 'int8' || dtype === 'uint8' || dtype === 'int16';
}

/** Range of an integer dtype, for saturating casts and quantized clamping. */
export function intRange(dtype: 'int8' | 'uint8' | 'int16' | 'int32'): { min: number; max: number } {
  switch (dtype) {
    case 'int8':
      return { min: -128, max: 127 };
    case 'uint8':
      return { min: 0, max: 255 };
    case 'int16':
      return { min: -32768, max: 32767 };
    case 'int32':
      return { min: -2147483648, max: 2147483647 };
  }
}
