/**
 * LOG_SOFTMAX (float32) over the last axis: x − max − log Σ exp(x − max), as TFLite's reference kernel
 * (subtracting the max keeps exp from overflowing).
 */
import { BuiltinOp } from '../../core/ops.js';
import { floatUnarySupports, prepareFloatUnary } from '../common/unary_kernel.js';
import type { KernelRegistration } from '../kernel.js';

/** Log-softmax of every row of `depth` contiguous values. */
export function logSoftmaxRows(input: Float32Array, output: Float32Array, depth: number): void {
  if (depth === 0) return;
  for (let start = 0; start < input.length; start += depth) {
    let max = -Infinity;
    for (let i = 0; i < depth; i++) max = Math.max(max, input[start + i]!);
    let sum = 0;
    for (let i = 0; i < depth; i++) sum += Math.exp(input[start + i]! - max);
    const logSum = Math.log(sum);
    for (let i = 0; i < depth; i++) output[start + i] = input[start + i]! - max - logSum;
  }
}

export const LOG_SOFTMAX_KERNEL: KernelRegistration<null, null> = {
  op: BuiltinOp.LOG_SOFTMAX,
  name: 'LOG_SOFTMAX (float32, reference)',
  parseOptions: () => null,
  supports: floatUnarySupports,
  prepare: prepareFloatUnary,
  eval(node) {
    const input = node.inputs[0]!;
    const depth = input.shape.length === 0 ? 1 : input.shape[input.shape.length - 1]!;
    logSoftmaxRows(input.data as Float32Array, node.outputs[0]!.data as Float32Array, depth);
  },
};
