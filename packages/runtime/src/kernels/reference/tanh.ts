/** TANH (float32): hyperbolic tangent. */
import { BuiltinOp } from '../../core/ops.js';
import { floatUnarySupports, prepareFloatUnary } from '../common/unary_kernel.js';
import type { KernelRegistration } from '../kernel.js';

/** output[i] = Math.tanh(x) */
export function tanh(input: Float32Array, output: Float32Array): void {
  const n = input.length;
  for (let i = 0; i < n; i++) {
    const x = input[i]!;
    output[i] = Math.tanh(x);
  }
}

export const TANH_KERNEL: KernelRegistration<null, null> = {
  op: BuiltinOp.TANH,
  name: 'TANH (float32, reference)',
  parseOptions: () => null,
  supports: floatUnarySupports,
  prepare: prepareFloatUnary,
  eval: (node) => tanh(node.inputs[0]!.data as Float32Array, node.outputs[0]!.data as Float32Array),
};
