/**
 * Output interpretation. Quantized outputs are dequantized, (q - zeroPoint) · scale. Whether the values are
 * already probabilities is decided once, from the graph: an output computed by SOFTMAX or LOGISTIC (through
 * reshapes and (de)quantization) is kept as it is; any other output holds logits, and its scores are their
 * softmax, so a classifier's score is always a probability. Deciding from the values instead (do they sum to
 * 1?) flips with rounding: an int8 softmax dequantized to float sums to 0.996, and would get a second softmax.
 */
import type { TensorDetails, TypedArray } from '@tflite-lambda/runtime';
import { TaskError } from '../core/errors.js';
import type { ModelGraph } from '../core/graph.js';

/** What to apply to an output to get scores: 'auto' decides from the graph (softmax unless it ends in one). */
export type OutputActivation = 'auto' | 'softmax' | 'sigmoid' | 'none';

/** Checks at load time that an output is one vector of class scores, and returns the class count. */
export function classCountOf(details: TensorDetails): number {
  const { shape, dtype } = details;
  const n = shape.reduce((a, b) => a * b, 1);
  const batchOfOne = shape.length === 1 || (shape.slice(0, -1).every((d) => d === 1) && shape.length <= 4);
  const numeric = dtype === 'float32' || dtype === 'uint8' || dtype === 'int8' || dtype === 'int16';
  if (!batchOfOne || !numeric || n < 1) {
    throw new TaskError(
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

/** The activation `auto` stands for on this output. */
export function resolveActivation(option: OutputActivation | undefined, graph: ModelGraph, output: TensorDetails): Exclude<OutputActivation, 'auto'> {
  if (option !== undefined && option !== 'auto') return option;
  return graph.isProbabilityOutput(output.index) ? 'none' : 'softmax';
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

export function applyActivation(values: Float32Array, activation: Exclude<OutputActivation, 'auto'>): Float32Array {
  if (activation === 'softmax') return softmax(values);
  if (activation === 'sigmoid') return values.map((v) => 1 / (1 + Math.exp(-v)));
  return values;
}
