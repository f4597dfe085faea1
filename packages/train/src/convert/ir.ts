/**
 * The converter's own graph between a TF.js LayersModel and a .tflite file: ops with their constants already
 * in TFLite layouts, so the folding passes, the float emitter and the int8 emitter share one shape logic.
 * Tensor ids index `IrGraph.tensors`. Every op reads `inputs` (tensor ids, in TFLite operand order) and writes
 * one `output`. Specialised ops (conv, dense, affine, …) own their float constants because folding rewrites
 * them; every other TFLite builtin is a generic `BuiltinIrOp` whose constant operands are constant tensors
 * (`IrTensor.data`), so a new layer needs a translator and nothing in the emitters.
 */
import type { BuiltinOptions, FusedActivation, Padding } from '@tflite-lambda/runtime/internal';
import type { QParams } from './quant_math.js';

export type IrDType = 'float32' | 'int32';

export interface IrTensor {
  readonly name: string;
  shape: number[];
  readonly dtype: IrDType;
  /** The TF.js layer whose output this tensor is (calibration and error messages name it). */
  source: string;
  /** Present = a constant operand (shape vectors, axes, weights of a builtin op), already in TFLite layout. */
  readonly data?: Float32Array | Int32Array;
  /** A variable tensor (recurrent state TFLite keeps across invokes, zeroed at allocation). */
  readonly variable?: boolean;
}

/** What every op has: the tensors it reads (TFLite operand order; −1 = an omitted optional operand) and writes. */
export interface IrOpBase {
  inputs: number[];
  output: number;
}

export interface ConvOp extends IrOpBase {
  readonly kind: 'conv2d' | 'depthwise';
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

/** TRANSPOSE_CONV (Conv2DTranspose): its own op so int8 mode quantizes filter and bias as convolutions do. */
export interface TransposeConvOp extends IrOpBase {
  readonly kind: 'transpose_conv';
  /** [out,kh,kw,in]. */
  filter: Float32Array;
  readonly filterShape: number[];
  bias: Float32Array;
  readonly strides: [number, number];
  readonly padding: Padding;
}

export interface DenseOp extends IrOpBase {
  readonly kind: 'dense';
  /** [out, in], as TFLite's FULLY_CONNECTED wants. */
  filter: Float32Array;
  readonly filterShape: [number, number];
  bias: Float32Array;
  activation: FusedActivation;
}

export interface PoolOp extends IrOpBase {
  readonly kind: 'maxpool' | 'avgpool';
  readonly size: [number, number];
  readonly strides: [number, number];
  readonly padding: Padding;
}

/** Global average pooling over H and W (TFLite MEAN). */
export interface MeanOp extends IrOpBase {
  readonly kind: 'mean';
}

export interface ReshapeOp extends IrOpBase {
  readonly kind: 'reshape';
}

/** y = x·scale + offset along the last axis (BatchNormalization, Normalization, Rescaling). */
export interface AffineOp extends IrOpBase {
  readonly kind: 'affine';
  scale: Float32Array;
  offset: Float32Array;
}

/** Per-channel constant multiply or add along the last axis (an affine op that could not be folded). */
export interface ChannelConstOp extends IrOpBase {
  readonly kind: 'mul_const' | 'add_const';
  readonly values: Float32Array;
}

export type ActivationFn = 'relu' | 'relu6' | 'softmax' | 'sigmoid' | 'tanh';

export interface ActivationOp extends IrOpBase {
  readonly kind: 'activation';
  readonly fn: ActivationFn;
}

/** Two-input ADD or N-input CONCATENATION (an N-input Add is chained into binary adds by its translator). */
export interface MergeOp extends IrOpBase {
  readonly kind: 'add' | 'concat';
  /** Concatenation axis (positive, NHWC). */
  readonly axis: number;
  activation: FusedActivation;
}

/**
 * How a builtin op's output is quantized in int8 mode; absent = TFLite has no int8 lowering we emit, and
 * int8 conversion refuses the op.
 * - 'input': the output keeps its first input's scale and zero point (RESHAPE, TRANSPOSE, PAD, MAX_POOL…);
 * - 'calibrated': the output's own observed range (the kernel rescales: ADD, SUB, MUL, MEAN…);
 * - 'shared': inputs and output on one scale and zero point (the union of their ranges; constant operands
 *   quantized on it), for kernels that compare raw int8 values (MAXIMUM, MINIMUM);
 * - fixed parameters the int8 kernel requires (LOGISTIC: 1/256, −128…).
 */
export type Int8Output = 'input' | 'calibrated' | 'shared' | QParams;

/** Any TFLite builtin operator, emitted as is in float mode. */
export interface BuiltinIrOp extends IrOpBase {
  readonly kind: 'builtin';
  /** A BuiltinOp code of the runtime's schema. */
  readonly opcode: number;
  readonly options: BuiltinOptions | null;
  /** Operator version in float mode (default 1). */
  readonly version?: number;
  readonly int8?: Int8Output;
  /** int8 operator version (default: the version table of the int8 emitter, else 1). */
  readonly int8Version?: number;
  /** Dynamic-range mode: these operand positions are float weights stored as symmetric int8 (hybrid kernels). */
  readonly hybrid?: { readonly operands: readonly number[]; readonly version: number };
}

export type IrOp = ConvOp | TransposeConvOp | DenseOp | PoolOp | MeanOp | ReshapeOp | AffineOp | ChannelConstOp | ActivationOp | MergeOp | BuiltinIrOp;

export interface IrGraph {
  readonly tensors: IrTensor[];
  ops: IrOp[];
  /** Model inputs in signature order. */
  inputs: number[];
  /** Model outputs in signature order. */
  outputs: number[];
}

/** The tensors an op reads (omitted optional operands left out). */
export function opInputs(op: IrOp): number[] {
  return op.inputs.filter((t) => t >= 0);
}

/** Ops reading tensor `t`. */
export function consumers(g: IrGraph, t: number): IrOp[] {
  return g.ops.filter((op) => op.inputs.includes(t));
}

export function producer(g: IrGraph, t: number): IrOp | undefined {
  return g.ops.find((op) => op.output === t);
}

export function isGraphOutput(g: IrGraph, t: number): boolean {
  return g.outputs.includes(t);
}

export function isConstant(g: IrGraph, t: number): boolean {
  return t >= 0 && g.tensors[t].data !== undefined;
}

/** Replaces every read of tensor `from` by `to` (used when an op is removed by folding). */
export function rewire(g: IrGraph, from: number, to: number): void {
  for (const op of g.ops) op.inputs = op.inputs.map((i) => (i === from ? to : i));
  g.outputs = g.outputs.map((o) => (o === from ? to : o));
}
