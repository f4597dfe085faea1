/**
 * The integer vector math of TFLite's fully quantized LSTM (8x8_16: int8 activations and weights, int16 gates
 * and cell state), as tensor_utils' portable versions compute it: int32 dot products rescaled by a quantized
 * multiplier, Q3.12 gate pre-activations through gemmlowp's 16-bit sigmoid and tanh, and saturating int16
 * element-wise products and sums.
 */
import { logisticQ3, tanhInt16 } from '../quantized/gemmlowp_int16.js';
import { multiplyByQuantizedMultiplier, roundingDivideByPOT } from './fixed_point.js';
import type { QuantizedMultiplier } from './quantization.js';

const sat16 = (x: number): number => (x > 32767 ? 32767 : x < -32768 ? -32768 : x);

/**
 * out[b·rows + r] = sat(out[b·rows + r] + MBQM(bias[r] + Σ_c in[b·cols + c]·w[r·cols + c]) + outputZp), the
 * accumulate-into-int16 (or int8) MatrixBatchVectorMultiplyAccumulate. `bias` carries the zero-point
 * corrections folded in at prepare.
 */
export function integerMatVecAccumulate(
  input: Int8Array, inputAt: number, bias: Int32Array, weights: Int8Array, m: QuantizedMultiplier,
  batches: number, cols: number, rows: number, outputZp: number, output: Int16Array | Int8Array,
): void {
  const max = output instanceof Int16Array ? 32767 : 127;
  const min = -max - 1;
  for (let b = 0; b < batches; b++) {
    for (let r = 0; r < rows; r++) {
      let acc = bias[r]!;
      const x = inputAt + b * cols;
      const w = r * cols;
      for (let c = 0; c < cols; c++) acc += input[x + c]! * weights[w + c]!;
      acc = multiplyByQuantizedMultiplier(acc | 0, m.multiplier, m.shift) + outputZp + output[b * rows + r]!;
      output[b * rows + r] = acc > max ? max : acc < min ? min : acc;
    }
  }
}

/** Peephole: gate[b·n + i] = sat16(gate + MBQM(w[i]·cell[b·n + i])) (VectorBatchVectorCwiseProductAccumulate). */
export function peepholeAccumulate(weights: Int16Array, n: number, cell: Int16Array, batches: number, m: QuantizedMultiplier, gate: Int16Array): void {
  for (let b = 0; b < batches; b++) {
    for (let i = 0; i < n; i++) {
      const k = b * n + i;
      gate[k] = sat16(multiplyByQuantizedMultiplier(weights[i]! * cell[k]!, m.multiplier, m.shift) + gate[k]!);
    }
  }
}

/** Q3.12 → Q0.15 sigmoid, in place. */
export function sigmoidInt16(data: Int16Array, n: number): void {
  for (let i = 0; i < n; i++) data[i] = logisticQ3(data[i]!);
}

/** tanh of values with `integerBits` integer bits → Q0.15. */
export function tanhInt16Vector(input: Int16Array, integerBits: number, output: Int16Array, n: number): void {
  for (let i = 0; i < n; i++) output[i] = tanhInt16(input[i]!, integerBits);
}

/** out = (a·b) / 2^shift rounded (CwiseMul); the cast to int16 wraps as in C++. */
export function cwiseMulShift(a: Int16Array, b: Int16Array, n: number, shift: number, out: Int16Array): void {
  for (let i = 0; i < n; i++) out[i] = roundingDivideByPOT(a[i]! * b[i]!, shift);
}

/**
 * out = clamp_int8(MBQM(a·b) − zp): the hidden state. TFLite subtracts the zero point here (and its projection
 * bias adds zp·Σw), which we reproduce as is.
 */
export function cwiseMulToInt8(a: Int16Array, b: Int16Array, m: QuantizedMultiplier, zp: number, n: number, out: Int8Array): void {
  for (let i = 0; i < n; i++) {
    const v = multiplyByQuantizedMultiplier(a[i]! * b[i]!, m.multiplier, m.shift) - zp;
    out[i] = v < -128 ? -128 : v > 127 ? 127 : v;
  }
}

/** out = sat16(a + b). */
export function cwiseAddInt16(a: Int16Array, b: Int16Array, n: number, out: Int16Array): void {
  for (let i = 0; i < n; i++) out[i] = sat16(a[i]! + b[i]!);
}

/** out = 32767 − in (1 − x in Q0.15). */
export function sub1Int16(input: Int16Array, n: number, out: Int16Array): void {
  for (let i = 0; i < n; i++) out[i] = 32767 - input[i]!;
}

export function clipInt(data: Int16Array | Int8Array, n: number, clip: number): void {
  for (let i = 0; i < n; i++) {
    const x = data[i]!;
    data[i] = x > clip ? clip : x < -clip ? -clip : x;
  }
}

/** bias + zeroPoint·Σ_c w[r·cols + c] per row (PrecomputeZeroPointTimesWeightWithBias). */
export function zeroPointTimesWeightsWithBias(weights: Int8Array, rows: number, cols: number, zeroPoint: number, bias: Int32Array | null): Int32Array {
  const out = new Int32Array(rows);
  if (bias) out.set(bias.subarray(0, rows));
  if (zeroPoint !== 0) {
    for (let r = 0; r < rows; r++) {
      let sum = 0;
      for (let c = 0; c < cols; c++) sum += weights[r * cols + c]!;
      out[r] = (out[r]! + sum * zeroPoint) | 0;
    }
  }
  return out;
}
