/** RELU_N1_TO_1 (float32): x clamped to [-1, 1]. */
import { BuiltinOp } from '../../core/ops.js';
import { floatUnarySupports, prepareFloatUnary } from '../common/unary_kernel.js';
import type { KernelRegistration } from '../kernel.js';

/** output[i] = x < -1 ? -1 : x > 1 ? 1 : x */
export function reluN1To1(input: Float32Array, output: Float32Array): void {
  const n = input.length;
  for (let i = 0; i < n; i++) {
    const x = input[i]!;
    output[i] = x < -1 ? -1 : x > 1 ? 1 : x;
  }
}

export const RELU_N1_TO_1_KERNEL: KernelRegistration<null, null> = {
  op: BuiltinOp.RELU_N1_TO_1,
  name: 'RELU_N1_TO_1 (float32, reference)',
  parseOptions: () => null,
  supports: floatUnarySupports,
  prepare: prepareFloatUnary,
  eval: (node) => reluN1To1(node.inputs[0]!.data as Float32Array, node.outputs[0]!.data as Float32Array),
};
