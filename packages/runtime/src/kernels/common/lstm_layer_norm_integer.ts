/**
 * TFLite's integer layer normalization for LSTM gates (tensor_utils ApplyLayerNorm): mean and variance in
 * integers with 2^10 extra resolution, the inverse standard deviation as a quantized multiplier from gemmlowp's
 * fixed-point Newton iteration (GetInvSqrtQuantizedMultiplierExp), then weight, bias and rescale to Q3.12.
 */
import { multiplyByQuantizedMultiplier, saturatingRoundingMultiplyByPOT, srdhm } from './fixed_point.js';
import type { IntegerLayerNorm } from './lstm_cell_integer.js';
import type { QuantizedMultiplier } from './quantization.js';

const INT32_MAX = 2147483647;

/** 1/√input as a quantized multiplier with a left shift (reverse_shift −1), bit-exact with TFLite. */
export function invSqrtQuantizedMultiplier(input: number): QuantizedMultiplier {
  if (input <= 1) return { multiplier: INT32_MAX, shift: 0 };
  let shift = 11;
  while (input >= 1 << 29) {
    input = Math.trunc(input / 4);
    shift++;
  }
  const leftShiftBitPairs = Math.floor((Math.clz32(input) - 1) / 2) - 1;
  shift -= leftShiftBitPairs;
  input = input << (2 * leftShiftBitPairs);
  // Fixed point with 3 integer bits: products of two are srdhm with 6 integer bits, rescaled back by 3.
  const halfInput = saturatingRoundingMultiplyByPOT(input >> 1, -1);
  const halfThree = (1 << 28) + (1 << 27);
  let x = 1 << 28;
  for (let i = 0; i < 5; i++) {
    const x3 = saturatingRoundingMultiplyByPOT(srdhm(srdhm(x, x), x), 6);
    x = saturatingRoundingMultiplyByPOT((srdhm(halfThree, x) - srdhm(halfInput, x3)) | 0, 3);
  }
  let multiplier = srdhm(x, 1518500250);
  if (shift < 0) {
    multiplier = multiplier << -shift;
    shift = 0;
  }
  return { multiplier, shift: -shift };
}

export function applyLayerNormInteger(gate: Int16Array, ln: IntegerLayerNorm, batches: number, n: number): void {
  const twoToThe20 = 1 << 20;
  for (let b = 0; b < batches; b++) {
    let sum = 0;
    let sumSq = 0n;
    for (let j = 0; j < n; j++) {
      const v = gate[b * n + j]!;
      sum += v;
      sumSq += BigInt(v * v);
    }
    const mean = Number((BigInt(sum) * 1024n) / BigInt(n));
    const temp = Math.trunc(twoToThe20 / n);
    const variance = sumSq * BigInt(temp) - BigInt(mean) * BigInt(mean);
    let variance2 = Number(BigInt.asIntN(32, variance / BigInt(twoToThe20)));
    if (variance2 < 1) variance2 = ln.varianceGuard;
    const inv = invSqrtQuantizedMultiplier(variance2);
    for (let j = 0; j < n; j++) {
      const shifted = (1024 * gate[b * n + j]! - mean) | 0;
      const rescaled = multiplyByQuantizedMultiplier(shifted, inv.multiplier, inv.shift);
      // int32 product and sum (wrapping, as the C++), then widened.
      const val3 = (Math.imul(rescaled, ln.weights[j]!) + ln.bias[j]!) | 0;
      const val4 = Math.trunc((val3 > 0 ? val3 + 512 : val3 - 512) / 1024);
      const val5 = multiplyByQuantizedMultiplier(val4, ln.scale.multiplier, ln.scale.shift + 12);
      gate[b * n + j] = val5 > 32767 ? 32767 : val5 < -32768 ? -32768 : val5;
    }
  }
}
