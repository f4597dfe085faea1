/**
 * Prepare-time quantization math shared by the integer kernels: real multipliers to TFLite's (int32
 * multiplier, shift) pairs, fused-activation ranges in the quantized domain, per-tensor parameter access.
 */
import { intRange, type DType } from '../../core/dtype.js';
import { UnsupportedError } from '../../core/errors.js';
import type { FusedActivation } from '../../core/options.js';
import type { NodeContext, RuntimeTensor } from '../kernel.js';

/** The raw integer data of a quantized tensor (int8, uint8 or int16). */
export type QArray = Int8Array | Uint8Array | Int16Array;

export interface QuantizedMultiplier {
  /** Q31 significand in [2^30, 2^31) (or 0). */
  readonly multiplier: number;
  /** Power-of-two exponent: > 0 shifts left, < 0 shifts right. */
  readonly shift: number;
}

/** C's frexp for finite non-zero x: x = m · 2^e with |m| in [0.5, 1). */
export function frexp(x: number): { mantissa: number; exponent: number } {
  if (x === 0 || !Number.isFinite(x)) return { mantissa: x, exponent: 0 };
  let e = Math.floor(Math.log2(Math.abs(x))) + 1;
  // Scale in two halves so neither power of two overflows (subnormals need 2^1074).
  const half = Math.trunc(e / 2);
  let m = x * 2 ** -half * 2 ** -(e - half);
  // log2 can be off by one near powers of two; settle exactly.
  while (Math.abs(m) < 0.5) {
    m *= 2;
    e -= 1;
  }
  while (Math.abs(m) >= 1) {
    m /= 2;
    e += 1;
  }
  return { mantissa: m, exponent: e };
}

/** std::round: halves away from zero. */
export function roundHalfAway(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

/** Round half to even (C's rintf/lrintf in the default mode; XNNPACK's magic-bias rounding). */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** TFLite QuantizeMultiplier: frexp, round the mantissa to Q31 (half away from zero), fix the 2^31 carry. */
export function quantizeMultiplier(real: number): QuantizedMultiplier {
  if (real === 0 || !Number.isFinite(real)) return { multiplier: 0, shift: 0 };
  const { mantissa, exponent } = frexp(real);
  let q = roundHalfAway(mantissa * 2147483648);
  let shift = exponent;
  if (Math.abs(q) === 2147483648) {
    q /= 2;
    shift += 1;
  }
  if (shift < -31) return { multiplier: 0, shift: 0 };
  return { multiplier: q, shift };
}

/** Per-tensor scale and zero point of a quantized tensor (first entry when per-channel). */
export function tensorScale(t: RuntimeTensor): number {
  return t.quantization?.scale[0] ?? 0;
}

export function tensorZeroPoint(t: RuntimeTensor): number {
  return t.quantization?.zeroPoint[0] ?? 0;
}

/** The tensor's scale; throws when the tensor carries no quantization parameters. */
export function requireScale(node: NodeContext<unknown>, t: RuntimeTensor): number {
  const s = t.quantization?.scale[0];
  if (s === undefined || !(s > 0)) {
    throw new UnsupportedError(
      `${node.opName} (op ${node.index}): tensor '${t.name}' (${t.dtype}) has no quantization scale`,
    );
  }
  return s;
}

export type QuantizedDType = 'int8' | 'uint8' | 'int16';

export function isQuantized8(dtype: DType): dtype is 'int8' | 'uint8' {
  return dtype === 'int8' || dtype === 'uint8';
}

/**
 * TFLite CalculateActivationRangeQuantized: the dtype's range narrowed by the fused activation, with the
 * bounds quantized as zero_point + round(f / scale) in float32 arithmetic.
 */
export function quantizedActivationRange(
  act: FusedActivation,
  dtype: QuantizedDType | 'int32',
  scale: number,
  zeroPoint: number,
): { min: number; max: number } {
  const range = intRange(dtype);
  const q = (f: number): number => zeroPoint + roundHalfAway(Math.fround(f / scale));
  switch (act) {
    case 'NONE':
      return range;
    case 'RELU':
      return { min: Math.max(range.min, q(0)), max: range.max };
    case 'RELU6':
      return { min: Math.max(range.min, q(0)), max: Math.min(range.max, q(6)) };
    case 'RELU_N1_TO_1':
      return { min: Math.max(range.min, q(-1)), max: Math.min(range.max, q(1)) };
    default:
      throw new UnsupportedError(`fused activation ${act} is not supported on quantized kernels`);
  }
}

/**
 * Per-output-channel multipliers for CONV_2D / DEPTHWISE_CONV_2D / FULLY_CONNECTED: input_scale ·
 * filter_scale[c] / output_scale in double (as PopulateConvolutionQuantizationParams). A per-tensor filter
 * scale is broadcast over the channels. uint8 per-tensor models use TFLite's legacy float product.
 */
export function channelMultipliers(
  inputScale: number,
  filterScales: readonly number[],
  outputScale: number,
  channels: number,
  legacyFloatProduct: boolean,
): { multipliers: Int32Array; shifts: Int32Array } {
  const multipliers = new Int32Array(channels);
  const shifts = new Int32Array(channels);
  for (let c = 0; c < channels; c++) {
    const fs = filterScales.length > 1 ? filterScales[c]! : filterScales[0]!;
    const real = legacyFloatProduct ? Math.fround(inputScale * fs) / outputScale : (inputScale * fs) / outputScale;
    const qm = quantizeMultiplier(real);
    multipliers[c] = qm.multiplier;
    shifts[c] = qm.shift;
  }
  return { multipliers, shifts };
}
