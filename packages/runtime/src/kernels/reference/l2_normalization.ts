/**
 * L2_NORMALIZATION (float32) over the last axis: x / max(‖x‖₂, 1e-6), TFLite's reference rule (the epsilon
 * bounds the norm itself, so an all-zero row stays zero). TFLite accepts no fused activation but NONE here.
 */
import { BuiltinOp } from '../../core/ops.js';
import { expectRank, shapeError } from '../common/node_checks.js';
import { floatUnarySupports, prepareFloatUnary } from '../common/unary_kernel.js';
import type { KernelRegistration } from '../kernel.js';

const EPSILON = 1e-6;

export function l2NormalizeRows(input: Float32Array, output: Float32Array, depth: number): void {
  if (depth === 0) return;
  for (let start = 0; start < input.length; start += depth) {
    let squares = 0;
    for (let i = 0; i < depth; i++) squares += input[start + i]! * input[start + i]!;
    const norm = Math.max(Math.sqrt(squares), EPSILON);
    for (let i = 0; i < depth; i++) output[start + i] = input[start + i]! / norm;
  }
}

export const L2_NORMALIZATION_KERNEL: KernelRegistration<null, number> = {
  op: BuiltinOp.L2_NORMALIZATION,
  name: 'L2_NORMALIZATION (float32, reference)',
  parseOptions: () => null,
  supports: floatUnarySupports,
  prepare(node) {
    prepareFloatUnary(node);
    const input = node.inputs[0]!;
    if (input.shape.length === 0) expectRank(node, input, 1, 'input');
    if (input.shape.length > 4) throw shapeError(node, `input rank ${input.shape.length} exceeds 4`);
    return input.shape[input.shape.length - 1]!;
  },
  eval: (node, depth) => l2NormalizeRows(node.inputs[0]!.data as Float32Array, node.outputs[0]!.data as Float32Array, depth),
};
