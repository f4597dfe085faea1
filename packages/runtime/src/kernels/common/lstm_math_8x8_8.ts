/**
 * The vector operations of TFLite's 8x8_8 integer LSTM (portable_tensor_utils: MatrixBatchVectorMultiply to
 * int8, TwoGateSaturatingAdd, ApplyLayerNormFloat, ApplySigmoidFloat, ApplyTanhFloat and the int16 → int8
 * projection). Unlike the 8x8_16 form, the layer norm and the gate activations of this form run in float32
 * and truncate back to Q3.12 / Q0.15: each step below keeps TFLite's float rounding points (Math.fround where
 * the C++ holds a float) and its truncating casts.
 */
import { clamp, multiplyByQuantizedMultiplier } from './fixed_point.js';
import { roundHalfAway, type QuantizedMultiplier } from './quantization.js';

const f = Math.fround;
const clampInt8 = (x: number): number => clamp(x, -128, 127);
const clampInt16 = (x: number): number => clamp(x, -32768, 32767);
/** C++'s int8_t conversion of a zero point passed as int32 (wraps). */
const asInt8 = (x: number): number => (x << 24) >> 24;

/** out[b·rows + r] = clamp_int8(MBQM(Σ_c (x − xZp)·w[r·cols + c]) + outZp): one gate's share, as int8. */
export function matVecToInt8(
  x: Int8Array, xZp: number, w: Int8Array, m: QuantizedMultiplier, batches: number, cols: number, rows: number, out: Int8Array, outZp: number,
): void {
  const zp = asInt8(outZp);
  for (let b = 0; b < batches; b++) {
    for (let r = 0; r < rows; r++) {
      let acc = 0;
      for (let c = 0; c < cols; c++) acc += (x[b * cols + c]! - xZp) * w[r * cols + c]!;
      out[b * rows + r] = clampInt8(multiplyByQuantizedMultiplier(acc | 0, m.multiplier, m.shift) + zp);
    }
  }
}

/** gate = sat16(MBQM(x − xZp) + MBQM(h − hZp)): the input and recurrent shares rescaled to their sum's scale. */
export function twoGateSaturatingAdd(
  x: Int8Array, xZp: number, h: Int8Array, hZp: number, mx: QuantizedMultiplier, mh: QuantizedMultiplier, n: number, gate: Int16Array,
): void {
  const zx = asInt8(xZp), zh = asInt8(hZp);
  for (let i = 0; i < n; i++) {
    const xs = multiplyByQuantizedMultiplier(x[i]! - zx, mx.multiplier, mx.shift);
    const hs = multiplyByQuantizedMultiplier(h[i]! - zh, mh.multiplier, mh.shift);
    gate[i] = clampInt16(xs + hs);
  }
}

/**
 * ApplyLayerNormFloat, in place: per batch row, (x − mean)/stddev (float32 sums), times the coefficient and
 * the layer-norm scale (a·2^(b − 31)), plus bias·2^-10·scale, to Q3.12 by rounding half away from zero.
 */
export function layerNormFloat(gate: Int16Array, weights: Int16Array, m: QuantizedMultiplier, bias: Int32Array, batches: number, n: number): void {
  const scale = f(m.multiplier * 2 ** (m.shift - 31));
  const biasScale = f(2 ** -10 * scale);
  for (let b = 0; b < batches; b++) {
    let sum = 0, sumSq = 0;
    for (let i = 0; i < n; i++) {
      const v = gate[b * n + i]!;
      sum = f(sum + v);
      sumSq = f(sumSq + f(v * v));
    }
    const mean = f(sum / n);
    const variance = f(f(sumSq / n) - f(mean * mean));
    // 1.0f / sqrt(1e-8) is a double expression; sqrt of the float variance is the float overload.
    const stddevInv = variance === 0 ? f(1 / Math.sqrt(1e-8)) : f(1 / f(Math.sqrt(variance)));
    for (let i = 0; i < n; i++) {
      const normalized = f(f(gate[b * n + i]! - mean) * stddevInv);
      const weighted = f(f(f(normalized * weights[i]!) * scale) + f(f(bias[i]!) * biasScale));
      gate[b * n + i] = clampInt16(Math.trunc(roundHalfAway(weighted * 4096)));
    }
  }
}

/** ApplySigmoidFloat, in place: Q3.12 → float32 logistic → Q0.15, truncated. */
export function sigmoidFloat(gate: Int16Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = f(gate[i]! * 2 ** -12);
    const y = f(1 / f(1 + f(Math.exp(-x))));
    gate[i] = clampInt16(Math.trunc(y * 32768));
  }
}

/** ApplyTanhFloat: input with 2^integerBits scale (−12: Q3.12, −15: Q0.15) → float32 tanh → Q0.15, truncated. */
export function tanhFloat(input: Int16Array, integerBits: number, n: number, out: Int16Array): void {
  for (let i = 0; i < n; i++) {
    const y = f(Math.tanh(f(input[i]! * 2 ** integerBits)));
    out[i] = clampInt16(Math.trunc(y * 32768));
  }
}

/**
 * The projection of the 8x8_8 form: out = clamp_int8(MBQM(bias + Σ hidden·w) + outZp), hidden int16. TFLite
 * sums in int64 and hands the sum to an int32 parameter (wrapping).
 */
export function projectToInt8(
  hidden: Int16Array, w: Int8Array, m: QuantizedMultiplier, bias: Int32Array, batches: number, cols: number, rows: number, outZp: number, out: Int8Array,
): void {
  for (let b = 0; b < batches; b++) {
    for (let r = 0; r < rows; r++) {
      let acc = bias[r]!;
      for (let c = 0; c < cols; c++) acc += hidden[b * cols + c]! * w[r * cols + c]!;
      out[b * rows + r] = clampInt8(multiplyByQuantizedMultiplier(acc | 0, m.multiplier, m.shift) + outZp);
    }
  }
}
