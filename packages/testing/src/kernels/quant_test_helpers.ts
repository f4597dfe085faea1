/**
 * Helpers for the quantized kernel tests only: quantization parameter literals and independent BigInt
 * references of TFLite's fixed-point formulas (written from their definitions, not from fixed_point.ts).
 */
import type { QuantizationParams } from '@tflite-lambda/runtime/internal';

/** Per-tensor quantization. */
export function qp(scale: number, zeroPoint = 0): QuantizationParams {
  return { scale: [Math.fround(scale)], zeroPoint: [zeroPoint], quantizedDimension: 0 };
}

/** Per-channel quantization along `axis` (zero points 0). */
export function qpc(scales: readonly number[], axis: number): QuantizationParams {
  return { scale: scales.map((s) => Math.fround(s)), zeroPoint: scales.map(() => 0), quantizedDimension: axis };
}

/** 2·a·b / 2^32 with gemmlowp's nudge and C++ truncation, saturating MIN·MIN. */
export function refSrdhm(a: number, b: number): number {
  if (a === -2147483648 && b === -2147483648) return 2147483647;
  const ab = BigInt(a) * BigInt(b);
  const nudge = ab >= 0n ? 1n << 30n : 1n - (1n << 30n);
  return Number((ab + nudge) / (1n << 31n));
}

/** x / 2^e rounded half away from zero. */
export function refRoundingDivide(x: number, e: number): number {
  const d = 1n << BigInt(e);
  const half = d / 2n;
  const bx = BigInt(x);
  return Number(bx >= 0n ? (bx + half) / d : -((-bx + half) / d));
}

/** TFLite MultiplyByQuantizedMultiplier from its definition (int32 wrap on the left shift). */
export function refMultiply(x: number, m: number, shift: number): number {
  const left = shift > 0 ? shift : 0;
  const shifted = Number(BigInt.asIntN(32, BigInt(x) << BigInt(left)));
  return refRoundingDivide(refSrdhm(shifted, m), shift > 0 ? 0 : -shift);
}

/** frexp-based Q31 multiplier, computed with exact powers (independent of quantizeMultiplier). */
export function refQuantize(real: number): { m: number; s: number } {
  if (real === 0) return { m: 0, s: 0 };
  let s = 0;
  let x = real;
  while (x >= 1) { x /= 2; s++; }
  while (x < 0.5) { x *= 2; s--; }
  let m = Math.round(x * 2 ** 31);
  if (m === 2 ** 31) { m /= 2; s++; }
  if (s < -31) return { m: 0, s: 0 };
  return { m, s };
}

/** Round half to even. */
export function rint(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

export function clampTo(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}
