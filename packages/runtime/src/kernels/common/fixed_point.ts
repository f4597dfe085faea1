/**
 * TFLite's (gemmlowp's) 32-bit fixed-point primitives, bit-exact in JavaScript numbers.
 *
 * Every function takes and returns int32 values held in JS numbers. 64-bit intermediate products are exact:
 * a double holds integers up to 2^53, so the common case (|a·b| < 2^52) is computed directly, and the rare
 * wide case splits one factor into 16-bit halves so each partial product stays exact. No BigInt.
 */

const TWO_30 = 1073741824;
const TWO_31 = 2147483648;
const TWO_52 = 4503599627370496;
const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/**
 * gemmlowp SaturatingRoundingDoublingHighMul: the high 32 bits of 2·a·b, rounded half away from zero
 * (nudge ±2^30, then C++ truncating division by 2^31). Saturates the one overflow case (MIN·MIN).
 */
export function srdhm(a: number, b: number): number {
  if (a === INT32_MIN && b === INT32_MIN) return INT32_MAX;
  const p = a * b;
  if (p > -TWO_52 && p < TWO_52) {
    // Exact: p and p ± 2^30 are below 2^53, and division by a power of two is exact.
    const x = p >= 0 ? p + TWO_30 : p + (1 - TWO_30);
    return Math.trunc(x / TWO_31) | 0;
  }
  return srdhmWide(a, b, p >= 0);
}

/** srdhm for |a·b| ≥ 2^52: a·b = a·bHi·2^16 + a·bLo with both partial products exact in a double. */
function srdhmWide(a: number, b: number, nonNegative: boolean): number {
  const bHi = b >> 16; // signed, floor
  const bLo = b & 0xffff; // unsigned low half
  const p1 = a * bHi; // |p1| < 2^46
  const p0 = a * bLo; // |p0| < 2^47
  // p1·2^16 = h·2^31 + r·2^16 with r in [0, 2^15): everything below 2^31 collects in s (|s| < 2^48).
  const h = Math.floor(p1 / 32768);
  const r = p1 - h * 32768;
  const s = r * 65536 + p0 + (nonNegative ? TWO_30 : 1 - TWO_30);
  const sHigh = Math.floor(s / TWO_31);
  let q = h + sHigh; // floor((a·b + nudge) / 2^31)
  // C++ division truncates toward zero: a negative, inexact quotient moves up by one.
  if (q < 0 && s - sHigh * TWO_31 !== 0) q += 1;
  return q | 0;
}

/** gemmlowp RoundingDivideByPOT: x / 2^exponent rounded half away from zero (exponent 0..31). */
export function roundingDivideByPOT(x: number, exponent: number): number {
  const mask = ((1 << exponent) - 1) | 0;
  const remainder = x & mask;
  const threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

/**
 * RoundingDivideByPOT for any exponent 0..63 as LiteRT's WebAssembly build computes it: beyond 31 (which
 * gemmlowp only asserts against) the mask `(1ll << e) − 1` truncates to all ones and the int32 shift count is
 * taken mod 32, so x ≥ 0 gains 1 and x < 0 is shifted by e − 32. TFLite's quantized DIV reaches such
 * exponents for small quotients.
 */
export function roundingDivideByPOTWasm(x: number, exponent: number): number {
  if (exponent <= 31) return roundingDivideByPOT(x, exponent);
  return (x >> (exponent & 31)) + (x >= 0 ? 1 : 0);
}

/**
 * TFLite's MultiplyByQuantizedMultiplier (reference, double-rounding variant): left shift (int32, wrapping
 * like the C++), SRDHM, then rounding right shift. `shift` > 0 is a left shift, < 0 a right shift.
 */
export function multiplyByQuantizedMultiplier(x: number, multiplier: number, shift: number): number {
  if (shift > 0) return srdhm(Math.imul(x, 1 << shift), multiplier);
  return roundingDivideByPOT(srdhm(x, multiplier), -shift);
}

/** (x · multiplier + 2^(totalShift − 1)) >> totalShift on the exact integer product, as int32. */
function roundedProductShift(x: number, multiplier: number, totalShift: number): number {
  const p = x * multiplier;
  const round = 2 ** (totalShift - 1);
  if (p > -TWO_52 && p < TWO_52) return Math.floor((p + round) / 2 ** totalShift) | 0;
  // Rare: the product needs more than 53 bits.
  return Number((BigInt(x) * BigInt(multiplier) + BigInt(round)) >> BigInt(totalShift)) | 0;
}

/**
 * TFLite's MultiplyByQuantizedMultiplier for int64 accumulators (16x8 kernels with int64 bias): the
 * multiplier is reduced to 16 bits and the product rounded half up by `15 - shift` bits. `x` must be an
 * integer with |x| < 2^47 (as TFLite asserts).
 */
export function multiplyByQuantizedMultiplier64(x: number, multiplier: number, shift: number): number {
  const reduced = multiplier < 0x7fff0000 ? (multiplier + 32768) >> 16 : 0x7fff;
  return roundedProductShift(x, reduced, 15 - shift);
}

/**
 * x · multiplier · 2^(shift − 31) rounded half up once, on the exact product of an int64 accumulator and the
 * full 31-bit multiplier (FULLY_CONNECTED's 16x8 requantization as LiteRT computes it).
 */
export function multiplyByFullQuantizedMultiplier64(x: number, multiplier: number, shift: number): number {
  return roundedProductShift(x, multiplier, 31 - shift);
}

/** gemmlowp SaturatingRoundingMultiplyByPOT for int32: saturating left shift, or rounding right shift. */
export function saturatingRoundingMultiplyByPOT(x: number, exponent: number): number {
  if (exponent <= 0) return roundingDivideByPOT(x, -exponent);
  const threshold = (1 << (31 - exponent)) - 1;
  if (x > threshold) return INT32_MAX;
  if (x < -threshold) return INT32_MIN;
  return x << exponent;
}

/** Clamps `v` into [lo, hi]. */
export function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}

/** TFLite's MultiplyByQuantizedMultiplierSmallerThanOneExp: SRDHM, then a rounding right shift (`leftShift` ≤ 0). */
export function multiplyByQuantizedMultiplierSmallerThanOne(x: number, multiplier: number, leftShift: number): number {
  return roundingDivideByPOT(srdhm(x, multiplier), -leftShift);
}

/**
 * TFLite's GetInvSqrtQuantizedMultiplierExp: 1/√input as a Q31 multiplier and a shift, by five
 * Newton–Raphson steps in gemmlowp's Q3.28 fixed point from the input normalised into [2^27, 2^29). Inputs
 * 0 and 1 give INT32_MAX, shift 0. `reverseShift` −1 turns TFLite's right shift into a left shift.
 */
export function invSqrtQuantizedMultiplier(input: number, reverseShift: number): { multiplier: number; shift: number } {
  if (input <= 1) return { multiplier: INT32_MAX, shift: 0 };
  let shift = 11;
  while (input >= 1 << 29) {
    input = Math.trunc(input / 4);
    shift++;
  }
  const leftShiftBitPairs = ((Math.clz32(input) - 1) >>> 1) - 1;
  shift -= leftShiftBitPairs;
  input <<= 2 * leftShiftBitPairs;
  const halfInput = roundingDivideByPOT(input >> 1, 1); // Q3.28 input/2
  const halfThree = (1 << 28) + (1 << 27); // 1.5 in Q3.28
  let x = 1 << 28; // 1.0 in Q3.28
  for (let i = 0; i < 5; i++) {
    const x3 = saturatingRoundingMultiplyByPOT(srdhm(srdhm(x, x), x), 6);
    x = saturatingRoundingMultiplyByPOT((srdhm(halfThree, x) - srdhm(halfInput, x3)) | 0, 3);
  }
  let multiplier = srdhm(x, 1518500250); // × √2/2 in Q0.31
  if (shift < 0) {
    multiplier = (multiplier << -shift) | 0;
    shift = 0;
  }
  return { multiplier, shift: shift * reverseShift };
}
