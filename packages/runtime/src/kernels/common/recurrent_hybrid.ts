/**
 * The hybrid (float activations, int8 weights) vector math of TFLite's recurrent kernels: each float vector is
 * quantized to int8 on the fly — symmetrically (scale max|x|/127) or asymmetrically (a zero point per vector) —
 * multiplied in int32 with the weights and scaled back into the float accumulator, as tensor_utils does.
 */
import { roundHalfAway } from './quantization.js';

const f = Math.fround;

/** Per-vector quantization results of BatchQuantizeFloats. */
export interface QuantizedBatch {
  readonly values: Int8Array;
  readonly scales: Float32Array;
  /** Zero points (asymmetric only; all 0 when symmetric). */
  readonly offsets: Int32Array;
}

function symmetricQuantize(x: Float32Array, at: number, n: number, out: Int8Array, outAt: number): number {
  let min = Infinity;
  let max = -Infinity;
  for (let i = at; i < at + n; i++) {
    const v = x[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const range = Math.max(Math.abs(min), Math.abs(max));
  if (range === 0) {
    out.fill(0, outAt, outAt + n);
    return 1;
  }
  const inv = f(127 / range);
  for (let i = 0; i < n; i++) {
    const q = roundHalfAway(f(x[at + i]! * inv));
    out[outAt + i] = q > 127 ? 127 : q < -127 ? -127 : q;
  }
  return f(range / 127);
}

/** AsymmetricQuantizeFloats: range widened to include 0, scale and zero point in double, values in float. */
function asymmetricQuantize(x: Float32Array, at: number, n: number, out: Int8Array, outAt: number): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = at; i < at + n; i++) {
    const v = x[i]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const rmin = Math.min(0, lo);
  const rmax = Math.max(0, hi);
  if (rmin === rmax) {
    out.fill(0, outAt, outAt + n);
    return [1, 0];
  }
  const scale = (rmax - rmin) / 255;
  const zpFromMin = -128 - rmin / scale;
  const zpFromMax = 127 - rmax / scale;
  const zpDouble = 128 + Math.abs(rmin / scale) < 127 + Math.abs(rmax / scale) ? zpFromMin : zpFromMax;
  const zp = zpDouble <= -128 ? -128 : zpDouble >= 127 ? 127 : roundHalfAway(zpDouble);
  const scaleF = f(scale);
  const inv = f(1 / scaleF);
  for (let i = 0; i < n; i++) {
    const q = roundHalfAway(f(zp + f(x[at + i]! * inv)));
    out[outAt + i] = q > 127 ? 127 : q < -128 ? -128 : q;
  }
  return [scaleF, zp];
}

/** BatchQuantizeFloats: quantizes `batches` vectors of `n` values starting at `at`. */
export function batchQuantize(x: Float32Array, at: number, batches: number, n: number, into: QuantizedBatch, asymmetric: boolean): void {
  for (let b = 0; b < batches; b++) {
    if (asymmetric) {
      const [scale, zp] = asymmetricQuantize(x, at + b * n, n, into.values, b * n);
      into.scales[b] = scale;
      into.offsets[b] = zp;
    } else {
      into.scales[b] = symmetricQuantize(x, at + b * n, n, into.values, b * n);
      into.offsets[b] = 0;
    }
  }
}

export function quantizedBatch(batches: number, n: number): QuantizedBatch {
  return { values: new Int8Array(batches * n), scales: new Float32Array(batches), offsets: new Int32Array(batches) };
}

/** Σ_c matrix[r·cols + c] for each row: the row sums that correct asymmetric inputs. */
export function rowSums(matrix: Int8Array, rows: number, cols: number): Int32Array {
  const sums = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    let s = 0;
    for (let c = 0; c < cols; c++) s += matrix[r * cols + c]!;
    sums[r] = s;
  }
  return sums;
}

/**
 * result[b·rows + r] += (Σ w·q − rowSum·offset) · (vectorScale_b · weightScale), in float32 as TFLite's
 * hybrid MatrixBatchVectorMultiplyAccumulate (the offset term only for asymmetric inputs).
 */
export function hybridMatVecAccumulate(
  matrix: Int8Array, rows: number, cols: number, weightScale: number,
  q: QuantizedBatch, batches: number, sums: Int32Array | null,
  result: Float32Array, resultAt: number,
): void {
  for (let b = 0; b < batches; b++) {
    const scale = f(q.scales[b]! * weightScale);
    const offset = q.offsets[b]!;
    const v = b * cols;
    for (let r = 0; r < rows; r++) {
      let dot = 0;
      const m = r * cols;
      for (let c = 0; c < cols; c++) dot += matrix[m + c]! * q.values[v + c]!;
      if (sums) dot -= sums[r]! * offset;
      const o = resultAt + b * rows + r;
      result[o] = f(result[o]! + f(f(dot | 0) * scale));
    }
  }
}

/** The float values of a per-tensor quantized int8 vector (VectorScalarMultiply). */
export function scaledInt8(data: Int8Array, scale: number): Float32Array {
  const out = new Float32Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = f(scale * data[i]!);
  return out;
}
