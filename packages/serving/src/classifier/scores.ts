/**
 * Output interpretation. Quantized outputs are dequantized, (q - zeroPoint) * scale. When the result is not
 * already a probability vector (a value outside [0, 1], or a sum away from 1), the model ends in logits, and
 * the scores reported are their softmax, so `score` is always a probability.
 */
import type { TensorDetails, TypedArray } from '@tflite-lambda/runtime';
import { ClassifierError } from './errors.js';

export interface Classification {
  value: number;
  score: number;
  label?: string;
}

/** Checks at load time that output 0 is one vector of class scores, and returns the class count. */
export function classCountOf(details: TensorDetails): number {
  const { shape, dtype } = details;
  const n = shape.reduce((a, b) => a * b, 1);
  const batchOfOne = shape.length === 1 || (shape.slice(0, -1).every((d) => d === 1) && shape.length <= 4);
  const numeric = dtype === 'float32' || dtype === 'uint8' || dtype === 'int8' || dtype === 'int16';
  if (!batchOfOne || !numeric || n < 1) {
    throw new ClassifierError(
      'UNSUPPORTED_MODEL',
      `output '${details.name}' has shape [${shape}] and dtype ${dtype}; expected one float or quantized score vector`,
    );
  }
  return n;
}

export function dequantize(raw: TypedArray, details: TensorDetails): Float32Array {
  const out = new Float32Array(raw.length);
  const { scale, zeroPoint } = details.quantization;
  const quantized = details.dtype !== 'float32' && scale.length > 0;
  const s = quantized ? scale[0] : 1;
  const z = quantized ? zeroPoint[0] : 0;
  for (let i = 0; i < raw.length; i++) out[i] = (Number(raw[i]) - z) * s;
  return out;
}

/**
 * A probability vector has every value in [0, 1] and sums to 1, within 1e-3 plus one quantization step per
 * class (a uint8 softmax with scale 1/256 cannot sum to exactly 1).
 */
export function isProbabilityVector(values: Float32Array, step = 0): boolean {
  const eps = 1e-6 + step;
  let sum = 0;
  for (const v of values) {
    if (!(v >= -eps && v <= 1 + eps)) return false;
    sum += v;
  }
  return Math.abs(sum - 1) <= 1e-3 + values.length * step;
}

export function softmax(values: Float32Array): Float32Array {
  let max = -Infinity;
  for (const v of values) max = Math.max(max, v);
  const out = new Float32Array(values.length);
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    out[i] = Math.exp(values[i] - max);
    sum += out[i];
  }
  for (let i = 0; i < out.length; i++) out[i] /= sum;
  return out;
}

/** Per-class probabilities from the raw output tensor. */
export function scoresFromOutput(raw: TypedArray, details: TensorDetails): Float32Array {
  const values = dequantize(raw, details);
  const step = details.dtype !== 'float32' && details.quantization.scale.length > 0 ? details.quantization.scale[0] : 0;
  return isProbabilityVector(values, step) ? values : softmax(values);
}

/** The k best classes, highest score first; equal scores keep the lower class index first. */
export function topClasses(scores: Float32Array, k: number, labels: readonly string[] | null): Classification[] {
  if (!Number.isInteger(k) || k < 1) throw new ClassifierError('BAD_OPTIONS', `top k must be a positive integer, got ${k}`);
  const order = Array.from(scores.keys()).sort((a, b) => scores[b] - scores[a] || a - b);
  return order.slice(0, k).map((value) => classification(value, scores[value], labels));
}

export function classification(value: number, score: number, labels: readonly string[] | null): Classification {
  return labels ? { value, score, label: labels[value] } : { value, score };
}
