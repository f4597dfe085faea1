/** SQRT (float32): √x. */
import { BuiltinOp } from '../../core/ops.js';
import { floatUnarySupports, prepareFloatUnary } from '../common/unary_kernel.js';
import type { KernelRegistration } from '../kernel.js';

/** output[i] = Math.sqrt(x) */
export function sqrt(input: Float32Array, output: Float32Array): void {
  const n = input.length;
  for (let i = 0; i < n; i++) {
    const x = input[i]!;
    output[i] = Math.sqrt(x);
  }
}

export const SQRT_KERNEL: KernelRegistration<null, null> = {
  op: BuiltinOp.SQRT,
  name: 'SQRT (float32, reference)',
  parseOptions: () => null,
  supports: floatUnarySupports,
  prepare: prepareFloatUnary,
  eval: (node) => sqrt(node.inputs[0]!.data as Float32Array, node.outputs[0]!.data as Float32Array),
};
