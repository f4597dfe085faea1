/** RELU (float32): max(0, x). */
import { BuiltinOp } from '../../core/ops.js';
import { floatUnarySupports, prepareFloatUnary } from '../common/unary_kernel.js';
import type { KernelRegistration } from '../kernel.js';

/** output[i] = x > 0 ? x : 0 */
export function relu(input: Float32Array, output: Float32Array): void {
  const n = input.length;
  for (let i = 0; i < n; i++) {
    const x = input[i]!;
    output[i] = x > 0 ? x : 0;
  }
}

export const RELU_KERNEL: KernelRegistration<null, null> = {
  op: BuiltinOp.RELU,
  name: 'RELU (float32, reference)',
  parseOptions: () => null,
  supports: floatUnarySupports,
  prepare: prepareFloatUnary,
  eval: (node) => relu(node.inputs[0]!.data as Float32Array, node.outputs[0]!.data as Float32Array),
};
