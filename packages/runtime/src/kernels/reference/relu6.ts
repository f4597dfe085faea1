/** RELU6 (float32): x clamped to [0, 6]. */
import { BuiltinOp } from '../../core/ops.js';
import { floatUnarySupports, prepareFloatUnary } from '../common/unary_kernel.js';
import type { KernelRegistration } from '../kernel.js';

/** output[i] = x < 0 ? 0 : x > 6 ? 6 : x */
export function relu6(input: Float32Array, output: Float32Array): void {
  const n = input.length;
  for (let i = 0; i < n; i++) {
    const x = input[i]!;
    output[i] = x < 0 ? 0 : x > 6 ? 6 : x;
  }
}

export const RELU6_KERNEL: KernelRegistration<null, null> = {
  op: BuiltinOp.RELU6,
  name: 'RELU6 (float32, reference)',
  parseOptions: () => null,
  supports: floatUnarySupports,
  prepare: prepareFloatUnary,
  eval: (node) => relu6(node.inputs[0]!.data as Float32Array, node.outputs[0]!.data as Float32Array),
};
