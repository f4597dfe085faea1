/**
 * Dtype-agnostic element access for data-movement kernels (RESHAPE, TRANSPOSE, GATHER, ...). Those kernels
 * only copy values between arrays of the same dtype, so they read and write through this one view type
 * instead of switching on eight TypedArray classes.
 */
import type { TypedArray } from '../../core/dtype.js';
import { StringArray } from '../../core/string_data.js';

/** Any TypedArray seen as indexable elements. Values are only ever copied between arrays of one dtype. */
export interface Elements {
  [index: number]: number | bigint;
  readonly length: number;
}

/**
 * A string tensor's elements are its strings' byte arrays: copied as opaque references, never read as
 * numbers (every kernel that computes checks its dtypes first, and none accepts string).
 */
export function elementsOf(data: TypedArray): Elements {
  return data instanceof StringArray ? (data.strings as unknown as Elements) : data;
}

/** Copies `src` into `dst` element by element (same dtype and length). */
export function copyAll(dst: Elements, src: Elements): void {
  const n = src.length;
  for (let i = 0; i < n; i++) dst[i] = src[i]!;
}
