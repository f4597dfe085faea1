/**
 * gemmlowp's fixed-point logistic and tanh on 16-bit raw values (FixedPoint<int16, 3> in, Q0.15 out), which
 * TFLite's optimized int16 LOGISTIC and TANH kernels run when the input scale is exactly 2^-12 (tanh also
 * 2^-11, pre-doubled with saturation). Every step mirrors the 16-bit arithmetic: wrapping int16 adds and
 * negations, the 16-bit rounding doubling high multiply, and the 32-bit constants rounded to 16 bits.
 */
import { roundingDivideByPOT } from '../common/fixed_point.js';

/** C++ truncation of an int to int16. */
function w16(x: number): number {
  return (x << 16) >> 16;
}

/** gemmlowp SaturatingRoundingDoublingHighMul for int16 (the product of two 16-bit fixed-point values). */
export function srdhm16(a: number, b: number): number {
  if (a === -32768 && b === -32768) return 32767;
  const ab = a * b;
  return w16(Math.trunc((ab + (ab >= 0 ? 16384 : 1 - 16384)) / 32768));
}

/** SaturatingRoundingMultiplyByPOT for int16: saturating left shift or rounding right shift. */
export function mulPot16(x: number, exponent: number): number {
  if (exponent < 0) return roundingDivideByPOT(x, -exponent);
  if (exponent === 0) return x;
  const threshold = (1 << (15 - exponent)) - 1;
  if (x > threshold) return 32767;
  if (x < -threshold) return -32768;
  return w16(x << exponent);
}

/** A gemmlowp constant written as a 32-bit raw value, rounded to its 16-bit raw value. */
function constant16(raw32: number): number {
  return w16(roundingDivideByPOT(raw32, 16));
}

function roundingHalfSum16(a: number, b: number): number {
  const sum = a + b;
  return w16(Math.trunc((sum + (sum >= 0 ? 1 : -1)) / 2));
}

/** gemmlowp SaturatingAdd for int16. */
export function saturatingAdd16(a: number, b: number): number {
  const s = a + b;
  return s > 32767 ? 32767 : s < -32768 ? -32768 : s;
}

const ONE_Q15 = 32767; // FixedPoint<int16, 0>::One() is the largest raw value
const EXP_MINUS_ONE_EIGHTH = constant16(1895147668);
const ONE_THIRD = constant16(715827883);
const C48_OVER_17 = constant16(1515870810);
const C_NEG_32_OVER_17 = constant16(-1010580540);
/** exp(−2^k) for k = −2..4 (the barrel shifter of exp_on_negative_values), k = index − 2. */
const EXP_BARREL = Int16Array.from([1672461947, 1302514674, 790015084, 290630308, 39332535, 720401, 242], constant16);

/** exp(a) for a in [−1/4, 0), Q0.15: Taylor expansion around −1/8. */
function expOnQuarterInterval(a: number): number {
  const x = w16(a + (1 << 12));
  const x2 = srdhm16(x, x);
  const x3 = srdhm16(x2, x);
  const x4 = srdhm16(x2, x2);
  const x4Over4 = mulPot16(x4, -2);
  const poly = mulPot16(w16(srdhm16(w16(x4Over4 + x3), ONE_THIRD) + x2), -1);
  return saturatingAdd16(EXP_MINUS_ONE_EIGHTH, srdhm16(EXP_MINUS_ONE_EIGHTH, w16(x + poly)));
}

/** exp(a) for a ≤ 0 held with `integerBits` integer bits; result Q0.15. */
function expOnNegativeValues(a: number, integerBits: number): number {
  const fractionalBits = 15 - integerBits;
  const quarter = 1 << (fractionalBits - 2);
  const aModQuarterMinusQuarter = w16((a & (quarter - 1)) - quarter);
  let result = expOnQuarterInterval(mulPot16(aModQuarterMinusQuarter, integerBits));
  const remainder = w16(aModQuarterMinusQuarter - a);
  for (let k = 0; k < EXP_BARREL.length; k++) {
    const exponent = k - 2;
    if (integerBits > exponent && (remainder & (1 << (fractionalBits + exponent))) !== 0) {
      result = srdhm16(result, EXP_BARREL[k]!);
    }
  }
  return a === 0 ? ONE_Q15 : result;
}

/** Newton–Raphson reciprocal of (1 + a)/2 in Q2.13, three iterations. */
function newtonHalfReciprocal(a: number): number {
  const halfDenominator = roundingHalfSum16(a, ONE_Q15);
  let x = w16(C48_OVER_17 + srdhm16(halfDenominator, C_NEG_32_OVER_17));
  for (let i = 0; i < 3; i++) {
    const oneMinus = w16((1 << 13) - srdhm16(halfDenominator, x));
    x = w16(x + mulPot16(srdhm16(x, oneMinus), 2));
  }
  return x;
}

/** gemmlowp::logistic on FixedPoint<int16, 3>: Q0.15 result. */
export function logisticQ3(a: number): number {
  if (a === 0) return constant16(1 << 30);
  const positive = a > 0;
  const abs = positive ? a : w16(-a);
  const resultIfPositive = mulPot16(newtonHalfReciprocal(expOnNegativeValues(w16(-abs), 3)), 1);
  return positive ? resultIfPositive : w16(ONE_Q15 - resultIfPositive);
}

/** gemmlowp::tanh on FixedPoint<int16, 3>: Q0.15 result. */
export function tanhQ3(a: number): number {
  if (a === 0) return 0;
  const negative = a < 0;
  const n = negative ? a : w16(-a);
  // exp(2n): doubling the value is a reinterpretation with one more integer bit.
  const t = mulPot16(w16(newtonHalfReciprocal(expOnNegativeValues(n, 4)) - (1 << 13)), 2);
  return negative ? w16(-t) : t;
}

/** TFLite's optimized int16 TANH with input_left_shift 1 doubles the input (saturating) first. */
export function doubleSaturating16(x: number): number {
  return mulPot16(x, 1);
}

/**
 * gemmlowp::tanh on FixedPoint<int16, integerBits> (0..6), Q0.15 result: as tanhQ3 for any integer bits.
 * TFLite's integer LSTM applies it to its cell state, whose integer bits follow from the state's scale.
 * exp_on_negative_values zeroes inputs below −32 when the format has more than 5 integer bits.
 */
export function tanhInt16(a: number, integerBits: number): number {
  if (a === 0) return 0;
  const negative = a < 0;
  const n = negative ? a : w16(-a);
  const expBits = integerBits + 1;
  const belowClamp = expBits > 5 && n < -(1 << (15 - expBits + 5));
  const e = belowClamp ? 0 : expOnNegativeValues(n, expBits);
  const t = mulPot16(w16(newtonHalfReciprocal(e) - (1 << 13)), 2);
  return negative ? w16(-t) : t;
}
