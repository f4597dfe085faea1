/**
 * MEAN, quantized (TFLite reference_ops::QuantizedMeanOrSum, integer form): sums of the raw values over the
 * constant axes, minus zp_in·n, scaled by in_scale/out_scale with 1/n folded into the multiplier
 * (multiplier·2^shift / n, shift = floor(log2 n) capped at 32 and at 31 + output shift), plus zp_out, clamped.
 * The 'xnnpack' variant (8-bit; what LiteRT's default delegate computes) instead multiplies the centred sum,
 * as float32, by the float32 scale (s_in / s_out) / n and rounds half to even.
 */
import { intRange } from '../../core/dtype.js';
import { BuiltinOp } from '../../core/ops.js';
import type { ReducerOptions } from '../../core/options.js';
import { multiplyByQuantizedMultiplier } from '../common/fixed_point.js';
import {
  quantizeMultiplier, requireScale, roundHalfEven, tensorZeroPoint, type QArray, type QuantizedDType,
} from '../common/quantization.js';
import { parseReducerOptions } from '../common/reduction.js';
import { unaryOf } from './elementwise.js';
import type { KernelRegistration, NodeContext, NodeSignature } from '../kernel.js';
import { planQuantizedSums, sumRawValues, type QuantizedSumPlan } from './reduce_sums.js';

export interface QuantizedMeanData extends QuantizedSumPlan {
  readonly multiplier: number;
  readonly shift: number;
  readonly inZeroPoint: number;
  readonly outZeroPoint: number;
  readonly min: number;
  readonly max: number;
  /** Float32 scale (s_in / s_out) / n when the 'xnnpack' requantization is used, else null. */
  readonly floatScale: number | null;
}

/** int8, uint8 or int16 in, the same dtype out. */
export const isQuantizedMeanNode: (node: NodeSignature) => boolean = unaryOf(['int8', 'uint8', 'int16']);

/** Folds 1/count into (multiplier, shift) exactly as TFLite does (int64 shift and truncating division). */
export function foldCountIntoMultiplier(multiplier: number, shift: number, count: number): { multiplier: number; shift: number } {
  // floor(log2(count)), i.e. 63 − CountLeadingZeros(uint64 count)
  let s = Math.floor(Math.log2(count));
  while (2 ** s > count) s--;
  while (2 ** (s + 1) <= count) s++;
  s = Math.min(s, 32, 31 + shift);
  const m = Number((BigInt(multiplier) << BigInt(s)) / BigInt(count));
  return { multiplier: m, shift: shift - s };
}

function prepare(node: NodeContext<ReducerOptions>, mode: 'reference' | 'xnnpack'): QuantizedMeanData {
  const plan = planQuantizedSums(node);
  const input = node.inputs[0]!;
  const output = node.outputs[0]!;
  const { count } = plan;
  const base = quantizeMultiplier(requireScale(node, input) / requireScale(node, output));
  const folded = count > 0 ? foldCountIntoMultiplier(base.multiplier, base.shift, count) : base;
  const range = intRange(output.dtype as QuantizedDType);
  return {
    ...plan, multiplier: folded.multiplier, shift: folded.shift, inZeroPoint: tensorZeroPoint(input),
    outZeroPoint: tensorZeroPoint(output), min: range.min, max: range.max,
    floatScale: mode === 'xnnpack' && count > 0
      ? Math.fround(Math.fround(requireScale(node, input) / requireScale(node, output)) / count)
      : null,
  };
}

export function meanQuantized(input: QArray, output: QArray, d: QuantizedMeanData): void {
  if (d.count === 0) {
    output.fill(0);
    return;
  }
  sumRawValues(input, d);
  const offset = d.inZeroPoint * d.count;
  if (d.floatScale !== null) {
    for (let i = 0; i < output.length; i++) {
      const v = roundHalfEven(Math.fround(Math.fround(d.sums[i]! - offset) * d.floatScale)) + d.outZeroPoint;
      output[i] = v < d.min ? d.min : v > d.max ? d.max : v;
    }
    return;
  }
  for (let i = 0; i < output.length; i++) {
    const v = multiplyByQuantizedMultiplier((d.sums[i]! - offset) | 0, d.multiplier, d.shift) + d.outZeroPoint;
    output[i] = v < d.min ? d.min : v > d.max ? d.max : v;
  }
}

function meanKernel(mode: 'reference' | 'xnnpack'): KernelRegistration<ReducerOptions, QuantizedMeanData> {
  return {
    op: BuiltinOp.MEAN,
    name: mode === 'xnnpack' ? 'MEAN (int8/uint8, XNNPACK arithmetic)' : 'MEAN (int8/uint8/int16, reference)',
    parseOptions: parseReducerOptions,
    supports: mode === 'xnnpack' ? (node) => isQuantizedMeanNode(node) && node.inputs[0]!.dtype !== 'int16' : isQuantizedMeanNode,
    prepare: (node) => prepare(node, mode),
    eval: (node, d) => meanQuantized(node.inputs[0]!.data as QArray, node.outputs[0]!.data as QArray, d),
  };
}

/** TFLite's builtin (reference) integer arithmetic. */
export const MEAN_QUANTIZED_KERNEL = meanKernel('reference');
/** What LiteRT computes with its default XNNPACK delegate (8-bit only). */
export const MEAN_QUANTIZED_XNNPACK_KERNEL = meanKernel('xnnpack');
