/**
 * LOCAL_RESPONSE_NORMALIZATION (float32, rank 4, over the channel axis): out = x · (bias + alpha·Σ x²)^−beta,
 * the sum taken over channels [c − radius, c + radius] clipped to the tensor (TFLite's reference; alpha is
 * not divided by the window size).
 */
import { BuiltinOp } from '../../core/ops.js';
import type { BuiltinOptions, LocalResponseNormalizationOptions } from '../../core/options.js';
import { expectRank } from '../common/node_checks.js';
import { requireOptions } from '../common/options.js';
import { floatUnarySupports, prepareFloatUnary } from '../common/unary_kernel.js';
import type { KernelRegistration } from '../kernel.js';

export function localResponseNormalize(
  input: Float32Array, output: Float32Array, depth: number, o: LocalResponseNormalizationOptions,
): void {
  if (depth === 0) return;
  for (let start = 0; start < input.length; start += depth) {
    for (let c = 0; c < depth; c++) {
      const lo = Math.max(0, c - o.radius);
      const hi = Math.min(depth - 1, c + o.radius);
      let sum = 0;
      for (let k = lo; k <= hi; k++) sum += input[start + k]! * input[start + k]!;
      output[start + c] = input[start + c]! * (o.bias + o.alpha * sum) ** -o.beta;
    }
  }
}

export const LOCAL_RESPONSE_NORMALIZATION_KERNEL: KernelRegistration<LocalResponseNormalizationOptions, number> = {
  op: BuiltinOp.LOCAL_RESPONSE_NORMALIZATION,
  name: 'LOCAL_RESPONSE_NORMALIZATION (float32, reference)',
  parseOptions: (raw: BuiltinOptions | null) => requireOptions(raw, ['LocalResponseNormalizationOptions']),
  supports: floatUnarySupports,
  prepare(node) {
    prepareFloatUnary(node);
    expectRank(node, node.inputs[0]!, 4, 'input');
    return node.inputs[0]!.shape[3]!;
  },
  eval: (node, depth) =>
    localResponseNormalize(node.inputs[0]!.data as Float32Array, node.outputs[0]!.data as Float32Array, depth, node.options),
};
