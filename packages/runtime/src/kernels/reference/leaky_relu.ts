/** LEAKY_RELU (float32): x for x > 0, alpha · x otherwise. */
import { BuiltinOp } from '../../core/ops.js';
import type { LeakyReluOptions } from '../../core/options.js';
import { optionsOrDefault } from '../common/options.js';
import { floatUnarySupports, prepareFloatUnary } from '../common/unary_kernel.js';
import type { KernelRegistration } from '../kernel.js';

/** output[i] = input[i] > 0 ? input[i] : alpha · input[i] */
export function leakyRelu(input: Float32Array, output: Float32Array, alpha: number): void {
  const n = input.length;
  for (let i = 0; i < n; i++) {
    const x = input[i]!;
    output[i] = x > 0 ? x : x * alpha;
  }
}

export const LEAKY_RELU_KERNEL: KernelRegistration<LeakyReluOptions, null> = {
  op: BuiltinOp.LEAKY_RELU,
  name: 'LEAKY_RELU (float32, reference)',
  // The schema's default alpha is 0 (a plain RELU) when the model stores no options.
  parseOptions: (raw) => optionsOrDefault(raw, ['LeakyReluOptions'], { kind: 'LeakyReluOptions', alpha: 0 }),
  supports: floatUnarySupports,
  prepare: prepareFloatUnary,
  eval: (node) =>
    leakyRelu(node.inputs[0]!.data as Float32Array, node.outputs[0]!.data as Float32Array, node.options.alpha),
};
