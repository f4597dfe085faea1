/** Random tensor values and quantization parameters for differential cases. */
import {
  allocTyped,
  intRange,
  numElements,
  type QuantizationParams,
  type TypedArray,
} from '@tflite-lambda/runtime/internal';
import { perTensor } from './case_builder.js';
import type { Rng } from './rng.js';

export type QuantDType = 'int8' | 'uint8' | 'int16';

/** float32 values ~ N(0, sd²) clipped to ±3·sd, like the corpus's random cases. */
export function normalFloats(rng: Rng, shape: readonly number[], sd = 1): Float32Array {
  return Float32Array.from({ length: numElements(shape) }, () => Math.max(-3, Math.min(3, rng.normal())) * sd);
}

/** float32 values uniform in [lo, hi). */
export function uniformFloats(rng: Rng, shape: readonly number[], lo: number, hi: number): Float32Array {
  return Float32Array.from({ length: numElements(shape) }, () => rng.uniform(lo, hi));
}

/** Integers uniform in [lo, hi] (default: the dtype's full range). */
export function randomInts(
  rng: Rng,
  dtype: QuantDType | 'int32',
  shape: readonly number[],
  lo = intRange(dtype).min,
  hi = intRange(dtype).max,
): TypedArray {
  const out = allocTyped(dtype, numElements(shape));
  for (let i = 0; i < out.length; i++) out[i] = rng.int(lo, hi);
  return out;
}

/** int32 data from plain numbers (shapes, axes, paddings, indices). */
export function i32(values: readonly number[]): Int32Array {
  return Int32Array.from(values);
}

/** A scale spread over three decades, 10^[lo, hi). */
export function randomScale(rng: Rng, lo = -3, hi = -1): number {
  return Math.fround(10 ** rng.uniform(lo, hi));
}

/** A zero point anywhere in the dtype's range (int16 activations are symmetric in TFLite: 0). */
export function randomZeroPoint(rng: Rng, dtype: QuantDType): number {
  if (dtype === 'int16') return 0;
  const { min, max } = intRange(dtype);
  return rng.int(min, max);
}

/** Random per-tensor activation quantization for `dtype`. */
export function randomActivationQuant(rng: Rng, dtype: QuantDType, lo = -3, hi = -1): QuantizationParams {
  return perTensor(randomScale(rng, lo, hi), randomZeroPoint(rng, dtype));
}

/** Symmetric per-channel weight quantization along `axis` (TFLite requires zero points of 0). */
export function perChannelQuant(rng: Rng, channels: number, axis: number): QuantizationParams {
  const scale = Array.from({ length: channels }, () => randomScale(rng, -3, -1));
  return { scale, zeroPoint: scale.map(() => 0), quantizedDimension: axis };
}

/**
 * int32 bias quantization: scale = input scale × weight scale (per channel), zero point 0, as TFLite's
 * prepare checks.
 */
export function biasQuant(input: QuantizationParams, weights: QuantizationParams): QuantizationParams {
  const scale = weights.scale.map((s) => Math.fround(input.scale[0] * s));
  return { scale, zeroPoint: scale.map(() => 0), quantizedDimension: 0 };
}

/** Quantizes real values with per-tensor params (round half away from zero, clamped). */
export function quantizeValues(values: Float32Array, dtype: QuantDType, q: QuantizationParams): TypedArray {
  const { min, max } = intRange(dtype);
  const out = allocTyped(dtype, values.length);
  for (let i = 0; i < values.length; i++) {
    const v = Math.round(values[i] / q.scale[0]) + q.zeroPoint[0];
    out[i] = Math.max(min, Math.min(max, v));
  }
  return out;
}

/**
 * Random float16 bit patterns with exponents 2^(minExp−15) .. 2^(maxExp−15) and a random sign, so the
 * values are exact halves (no rounding when a test builds float16 weights).
 */
export function halfBits(rng: Rng, n: number, minExp = 9, maxExp = 17): Uint16Array {
  return Uint16Array.from({ length: n }, () => (rng.int(0, 1) << 15) | (rng.int(minExp, maxExp) << 10) | rng.int(0, 1023));
}
