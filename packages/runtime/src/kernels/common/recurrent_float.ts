/**
 * The float vector math of TFLite's recurrent kernels (tensor_utils, portable versions), in float32: every
 * product and sum is rounded to float32 as the C++ does, so sums come out as TFLite's own loops give them.
 */
import { UnsupportedError } from '../../core/errors.js';
import type { FusedActivation } from '../../core/options.js';

const f = Math.fround;

/**
 * result[b·rows + r] += Σ_c matrix[r·cols + c] · vector[b·cols + c] for `batches` vectors (TFLite's
 * MatrixBatchVectorMultiplyAccumulate). Offsets let callers point into larger buffers.
 */
export function matVecAccumulate(
  matrix: Float32Array, rows: number, cols: number,
  vector: Float32Array, vectorAt: number, batches: number,
  result: Float32Array, resultAt: number,
): void {
  for (let b = 0; b < batches; b++) {
    const v = vectorAt + b * cols;
    for (let r = 0; r < rows; r++) {
      let dot = 0;
      const m = r * cols;
      for (let c = 0; c < cols; c++) dot = f(dot + f(matrix[m + c]! * vector[v + c]!));
      const o = resultAt + b * rows + r;
      result[o] = f(result[o]! + dot);
    }
  }
}

/** Copies `vector` (length n) into each of `batches` rows of `out` (VectorBatchVectorAssign). */
export function assignBatches(vector: Float32Array | null, n: number, batches: number, out: Float32Array, outAt = 0): void {
  for (let b = 0; b < batches; b++) {
    if (vector) out.set(vector.subarray(0, n), outAt + b * n);
    else out.fill(0, outAt + b * n, outAt + (b + 1) * n);
  }
}

export function sigmoid(x: number): number {
  return f(1 / f(1 + f(Math.exp(-x))));
}

/** An activation TFLite applies to recurrent gates and outputs (ApplyActivationToVector). */
export type VectorActivation = FusedActivation | 'SIGMOID';

export function activationFunction(act: VectorActivation): (x: number) => number {
  switch (act) {
    case 'NONE':
      return (x) => x;
    case 'RELU':
      return (x) => (x < 0 ? 0 : x);
    case 'RELU_N1_TO_1':
      return (x) => (x < -1 ? -1 : x > 1 ? 1 : x);
    case 'RELU6':
      return (x) => (x < 0 ? 0 : x > 6 ? 6 : x);
    case 'TANH':
      return (x) => f(Math.tanh(x));
    case 'SIGMOID':
      return sigmoid;
    case 'SIGN_BIT':
      throw new UnsupportedError('the SIGN_BIT activation is not supported in recurrent kernels');
  }
}

/** out[i] = act(in[i]) over [at, at + n). */
export function applyActivation(act: (x: number) => number, input: Float32Array, output: Float32Array, at: number, n: number): void {
  for (let i = at; i < at + n; i++) output[i] = act(input[i]!);
}

/** Normalizes each of `batches` rows of `n` values to mean 0, variance 1 (MeanStddevNormalization, ε = 1e-8). */
export function meanStddevNormalize(data: Float32Array, n: number, batches: number): void {
  for (let b = 0; b < batches; b++) {
    const at = b * n;
    let sum = 0;
    for (let i = 0; i < n; i++) sum = f(sum + data[at + i]!);
    const mean = f(sum / n);
    let sumDiffSq = 0;
    for (let i = 0; i < n; i++) {
      const d = f(data[at + i]! - mean);
      sumDiffSq = f(sumDiffSq + f(d * d));
    }
    const variance = f(sumDiffSq / n);
    const inv = f(1 / f(Math.sqrt(f(variance + f(1e-8)))));
    for (let i = 0; i < n; i++) data[at + i] = f(f(data[at + i]! - mean) * inv);
  }
}

/** Clamps [at, at + n) into [−clip, clip] (CwiseClipping). */
export function clipVector(data: Float32Array, at: number, n: number, clip: number): void {
  for (let i = at; i < at + n; i++) {
    const x = data[i]!;
    data[i] = x > clip ? clip : x < -clip ? -clip : x;
  }
}

/** True when every value in [at, at + n) is 0 (TFLite skips work on all-zero inputs and states). */
export function isZeroVector(data: Float32Array, at: number, n: number): boolean {
  for (let i = at; i < at + n; i++) if (data[i] !== 0) return false;
  return true;
}

/** gate[b, i] += w[i] · cell[cellAt + b·n + i] (the peephole: VectorBatchVectorCwiseProductAccumulate). */
export function peepholeAccumulate(w: Float32Array, cell: Float32Array, cellAt: number, n: number, batches: number, gate: Float32Array): void {
  for (let k = 0; k < batches * n; k++) gate[k] = f(gate[k]! + f(w[k % n]! * cell[cellAt + k]!));
}

/** Layer norm of each gate row, then its coefficients and the bias (the bias moves after the normalization). */
export function layerNormGate(gate: Float32Array, coefficients: Float32Array, bias: Float32Array, n: number, batches: number): void {
  meanStddevNormalize(gate, n, batches);
  for (let k = 0; k < batches * n; k++) gate[k] = f(f(gate[k]! * coefficients[k % n]!) + bias[k % n]!);
}
