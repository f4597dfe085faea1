/**
 * Multiply-adds of the heavy operators, from tensor shapes after prepare: what the interpreter's compute
 * budget counts. Estimates of the arithmetic, not of time (a TypeScript kernel does the same work slower).
 */
import { numElements } from '../../core/shape.js';
import type { NodeSignature, RuntimeTensor } from '../kernel.js';

const elements = (t: RuntimeTensor | null | undefined): number => (t ? numElements(t.shape) : 0);
const dim = (t: RuntimeTensor | null | undefined, i: number): number => (t ? (t.shape.at(i) ?? 1) : 1);

/** What an operator without an estimate costs: one unit per element it reads or writes. */
export function elementWork(node: NodeSignature): number {
  let n = 0;
  for (const t of node.inputs) n += elements(t);
  for (const t of node.outputs) n += elements(t);
  return n;
}

/** CONV_2D: every output element sums filterH·filterW·(input channels per group) products. */
export function convWork(node: NodeSignature): number {
  const [, filter] = node.inputs;
  const outC = dim(filter, 0);
  return outC > 0 ? elements(node.outputs[0]) * (elements(filter) / outC) : 0;
}

/** DEPTHWISE_CONV_2D: filterH·filterW products per output element. */
export function depthwiseWork(node: NodeSignature): number {
  const [, filter] = node.inputs;
  return elements(node.outputs[0]) * dim(filter, 1) * dim(filter, 2);
}

/** FULLY_CONNECTED and BATCH_MATMUL: the reduced dimension per output element. */
export function matmulWork(node: NodeSignature, reduced: number): number {
  return elements(node.outputs[0]) * reduced;
}

/** TRANSPOSE_CONV (inputs: output shape, filter OHWI, input): each input element meets filterH·filterW·outC weights. */
export function transposeConvWork(node: NodeSignature): number {
  const [, filter, input] = node.inputs;
  return elements(input) * dim(filter, 0) * dim(filter, 1) * dim(filter, 2);
}

/** MediaPipe's Convolution2DTransposeBias: TRANSPOSE_CONV's work, its input first and no output-shape input. */
export function transposeConvBiasWork(node: NodeSignature): number {
  const [input, filter] = node.inputs;
  return elements(input) * dim(filter, 0) * dim(filter, 1) * dim(filter, 2);
}

/**
 * The recurrent ops (LSTM, RNN and SVDF families): every step multiplies each of its rows (a batch element at
 * one time) by every weight matrix, so the work is rows × the elements of the node's rank-2 inputs.
 */
export function recurrentWork(node: NodeSignature): number {
  const input = node.inputs[0];
  const rows = input && input.shape.length > 0 ? elements(input) / Math.max(1, dim(input, -1)) : 0;
  let weights = 0;
  for (const t of node.inputs.slice(1)) if (t && t.shape.length === 2 && t.isConstant) weights += elements(t);
  return rows * weights;
}
