/**
 * gemmlowp's fixed-point transcendental functions on int32 raw values, as TFLite's quantized SOFTMAX (and
 * LOGISTIC/TANH reference kernels) use them. A FixedPoint<int32, I> has I integer bits and 31 − I fraction
 * bits; multiplying two of them is srdhm on the raws, adding is int32 addition.
 */
import { saturatingRoundingMultiplyByPOT, srdhm } from './fixed_point.js';

const INT32_MAX = 2147483647;

/** exp(−2^k) in Q0.31 for k = −2..4: the barrel shifter's multipliers. */
export const EXP_BARREL: readonly (readonly [number, number])[] = [
  [-2, 1672461947],
  [-1, 1302514674],
  [0, 790015084],
  [1, 290630308],
  [2, 39332535],
  [3, 720401],
  [4, 242],
];

/** exp(a) for a in [−1/4, 0), both Q0.31: a Taylor series around −1/8. */
export function expOnIntervalNegQuarterTo0(a: number): number {
  const constantTerm = 1895147668; // exp(−1/8)
  const oneThird = 715827883;
  const x = (a + (1 << 28)) | 0; // a + 1/8
  const x2 = srdhm(x, x);
  const x3 = srdhm(x2, x);
  const x4 = srdhm(x2, x2);
  const x4Over4 = saturatingRoundingMultiplyByPOT(x4, -2);
  const poly = saturatingRoundingMultiplyByPOT((srdhm((x4Over4 + x3) | 0, oneThird) + x2) | 0, -1);
  return (constantTerm + srdhm(constantTerm, (x + poly) | 0)) | 0;
}

/** exp(a) for a ≤ 0: `a` has `integerBits` integer bits, the result is Q0.31. */
export function expOnNegativeValues(a: number, integerBits: number): number {
  const fractionalBits = 31 - integerBits;
  const oneQuarter = 1 << (fractionalBits - 2);
  const mask = oneQuarter - 1;
  const aModQuarterMinusQuarter = ((a & mask) - oneQuarter) | 0;
  let result = expOnIntervalNegQuarterTo0(saturatingRoundingMultiplyByPOT(aModQuarterMinusQuarter, integerBits));
  const remainder = (aModQuarterMinusQuarter - a) | 0;
  for (const [exponent, multiplier] of EXP_BARREL) {
    if (integerBits > exponent) {
      const bit = fractionalBits + exponent;
      if (bit < 31 && (remainder & (1 << bit)) !== 0) result = srdhm(result, multiplier);
    }
  }
  if (integerBits > 5) {
    const clamp = -(1 << (36 - integerBits)); // −32 in the input's format
    if (a < clamp) result = 0;
  }
  return a === 0 ? INT32_MAX : result;
}

/** gemmlowp RoundingHalfSum for int32: (a + b) / 2 rounded away from zero. */
function roundingHalfSum(a: number, b: number): number {
  const sum = a + b;
  return Math.trunc((sum + (sum >= 0 ? 1 : -1)) / 2);
}

/** 1 / (1 + a) for a in [0, 1), Q0.31 in and out: three Newton–Raphson steps in Q2.29. */
export function oneOverOnePlusX(a: number): number {
  const halfDenominator = roundingHalfSum(a, INT32_MAX); // Q0.31
  const c48Over17 = 1515870810; // Q2.29
  const cNeg32Over17 = -1010580540;
  const oneQ2 = 1 << 29;
  let x = (c48Over17 + srdhm(halfDenominator, cNeg32Over17)) | 0;
  for (let i = 0; i < 3; i++) {
    const hdx = srdhm(halfDenominator, x); // Q2.29
    const oneMinus = (oneQ2 - hdx) | 0;
    x = (x + saturatingRoundingMultiplyByPOT(srdhm(x, oneMinus), 2)) | 0; // Q4.27 → Q2.29
  }
  // x/2 reinterpreted as Q1.30, then rescaled to Q0.31.
  return saturatingRoundingMultiplyByPOT(x, 1);
}

/**
 * TFLite GetReciprocal: the Q0.31 significand of 1/x for a positive x (any number of integer bits). The true
 * reciprocal is this shifted right by `integerBits − Math.clz32(x)` bits (TFLite's num_bits_over_unit).
 */
export function reciprocalSignificand(x: number): number {
  const headroomPlusOne = Math.clz32(x);
  const shiftedSumMinusOne = ((x << headroomPlusOne) - 2147483648) | 0;
  return oneOverOnePlusX(shiftedSumMinusOne);
}

/** gemmlowp Rescale from `srcBits` to `dstBits` integer bits. */
export function rescale(x: number, srcBits: number, dstBits: number): number {
  return saturatingRoundingMultiplyByPOT(x, srcBits - dstBits);
}

