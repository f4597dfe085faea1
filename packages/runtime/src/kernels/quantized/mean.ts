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
import { numElements } from '../../core/shape.js';
import { reducedShape, resolveAxes } from '../common/axes.js';
import { constIntValues } from '../common/const_values.js';
import { multiplyByQuantizedMultiplier } from '../common/fixed_point.js';
import { nodeLabel, requireInput, requireOutput } from '../common/node_checks.js';
import {
  quantizeMultiplier, requireScale, roundHalfEven, tensorZeroPoint, type QArray, type QuantizedDType,
} from '../common/quantization.js';
import { parseReducerOptions } from '../common/reduction.js';
import { unaryOf } from './elementwise.js';
import type { KernelRegistration, NodeContext, NodeSignature } from '../kernel.js';

export interface QuantizedMeanData {
  readonly inputShape: readonly number[];
  /** Output element stride per input axis (0 along reduced axes). */
  readonly outStrides: readonly number[];
  readonly count: number;
  readonly sums: Float64Array;
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
  const input = requireInput(node, 0);
  const output = requireOutput(node, 0);
  const rank = input.shape.length;
  const axes = resolveAxes(constIntValues(node, requireInput(node, 1), 'axes input'), rank, nodeLabel(node));
  output.shape = reducedShape(input.shape, axes, node.options.keepDims);
  const outStrides = new Array<number>(rank);
  for (let i = rank - 1, s = 1; i >= 0; i--) {
    outStrides[i] = axes.includes(i) ? 0 : s;
    if (!axes.includes(i)) s *= input.shape[i]!;
  }
  const count = numElements(input.shape) === 0 ? 0 : axes.reduce((p, a) => p * input.shape[a]!, 1);
  const base = quantizeMultiplier(requireScale(node, input) / requireScale(node, output));
  const folded = count > 0 ? foldCountIntoMultiplier(base.multiplier, base.shift, count) : base;
  const range = intRange(output.dtype as QuantizedDType);
  return {
    inputShape: [...input.shape], outStrides, count, sums: new Float64Array(numElements(output.shape)),
    multiplier: folded.multiplier, shift: folded.shift, inZeroPoint: tensorZeroPoint(input),
    outZeroPoint: tensorZeroPoint(output), min: range.min, max: range.max,
    floatScale: mode === 'xnnpack' && count > 0
      ? Math.fround(Math.fround(requireScale(node, input) / requireScale(node, output)) / count)
      : null,
  };
}

function accumulate(sums: Float64Array, input: QArray, shape: readonly number[], strides: readonly number[], dim: number, inPos: number, outPos: number): number {
  const n = shape[dim]!;
  const step = strides[dim]!;
  if (dim === shape.length - 1) {
    for (let i = 0; i < n; i++, outPos += step) sums[outPos] += input[inPos++]!;
    return inPos;
  }
  for (let i = 0; i < n; i++, outPos += step) inPos = accumulate(sums, input, shape, strides, dim + 1, inPos, outPos);
  return inPos;
}

export function meanQuantized(input: QArray, output: QArray, d: QuantizedMeanData): void {
  d.sums.fill(0);
  if (d.count === 0) {
    output.fill(0);
    return;
  }
  if (d.inputShape.length === 0) d.sums[0] = input[0]!;
  else accumulate(d.sums, input, d.inputShape, d.outStrides, 0, 0, 0);
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
