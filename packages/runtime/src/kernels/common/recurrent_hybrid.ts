/**
 * The hybrid (float activations, int8 weights) vector math of TFLite's recurrent kernels: each float vector is
 * quantized to int8 on the fly — symmetrically (scale max|x|/127) or asymmetrically (a zero point per vector) —
 * multiplied in int32 with the weights and scaled back into the float accumulator, as tensor_utils does.
 */
import { quantizeRowAsymmetric, quantizeRowSymmetric } from './hybrid_quantize.js';

const f = Math.fround;

/** Per-vector quantization results of BatchQuantizeFloats. */
export interface QuantizedBatch {
  readonly values: Int8Array;
  readonly scales: Float32Array;
  /** Zero points (asymmetric only; all 0 when symmetric). */
  readonly offsets: Int32Array;
}

/** BatchQuantizeFloats: quantizes `batches` vectors of `n` values starting at `at`. */
export function batchQuantize(x: Float32Array, at: number, batches: number, n: number, into: QuantizedBatch, asymmetric: boolean): void {
  for (let b = 0; b < batches; b++) {
    const q = (asymmetric ? quantizeRowAsymmetric : quantizeRowSymmetric)(x, at + b * n, n, into.values, b * n);
    into.scales[b] = q.scale;
    into.offsets[b] = q.zeroPoint;
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
