/**
 * Inputs that make rounding visible, for the bit-exact differential families: every code of an integer
 * type (so each rounding tie and each saturation a kernel can meet is met), and scales whose ratios are
 * powers of two (so that products land exactly on halves instead of near them).
 */
import { allocTyped, intRange, type QuantizationParams, type TypedArray } from '@tflite-lambda/runtime/internal';
import { perTensor } from '../case_builder.js';
import type { QuantDType } from '../random_data.js';
import type { Rng } from '../rng.js';

/** Every code of `dtype` once, in increasing order (256 values for 8-bit types; int16 is strided). */
export function everyCode(dtype: QuantDType, count = dtype === 'int16' ? 1024 : 256): TypedArray {
  const { min, max } = intRange(dtype);
  const out = allocTyped(dtype, count);
  const step = (max - min) / (count - 1);
  for (let i = 0; i < count; i++) out[i] = Math.round(min + i * step);
  return out;
}

/** Every code of `dtype`, `times` times over, shuffled (same multiset as everyCode repeated). */
export function shuffledCodes(rng: Rng, dtype: QuantDType, times: number): TypedArray {
  const codes = everyCode(dtype);
  const out = allocTyped(dtype, codes.length * times);
  const order = rng.permutation(out.length);
  for (let i = 0; i < out.length; i++) out[order[i]] = Number(codes[i % codes.length]);
  return out;
}

/** Per-tensor parameters with the type's middle as zero point (negative and positive values both occur). */
export function centred(dtype: QuantDType, scale: number): QuantizationParams {
  const { min, max } = intRange(dtype);
  return perTensor(scale, dtype === 'int16' ? 0 : Math.ceil((min + max) / 2));
}

/** The zero point `offset` steps from the bottom of the type's range. */
export function nearBottom(dtype: QuantDType, scale: number, offset: number): QuantizationParams {
  return perTensor(scale, intRange(dtype).min + offset);
}
