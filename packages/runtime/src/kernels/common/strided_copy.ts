/**
 * Strided gather: walks an N-d box of the input (its `shape`, with element `strides` that may be negative
 * or permuted) and writes it sequentially into the output. TRANSPOSE, SLICE, STRIDED_SLICE, SPLIT and UNPACK
 * are all this one loop with different precomputed strides and start offsets.
 */
import type { Elements } from './elements.js';

export interface StridedBox {
  /** Extent of the box along each dimension (the output's shape before any squeezing). */
  readonly shape: readonly number[];
  /** Input element stride for one step along each dimension. */
  readonly strides: readonly number[];
  /** Input element offset of the box's first element. */
  readonly offset: number;
}

/** Copies `box` of `input` into `output` starting at `outPos`; returns the position after the last write. */
export function copyStridedBox(output: Elements, outPos: number, input: Elements, box: StridedBox): number {
  if (box.shape.length === 0) {
    output[outPos] = input[box.offset]!;
    return outPos + 1;
  }
  return copyDim(output, outPos, input, box.offset, box.shape, box.strides, 0);
}

function copyDim(
  output: Elements,
  outPos: number,
  input: Elements,
  inPos: number,
  shape: readonly number[],
  strides: readonly number[],
  dim: number,
): number {
  const n = shape[dim]!;
  const step = strides[dim]!;
  if (dim === shape.length - 1) {
    for (let i = 0; i < n; i++, inPos += step) output[outPos++] = input[inPos]!;
    return outPos;
  }
  for (let i = 0; i < n; i++, inPos += step) outPos = copyDim(output, outPos, input, inPos, shape, strides, dim + 1);
  return outPos;
}
