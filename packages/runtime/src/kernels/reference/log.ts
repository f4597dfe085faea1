/** LOG (float32): natural logarithm (-∞ at 0, NaN below). */
import { BuiltinOp } from '../../core/ops.js';
import { floatUnarySupports, prepareFloatUnary } from '../common/unary_kernel.js';
import type { KernelRegistration } from '../kernel.js';

/** output[i] = Math.log(x) */
export function log(input: Float32Array, output: Float32Array): void {
  const n = input.length;
  for (let i = 0; i < n; i++) {
    const x = input[i]!;
    output[i] = Math.log(x);
  }
}

export const LOG_KERNEL: KernelRegistration<null, null> = {
  op: BuiltinOp.LOG,
  name: 'LOG (float32, reference)',
  parseOptions: () => null,
  supports: floatUnarySupports,
  prepare: prepareFloatUnary,
  eval: (node) => log(node.inputs[0]!.data as Float32Array, node.outputs[0]!.data as Float32Array),
};
