/** LOGISTIC (float32): the sigmoid 1 / (1 + e^-x). */
import { BuiltinOp } from '../../core/ops.js';
import { floatUnarySupports, prepareFloatUnary } from '../common/unary_kernel.js';
import type { KernelRegistration } from '../kernel.js';

/** output[i] = 1 / (1 + Math.exp(-x)) */
export function logistic(input: Float32Array, output: Float32Array): void {
  const n = input.length;
  for (let i = 0; i < n; i++) {
    const x = input[i]!;
    output[i] = 1 / (1 + Math.exp(-x));
  }
}

export const LOGISTIC_KERNEL: KernelRegistration<null, null> = {
  op: BuiltinOp.LOGISTIC,
  name: 'LOGISTIC (float32, reference)',
  parseOptions: () => null,
  supports: floatUnarySupports,
  prepare: prepareFloatUnary,
  eval: (node) => logistic(node.inputs[0]!.data as Float32Array, node.outputs[0]!.data as Float32Array),
};
