/**
 * Tensor element types, named like numpy. float16 values are stored as raw IEEE half bits in a Uint16Array.
 * 'resource' is TFLite's RESOURCE: a handle to a resource variable, held as its int32 id (as TFLite does).
 */
export type DType = 'float32' | 'float16' | 'int32' | 'uint8' | 'int64' | 'bool' | 'int16' | 'int8' | 'resource';

export type TypedArray =
  | Float32Array
  | Uint16Array
  | Int32Array
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

export function dtypeOfTypedArray(data: TypedArray): DType {
  if (data instanceof Float32Array) return 'float32';
  if (data instanceof Int32Array) return 'int32';
  if (data instanceof Uint8Array) return 'uint8';
  if (data instanceof Int8Array) return 'int8';
  if (data instanceof Int16Array) return 'int16';
  if (data instanceof Uint16Array) return 'float16';
  return 'int64';
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
