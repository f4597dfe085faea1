/**
 * The converter's own graph between a TF.js LayersModel and a .tflite file: float ops with their constants
 * already in TFLite layouts, so the folding passes, the float emitter and the int8 emitter share one shape
 * logic. Tensor ids index `IrGraph.tensors`; constants live inside the ops that own them.
 */
import type { FusedActivation, Padding } from '@tflite-lambda/runtime/internal';

export interface IrTensor {
  readonly name: string;
  shape: number[];
  /** The TF.js layer whose output this tensor is (calibration reads that layer's output). */
  source: string;
}

export interface ConvOp {
  readonly kind: 'conv2d' | 'depthwise';
  input: number;
  output: number;
  /** conv2d: OHWI [out,kh,kw,in]; depthwise: [1,kh,kw,in·multiplier]. */
  filter: Float32Array;
  readonly filterShape: number[];
  bias: Float32Array;
  readonly strides: [number, number];
  readonly dilation: [number, number];
  readonly padding: Padding;
  readonly multiplier: number;
  activation: FusedActivation;
}

export interface DenseOp {
  readonly kind: 'dense';
  input: number;
  output: number;
  /** [out, in], as TFLite's FULLY_CONNECTED wants. */
  filter: Float32Array;
  readonly filterShape: [number, number];
  bias: Float32Array;
  activation: FusedActivation;
}

export interface PoolOp {
  readonly kind: 'maxpool' | 'avgpool';
  input: number;
  output: number;
  readonly size: [number, number];
  readonly strides: [number, number];
  readonly padding: Padding;
}

/** Global average pooling over H and W (TFLite MEAN). */
export interface MeanOp {
  readonly kind: 'mean';
  input: number;
  output: number;
}

export interface ReshapeOp {
  readonly kind: 'reshape';
  input: number;
  output: number;
}

/** y = x·scale + offset along the last axis (BatchNormalization, Normalization, Rescaling). */
export interface AffineOp {
  readonly kind: 'affine';
  input: number;
  output: number;
  scale: Float32Array;
  offset: Float32Array;
}

/** Per-channel constant multiply or add along the last axis (an affine op that could not be folded). */
export interface ChannelConstOp {
  readonly kind: 'mul_const' | 'add_const';
  input: number;
  output: number;
  readonly values: Float32Array;
}

export type ActivationFn = 'relu' | 'relu6' | 'softmax' | 'sigmoid' | 'tanh';

export interface ActivationOp {
  readonly kind: 'activation';
  input: number;
  output: number;
  readonly fn: ActivationFn;
}

export interface MergeOp {
  readonly kind: 'add' | 'concat';
  inputs: number[];
  output: number;
  /** Concatenation axis (positive, NHWC). */
  readonly axis: number;
  activation: FusedActivation;
}

export type IrOp = ConvOp | DenseOp | PoolOp | MeanOp | ReshapeOp | AffineOp | ChannelConstOp | ActivationOp | MergeOp;

export interface IrGraph {
  readonly tensors: IrTensor[];
  ops: IrOp[];
  input: number;
  output: number;
}

export function isMerge(op: IrOp): op is MergeOp {
  return op.kind === 'add' || op.kind === 'concat';
}

export function opInputs(op: IrOp): number[] {
  return isMerge(op) ? op.inputs : [op.input];
}

/** Ops reading tensor `t`. */
export function consumers(g: IrGraph, t: number): IrOp[] {
  return g.ops.filter((op) => opInputs(op).includes(t));
}

export function producer(g: IrGraph, t: number): IrOp | undefined {
  return g.ops.find((op) => op.output === t);
}

/** Replaces every read of tensor `from` by `to` (used when an op is removed by folding). */
export function rewire(g: IrGraph, from: number, to: number): void {
  for (const op of g.ops) {
    if (isMerge(op)) op.inputs = op.inputs.map((i) => (i === from ? to : i));
    else if (op.input === from) op.input = to;
  }
  if (g.output === from) g.output = to;
}
