/**
 * LEAKY_RELU, quantized (TFLite reference_ops::QuantizeLeakyRelu): x − zp_in requantized by the identity
 * multiplier (in/out scale) when ≥ 0, by the alpha multiplier (in·alpha/out, float32 arithmetic as
 * leaky_relu.cc computes it) otherwise; plus zp_out, clamped to the type. The 'xnnpack' variant (8-bit, what
 * LiteRT's default delegate computes) uses 8-bit fixed-point multipliers rint(256·scale) and rounds the
 * product half up with one shift by 8.
 */
import { intRange } from '../../core/dtype.js';
import { BuiltinOp } from '../../core/ops.js';
import type { LeakyReluOptions } from '../../core/options.js';
import { multiplyByQuantizedMultiplier } from '../common/fixed_point.js';
import { optionsOrDefault } from '../common/options.js';
import {
  quantizeMultiplier, requireScale, roundHalfEven, tensorZeroPoint, type QuantizedDType,
} from '../common/quantization.js';
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
  /** XNNPACK multipliers (Q8) for x ≥ 0 and x < 0, or null for TFLite's reference arithmetic. */
  readonly xnnpack: { readonly positive: number; readonly negative: number } | null;
}

function prepare(node: NodeContext<LeakyReluOptions>, mode: 'reference' | 'xnnpack'): LeakyReluData {
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
    xnnpack: mode === 'xnnpack' && output.dtype !== 'int16' ? xnnpackMultipliers(si, so, alpha) : null,
  };
}

function xnnpackMultipliers(si: number, so: number, alpha: number): { positive: number; negative: number } {
  const positive = Math.fround(si / so);
  const negative = Math.fround(positive * alpha);
  return { positive: roundHalfEven(Math.fround(256 * positive)), negative: roundHalfEven(Math.fround(256 * negative)) };
}

export function leakyReluQuantized(input: QArray, output: QArray, d: LeakyReluData): void {
  if (d.xnnpack !== null) {
    const { positive, negative } = d.xnnpack;
    const bias = d.outZeroPoint * 256 + 128;
    for (let i = 0; i < input.length; i++) {
      const x = input[i]! - d.inZeroPoint;
      const v = (bias + x * (x >= 0 ? positive : negative)) >> 8;
      output[i] = v < d.min ? d.min : v > d.max ? d.max : v;
    }
    return;
  }
  for (let i = 0; i < input.length; i++) {
    const x = input[i]! - d.inZeroPoint;
    const v = d.outZeroPoint + (x >= 0
      ? multiplyByQuantizedMultiplier(x, d.mIdentity, d.sIdentity)
      : multiplyByQuantizedMultiplier(x, d.mAlpha, d.sAlpha));
    output[i] = v < d.min ? d.min : v > d.max ? d.max : v;
  }
}

function leakyReluKernel(mode: 'reference' | 'xnnpack'): KernelRegistration<LeakyReluOptions, LeakyReluData> {
  return {
    op: BuiltinOp.LEAKY_RELU,
    name: mode === 'xnnpack' ? 'LEAKY_RELU (int8/uint8, XNNPACK arithmetic)' : 'LEAKY_RELU (int8/uint8/int16, reference)',
    parseOptions: (raw) => optionsOrDefault(raw, ['LeakyReluOptions'], { kind: 'LeakyReluOptions', alpha: 0.2 }),
    supports: unaryOf(mode === 'xnnpack' ? ['int8', 'uint8'] : ['int8', 'uint8', 'int16']),
    prepare: (node) => prepare(node, mode),
    eval: (node, d) => leakyReluQuantized(node.inputs[0]!.data as QArray, node.outputs[0]!.data as QArray, d),
  };
}

/** TFLite's builtin (reference) integer arithmetic. */
export const LEAKY_RELU_QUANTIZED_KERNEL = leakyReluKernel('reference');
/** What LiteRT computes with its default XNNPACK delegate (8-bit only). */
export const LEAKY_RELU_QUANTIZED_XNNPACK_KERNEL = leakyReluKernel('xnnpack');
