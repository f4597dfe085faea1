/** EXP (float32): e^x. */
import { BuiltinOp } from '../../core/ops.js';
import { floatUnarySupports, prepareFloatUnary } from '../common/unary_kernel.js';
import type { KernelRegistration } from '../kernel.js';

/** output[i] = Math.exp(x) */
export function exp(input: Float32Array, output: Float32Array): void {
  const n = input.length;
  for (let i = 0; i < n; i++) {
    const x = input[i]!;
    output[i] = Math.exp(x);
  }
}

export const EXP_KERNEL: KernelRegistration<null, null> = {
  op: BuiltinOp.EXP,
  name: 'EXP (float32, reference)',
  parseOptions: () => null,
  supports: floatUnarySupports,
  prepare: prepareFloatUnary,
  eval: (node) => exp(node.inputs[0]!.data as Float32Array, node.outputs[0]!.data as Float32Array),
};
