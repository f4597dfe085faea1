/**
 * Geometry shared by SPACE_TO_BATCH_ND and BATCH_TO_SPACE_ND. Both work on a 4-d view [N, H, W, C] with a
 * block [bh, bw]; a rank-3 input [N, H, C] with a one-value block is the same view with W = 1, bw = 1 (as
 * TFLite extends it). The block shape and paddings/crops must be constant.
 */
import type { NodeContext, RuntimeTensor } from '../kernel.js';
import { constIntValues } from './const_values.js';
import { requireInput, shapeError } from './node_checks.js';

export interface SpaceBatchGeometry {
  /** The space-side tensor [batch, height, width, channels] (input of SPACE_TO_BATCH, output of BATCH_TO_SPACE). */
  readonly spaceBatch: number;
  readonly spaceH: number;
  readonly spaceW: number;
  readonly channels: number;
  readonly blockH: number;
  readonly blockW: number;
  /** Padding (SPACE_TO_BATCH) or crop (BATCH_TO_SPACE) before rows and columns. */
  readonly before: readonly [number, number];
  /** Batch-side spatial extent. */
  readonly batchH: number;
  readonly batchW: number;
}

/** Block shape and the [2 × 2] paddings/crops as [[top, bottom], [left, right]], validated for rank 3 or 4. */
export function readBlockAndPads(
  node: NodeContext<unknown>,
  data: RuntimeTensor,
  what: 'paddings' | 'crops',
): { block: [number, number]; pads: [[number, number], [number, number]] } {
  const rank = data.shape.length;
  if (rank !== 3 && rank !== 4) throw shapeError(node, `input rank ${rank} is not 3 or 4`);
  const block = constIntValues(node, requireInput(node, 1), 'block shape input');
  const pads = constIntValues(node, requireInput(node, 2), `${what} input`);
  const spatial = rank - 2;
  if (block.length !== spatial || pads.length !== 2 * spatial) {
    throw shapeError(node, `block shape [${block}] and ${what} [${pads}] do not fit rank ${rank}`);
  }
  if (block.some((b) => b < 1) || pads.some((p) => p < 0)) {
    throw shapeError(node, `block shape [${block}] must be positive and ${what} [${pads}] non-negative`);
  }
  return spatial === 2
    ? { block: [block[0]!, block[1]!], pads: [[pads[0]!, pads[1]!], [pads[2]!, pads[3]!]] }
    : { block: [block[0]!, 1], pads: [[pads[0]!, pads[1]!], [0, 0]] };
}

/** [N, H, W, C] of a rank-3 or rank-4 shape. */
export function as4d(shape: readonly number[]): [number, number, number, number] {
  return shape.length === 4
    ? [shape[0]!, shape[1]!, shape[2]!, shape[3]!]
    : [shape[0]!, shape[1]!, 1, shape[2]!];
}

/** The output shape in the input's rank from a 4-d [N, H, W, C]. */
export function fromAs4d(rank: number, n: number, h: number, w: number, c: number): number[] {
  return rank === 4 ? [n, h, w, c] : [n, h, c];
}
