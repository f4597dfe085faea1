/**
 * BATCH_MATMUL (float32): [..., M, K] × [..., K, N] → [..., M, N], with adj_x / adj_y transposing the last two
 * axes of an operand, and numpy broadcasting over the leading (batch) axes.
 */
import { BuiltinOp } from '../../core/ops.js';
import type { BatchMatMulOptions, BuiltinOptions } from '../../core/options.js';
import { numElements } from '../../core/shape.js';
import { broadcastShapes, broadcastStrides } from '../common/broadcast.js';
import { expectDType, inputIs, requireInput, requireOutput, shapeError } from '../common/node_checks.js';
import { optionsOrDefault } from '../common/options.js';
import type { KernelRegistration, NodeContext } from '../kernel.js';
import { matmulWork } from '../common/work.js';

export interface BatchMatMulGeometry {
  readonly m: number;
  readonly n: number;
  readonly k: number;
  /** Element strides of lhs along its row (m) and depth (k) axes, after adj_x. */
  readonly lhsRowStride: number;
  readonly lhsDepthStride: number;
  /** Element strides of rhs along its depth (k) and column (n) axes, after adj_y. */
  readonly rhsDepthStride: number;
  readonly rhsColStride: number;
  /** For each output batch, the element offset of its lhs and rhs matrices (broadcast already applied). */
  readonly lhsOffsets: Int32Array;
  readonly rhsOffsets: Int32Array;
}

/** One plain triple loop per batch; the strides absorb adj_x / adj_y. */
export function batchMatMulFloat32(
  lhs: Float32Array,
  rhs: Float32Array,
  output: Float32Array,
  g: BatchMatMulGeometry,
): void {
  const { m, n, k, lhsRowStride, lhsDepthStride, rhsDepthStride, rhsColStride } = g;
  const batches = g.lhsOffsets.length;
  let o = 0;
  for (let b = 0; b < batches; b++) {
    const lBase = g.lhsOffsets[b]!;
    const rBase = g.rhsOffsets[b]!;
    for (let i = 0; i < m; i++) {
      const li = lBase + i * lhsRowStride;
      for (let j = 0; j < n; j++, o++) {
        let acc = 0;
        for (let d = 0, l = li, r = rBase + j * rhsColStride; d < k; d++, l += lhsDepthStride, r += rhsDepthStride) {
          acc += lhs[l]! * rhs[r]!;
        }
        output[o] = acc;
      }
    }
  }
}

/** Element offsets of each broadcast batch's matrix in a tensor of batch shape `shape`. */
function batchOffsets(shape: number[], outBatch: number[], matrixSize: number): Int32Array {
  const strides = broadcastStrides(shape, outBatch);
  const count = numElements(outBatch);
  const offsets = new Int32Array(count);
  const index = new Array<number>(outBatch.length).fill(0);
  for (let b = 0; b < count; b++) {
    let off = 0;
    for (let a = 0; a < index.length; a++) off += index[a]! * strides[a]!;
    offsets[b] = off * matrixSize;
    for (let a = index.length - 1; a >= 0; a--) {
      if (++index[a]! < outBatch[a]!) break;
      index[a] = 0;
    }
  }
  return offsets;
}

function prepareBatchMatMul(node: NodeContext<BatchMatMulOptions>): BatchMatMulGeometry {
  for (const [t, what] of [[requireInput(node, 0), 'lhs'], [requireInput(node, 1), 'rhs'], [requireOutput(node, 0), 'output']] as const) {
    expectDType(node, t, ['float32'], what);
  }
  return batchMatMulGeometry(node);
}

/** Shapes of a BATCH_MATMUL node (any dtypes): sets the output shape, returns the strides and batch offsets. */
export function batchMatMulGeometry(node: NodeContext<BatchMatMulOptions>): BatchMatMulGeometry {
  const lhs = requireInput(node, 0);
  const rhs = requireInput(node, 1);
  const output = requireOutput(node, 0);
  if (lhs.shape.length < 2 || rhs.shape.length < 2) throw shapeError(node, 'both operands need rank 2 or more');
  const { adjX, adjY } = node.options;
  const [l0, l1] = lhs.shape.slice(-2) as [number, number];
  const [r0, r1] = rhs.shape.slice(-2) as [number, number];
  const [m, k] = adjX ? [l1, l0] : [l0, l1];
  const [kr, n] = adjY ? [r1, r0] : [r0, r1];
  if (k !== kr) {
    throw shapeError(node, `inner dimensions differ: [${lhs.shape.join(',')}] × [${rhs.shape.join(',')}]`);
  }
  const lhsBatch = lhs.shape.slice(0, -2);
  const rhsBatch = rhs.shape.slice(0, -2);
  let outBatch: number[];
  try {
    outBatch = broadcastShapes(lhsBatch, rhsBatch);
  } catch (e) {
    throw shapeError(node, (e as Error).message);
  }
  output.shape = [...outBatch, m, n];
  return {
    m, n, k,
    lhsRowStride: adjX ? 1 : k,
    lhsDepthStride: adjX ? m : 1,
    rhsDepthStride: adjY ? 1 : n,
    rhsColStride: adjY ? k : 1,
    lhsOffsets: batchOffsets(lhsBatch, outBatch, m * k),
    rhsOffsets: batchOffsets(rhsBatch, outBatch, k * n),
  };
}

export function parseBatchMatMulOptions(raw: BuiltinOptions | null): BatchMatMulOptions {
  return optionsOrDefault(raw, ['BatchMatMulOptions'], { kind: 'BatchMatMulOptions', adjX: false, adjY: false, asymmetricQuantizeInputs: false });
}

export const BATCH_MATMUL_KERNEL: KernelRegistration<BatchMatMulOptions, BatchMatMulGeometry> = {
  op: BuiltinOp.BATCH_MATMUL,
  name: 'BATCH_MATMUL (float32, reference)',
  parseOptions: parseBatchMatMulOptions,
  supports: (node) => inputIs(node, 0, 'float32') && inputIs(node, 1, 'float32'),
  prepare: prepareBatchMatMul,
  eval: (node, g) =>
    batchMatMulFloat32(
      node.inputs[0]!.data as Float32Array,
      node.inputs[1]!.data as Float32Array,
      node.outputs[0]!.data as Float32Array,
      g,
    ),
  work: (node) => {
    const lhs = node.inputs[0]?.shape ?? [];
    const adjX = node.options?.kind === 'BatchMatMulOptions' && node.options.adjX;
    return matmulWork(node, (adjX ? lhs.at(-2) : lhs.at(-1)) ?? 0);
  },
};
