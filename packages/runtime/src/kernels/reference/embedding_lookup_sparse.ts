/**
 * EMBEDDING_LOOKUP_SPARSE (float32): a sparse batch of ids (ids [N] int32, their coordinates indices [N, R]
 * int32 in a dense shape [R] int32, weights [N] float32) looked up in `value` [V, ...] and combined per
 * output row (all coordinates but the last) by SUM, MEAN (÷ Σw) or SQRTN (÷ √Σw²). As TFLite, rows are
 * combined run by run in the order given — a row id that comes back after another row is combined again
 * separately. The dense shape sizes the output: planned at prepare when constant, else a dynamic output
 * sized at eval (as TFLite does). An id or coordinate outside its range fails the invoke.
 */
import { TensorError } from '../../core/errors.js';
import { BuiltinOp } from '../../core/ops.js';
import type { EmbeddingLookupSparseOptions } from '../../core/options.js';
import { formatShape, numElements } from '../../core/shape.js';
import { intValues } from '../common/const_values.js';
import { expectDType, expectRank, nodeLabel, requireInput, requireOutput, shapeError } from '../common/node_checks.js';
import { optionsOrDefault } from '../common/options.js';
import type { KernelRegistration, NodeContext } from '../kernel.js';

interface Plan {
  readonly label: string;
  readonly lookups: number;
  readonly rank: number;
  /** null when the dense shape is computed at run time (read at eval). */
  readonly dense: readonly number[] | null;
  readonly rows: number;
  readonly embedding: number;
}

const f = Math.fround;

function denseShape(node: NodeContext<EmbeddingLookupSparseOptions>, rank: number): number[] {
  const dense = intValues(node, node.inputs[2]!, 'dense shape');
  if (dense.length !== rank || rank < 1 || dense.some((d) => d < 0)) throw shapeError(node, `dense shape ${formatShape(dense)} must have ${rank} values ≥ 0`);
  return dense;
}

const outputShape = (node: NodeContext<EmbeddingLookupSparseOptions>, dense: readonly number[]) => [...dense.slice(0, -1), ...node.inputs[4]!.shape.slice(1)];

function finalize(out: Float32Array, at: number, p: { readonly embedding: number }, combiner: EmbeddingLookupSparseOptions['combiner'], count: number, total: number, squares: number): void {
  if (combiner === 'SUM' || count === 0) return;
  const divisor = combiner === 'MEAN' ? total : f(Math.sqrt(squares));
  for (let k = 0; k < p.embedding; k++) out[at + k] = out[at + k]! / divisor;
}

export const EMBEDDING_LOOKUP_SPARSE_KERNEL: KernelRegistration<EmbeddingLookupSparseOptions, Plan> = {
  op: BuiltinOp.EMBEDDING_LOOKUP_SPARSE,
  name: 'EMBEDDING_LOOKUP_SPARSE (float32, reference)',
  parseOptions: (raw) => optionsOrDefault(raw, ['EmbeddingLookupSparseOptions'], { kind: 'EmbeddingLookupSparseOptions', combiner: 'SUM' }),
  prepare(node) {
    const ids = requireInput(node, 0), indices = requireInput(node, 1), denseIn = requireInput(node, 2);
    const weights = requireInput(node, 3), value = requireInput(node, 4);
    const output = requireOutput(node, 0);
    expectDType(node, ids, ['int32'], 'ids');
    expectDType(node, indices, ['int32'], 'indices');
    expectDType(node, denseIn, ['int32'], 'dense shape');
    expectDType(node, weights, ['float32'], 'weights');
    expectDType(node, value, ['float32'], 'value');
    expectDType(node, output, ['float32'], 'output');
    expectRank(node, ids, 1, 'ids');
    expectRank(node, indices, 2, 'indices');
    expectRank(node, weights, 1, 'weights');
    const n = ids.shape[0]!;
    if (indices.shape[0] !== n || weights.shape[0] !== n) throw shapeError(node, `ids, indices and weights must all have ${n} rows`);
    if (value.shape.length < 2) throw shapeError(node, `value ${formatShape(value.shape)} must have rank ≥ 2`);
    const rank = indices.shape[1]!;
    const dense = denseIn.isConstant ? denseShape(node, rank) : null;
    if (dense) output.shape = outputShape(node, dense);
    else node.markOutputDynamic(0);
    return { label: nodeLabel(node), lookups: n, rank, dense, rows: value.shape[0]!, embedding: numElements(value.shape.slice(1)) };
  },
  eval(node, p) {
    let dense = p.dense;
    if (dense === null) {
      dense = denseShape(node, p.rank);
      node.resizeOutput(0, outputShape(node, dense));
    }
    const ids = node.inputs[0]!.data as Int32Array, indices = node.inputs[1]!.data as Int32Array;
    const weights = node.inputs[3]!.data as Float32Array, value = node.inputs[4]!.data as Float32Array;
    const out = node.outputs[0]!.data as Float32Array;
    const combiner = node.options.combiner;
    out.fill(0);
    let current = 0, count = 0, total = 0, squares = 0;
    for (let i = 0; i < p.lookups; i++) {
      const id = ids[i]!;
      if (id < 0 || id >= p.rows) throw new TensorError(`${p.label}: id ${id} is outside [0, ${p.rows})`);
      let bucket = 0;
      for (let k = 0, stride = 1; k < p.rank - 1; k++) {
        const axis = p.rank - 2 - k;
        const c = indices[i * p.rank + axis]!;
        if (c < 0 || c >= dense[axis]!) throw new TensorError(`${p.label}: index ${c} in dimension ${axis} is outside [0, ${dense[axis]})`);
        bucket += c * stride;
        stride *= dense[axis]!;
      }
      const at = bucket * p.embedding;
      if (at !== current) {
        finalize(out, current, p, combiner, count, total, squares);
        count = 0;
        total = 0;
        squares = 0;
        current = at;
      }
      count++;
      const w = weights[i]!;
      squares = f(squares + f(w * w));
      total = f(total + w);
      for (let k = 0; k < p.embedding; k++) out[at + k] = out[at + k]! + f(value[id * p.embedding + k]! * w);
    }
    finalize(out, current, p, combiner, count, total, squares);
  },
};
