/** SOFTMAX (float32): exp(beta·(x − max)) / Σ over the last axis, any rank ≥ 1. */
import { BuiltinOp } from '../../core/ops.js';
import type { SoftmaxOptions } from '../../core/options.js';
import { numElements } from '../../core/shape.js';
import { shapeError } from '../common/node_checks.js';
import { optionsOrDefault } from '../common/options.js';
import { floatUnarySupports, prepareFloatUnary } from '../common/unary_kernel.js';
import type { KernelRegistration } from '../kernel.js';

export interface SoftmaxPrepared {
  /** Length of the last axis. */
  readonly depth: number;
  readonly rows: number;
  readonly beta: number;
}

/** Softmax over each contiguous row of `depth` values; subtracting the row max keeps exp in range. */
export function softmaxFloat32(
  input: Float32Array,
  output: Float32Array,
  rows: number,
  depth: number,
  beta: number,
): void {
  for (let r = 0, base = 0; r < rows; r++, base += depth) {
    let max = -Infinity;
    for (let i = 0; i < depth; i++) if (input[base + i]! > max) max = input[base + i]!;
    let sum = 0;
    for (let i = 0; i < depth; i++) {
      const e = Math.exp((input[base + i]! - max) * beta);
      output[base + i] = e;
      sum += e;
    }
    const inv = 1 / sum;
    for (let i = 0; i < depth; i++) output[base + i] = output[base + i]! * inv;
  }
}

export const SOFTMAX_KERNEL: KernelRegistration<SoftmaxOptions, SoftmaxPrepared> = {
  op: BuiltinOp.SOFTMAX,
  name: 'SOFTMAX (float32, reference)',
  parseOptions: (raw) => optionsOrDefault(raw, ['SoftmaxOptions'], { kind: 'SoftmaxOptions', beta: 1 }),
  supports: floatUnarySupports,
  prepare: (node) => {
    prepareFloatUnary(node);
    const shape = node.inputs[0]!.shape;
    if (shape.length === 0) throw shapeError(node, 'softmax needs an input of rank 1 or more');
    const depth = shape[shape.length - 1]!;
    return { depth, rows: depth === 0 ? 0 : numElements(shape) / depth, beta: node.options.beta };
  },
  eval: (node, p) =>
    softmaxFloat32(
      node.inputs[0]!.data as Float32Array,
      node.outputs[0]!.data as Float32Array,
      p.rows,
      p.depth,
      p.beta,
    ),
};
