/**
 * Block copies behind CONCATENATION/PACK (inputs laid side by side along an axis) and SPLIT/UNPACK (an input
 * cut along an axis). Everything is precomputed as an outer count and per-tensor chunk lengths: along the
 * axis, the tensors' data is `outer` repetitions of contiguous chunks.
 */
import type { RuntimeTensor } from '../kernel.js';
import { elementsOf } from './elements.js';
import type { StridedBox } from './strided_copy.js';

export interface ConcatPlan {
  /** Product of the dimensions before the axis. */
  readonly outer: number;
  /** Elements each input contributes per outer step (its axis extent × the inner size). */
  readonly chunks: readonly number[];
}

/** Product of `shape[from, to)`. */
export function sizeBetween(shape: readonly number[], from: number, to: number): number {
  let n = 1;
  for (let i = from; i < to; i++) n *= shape[i]!;
  return n;
}

/** Writes the inputs' chunks one after another, `outer` times, into `output`. */
export function concatInto(output: RuntimeTensor, inputs: readonly (RuntimeTensor | null)[], plan: ConcatPlan): void {
  const out = elementsOf(output.data);
  let pos = 0;
  for (let o = 0; o < plan.outer; o++) {
    for (let k = 0; k < plan.chunks.length; k++) {
      const chunk = plan.chunks[k]!;
      const src = elementsOf(inputs[k]!.data);
      const start = o * chunk;
      for (let i = 0; i < chunk; i++) out[pos++] = src[start + i]!;
    }
  }
}

/**
 * The input region for each piece when `shape` is cut along `axis` into pieces of `sizes` (summing to the
 * axis extent): a 2-d box of `outer` rows of size×inner contiguous elements.
 */
export function splitBoxes(shape: readonly number[], axis: number, sizes: readonly number[]): StridedBox[] {
  const outer = sizeBetween(shape, 0, axis);
  const inner = sizeBetween(shape, axis + 1, shape.length);
  const rowStride = shape[axis]! * inner;
  let start = 0;
  return sizes.map((size) => {
    const box = { shape: [outer, size * inner], strides: [rowStride, 1], offset: start * inner };
    start += size;
    return box;
  });
}
