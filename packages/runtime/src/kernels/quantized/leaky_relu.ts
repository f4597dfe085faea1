/**
 * LEAKY_RELU, quantized (TFLite reference_ops::QuantizeLeakyRelu): x − zp_in requantized by the identity
 * multiplier (in/out scale) when ≥ 0, by the alpha multiplier (in·alpha/out, float32 arithmetic as
 * leaky_relu.cc computes it) otherwise; plus zp_out, clamped to the type.
 */
import { intRange } from '../../core/dtype.js';
import { BuiltinOp } from '../../core/ops.js';
import type { LeakyReluOptions } from '../../core/options.js';
import { multiplyByQuantizedMultiplier } from '../common/fixed_point.js';
import { optionsOrDefault } from '../common/options.js';
import { quantizeMultiplier, requireScale, tensorZeroPoint, type QuantizedDType } from '../common/quantization.js';
import type { KernelRegistration, NodeContext } from '../kernel.js';
import { prepareUnaryShape, unaryOf, type QArray } from './elementwise.js';

export interface LeakyReluData {
  readonly mIdentity: number;
  readonly sIdentity: number;
  readonly mAlpha: number;
  readonly sAlpha: number;
  readonly inZeroPoint: number;
  readonly outZeroPoint: number;
  readonly min: number;
  readonly max: number;
}

function prepare(node: NodeContext<LeakyReluOptions>): LeakyReluData {
  const { input, output } = prepareUnaryShape(node);
  const si = requireScale(node, input);
  const so = requireScale(node, output);
  const alpha = Math.fround(node.options.alpha);
  const identity = quantizeMultiplier(Math.fround(si / so));
  const scaledAlpha = quantizeMultiplier(Math.fround(Math.fround(si * alpha) / so));
  const range = intRange(output.dtype as QuantizedDType);
  return {
    mIdentity: identity.multiplier, sIdentity: identity.shift, mAlpha: scaledAlpha.multiplier, sAlpha: scaledAlpha.shift,
    inZeroPoint: tensorZeroPoint(input), outZeroPoint: tensorZeroPoint(output), min: range.min, max: range.max,
  };
}

export function leakyReluQuantized(input: QArray, output: QArray, d: LeakyReluData): void {
  for (let i = 0; i < input.length; i++) {
    const x = input[i]! - d.inZeroPoint;
    const v = d.outZeroPoint + (x >= 0
      ? multiplyByQuantizedMultiplier(x, d.mIdentity, d.sIdentity)
      : multiplyByQuantizedMultiplier(x, d.mAlpha, d.sAlpha));
    output[i] = v < d.min ? d.min : v > d.max ? d.max : v;
  }
}

export const LEAKY_RELU_QUANTIZED_KERNEL: KernelRegistration<LeakyReluOptions, LeakyReluData> = {
  op: BuiltinOp.LEAKY_RELU,
  name: 'LEAKY_RELU (int8/uint8/int16, reference)',
  parseOptions: (raw) => optionsOrDefault(raw, ['LeakyReluOptions'], { kind: 'LeakyReluOptions', alpha: 0.2 }),
  supports: unaryOf(['int8', 'uint8', 'int16']),
  prepare,
  eval: (node, d) => leakyReluQuantized(node.inputs[0]!.data as QArray, node.outputs[0]!.data as QArray, d),
};
