/** HARD_SWISH (float32): x · relu6(x + 3) / 6 (MobileNetV3). */
import { BuiltinOp } from '../../core/ops.js';
import { floatUnarySupports, prepareFloatUnary } from '../common/unary_kernel.js';
import type { KernelRegistration } from '../kernel.js';

/** output[i] = x * Math.min(Math.max(x + 3, 0), 6) / 6 */
export function hardSwish(input: Float32Array, output: Float32Array): void {
  const n = input.length;
  for (let i = 0; i < n; i++) {
    const x = input[i]!;
    output[i] = x * Math.min(Math.max(x + 3, 0), 6) / 6;
  }
}

export const HARD_SWISH_KERNEL: KernelRegistration<null, null> = {
  op: BuiltinOp.HARD_SWISH,
  name: 'HARD_SWISH (float32, reference)',
  parseOptions: () => null,
  supports: floatUnarySupports,
  prepare: prepareFloatUnary,
  eval: (node) => hardSwish(node.inputs[0]!.data as Float32Array, node.outputs[0]!.data as Float32Array),
};
