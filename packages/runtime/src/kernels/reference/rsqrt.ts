/** RSQRT (float32): 1 / √x (NaN for negative x, +∞ at 0). */
import { BuiltinOp } from '../../core/ops.js';
import { floatUnarySupports, prepareFloatUnary } from '../common/unary_kernel.js';
import type { KernelRegistration } from '../kernel.js';

/** output[i] = 1 / Math.sqrt(x) */
export function rsqrt(input: Float32Array, output: Float32Array): void {
  const n = input.length;
  for (let i = 0; i < n; i++) {
    const x = input[i]!;
    output[i] = 1 / Math.sqrt(x);
  }
}

export const RSQRT_KERNEL: KernelRegistration<null, null> = {
  op: BuiltinOp.RSQRT,
  name: 'RSQRT (float32, reference)',
  parseOptions: () => null,
  supports: floatUnarySupports,
  prepare: prepareFloatUnary,
  eval: (node) => rsqrt(node.inputs[0]!.data as Float32Array, node.outputs[0]!.data as Float32Array),
};
