/**
 * One IR op → TFLite operators: in float (optionally with int8 dynamic-range weights, or float16 weights
 * behind DEQUANTIZE) or fully integer (int8, or 16x8: int16 activations with int8 weights and int64 bias).
 */
import type { ModelBuilder } from '@tflite-lambda/runtime/builder';
import { BuiltinOp, numberToFloat16Bits, opName, type BuiltinOptions, type QuantizationParams } from '@tflite-lambda/runtime/internal';
import type { BuiltinIrOp, ConvOp, DenseOp, IrGraph, IrOp, TransposeConvOp } from './ir.js';
import {
  activationParams, int16ActivationParams, quantizeBias, quantizeBias64, quantizeSymmetric, quantizeValue, quantizeValue16, RangeTracker, type QParams,
} from './quant_math.js';
import { ConversionError } from './read_layers.js';

export interface OpEmitter {
  readonly b: ModelBuilder;
  /** Builder index of an IR tensor (created on first use; constants with their data). */
  tensorOf(t: number): number;
  activation(t: number): QParams;
  /** The integer activation type (integer modes only). */
  readonly actType: 'int8' | 'int16';
  readonly dynamic: boolean;
  /** Float constants stored as float16 and dequantized at run time (TFLite's float16 quantization). */
  readonly float16: boolean;
  /** FULLY_CONNECTED weights per output channel instead of per tensor. */
  readonly perChannelDense: boolean;
  readonly graph: IrGraph;
}

/** Builder indices of an op's operands; −1 (an omitted optional operand) stays −1. */
function operands(op: IrOp, em: OpEmitter): number[] {
  return op.inputs.map((t) => (t < 0 ? -1 : em.tensorOf(t)));
}

function params(scales: number[], dim: number): QuantizationParams {
  return { scale: scales, zeroPoint: scales.map(() => 0), quantizedDimension: dim };
}

/** Output-channel axis of a filter in TFLite layout, and the channel of element i. */
function channelAxis(op: ConvOp | TransposeConvOp | DenseOp): { dim: number; count: number; of: (i: number) => number } {
  if (op.kind === 'depthwise') {
    const c = op.filterShape[3];
    return { dim: 3, count: c, of: (i) => i % c };
  }
  const c = op.filterShape[0];
  const per = op.filter.length / c;
  return { dim: 0, count: c, of: (i) => Math.floor(i / per) };
}

/** Symmetric int8 filter: per output channel for convolutions, per tensor for FULLY_CONNECTED unless asked. */
function int8Filter(em: OpEmitter, op: ConvOp | TransposeConvOp | DenseOp): { index: number; scales: number[] } {
  const perTensor = op.kind === 'dense' && !em.perChannelDense;
  const axis = channelAxis(op);
  const q = perTensor ? quantizeSymmetric(op.filter, 1, () => 0) : quantizeSymmetric(op.filter, axis.count, axis.of);
  const index = em.b.addTensor({ name: `${op.kind}_${op.output}/filter`, dtype: 'int8', shape: [...op.filterShape], data: q.values, quantization: params(q.scales, perTensor ? 0 : axis.dim) });
  return { index, scales: q.scales };
}

/**
 * A float constant; in float16 mode stored as half bits with a DEQUANTIZE to float32 ahead of its consumer,
 * the graph TFLite's float16 post-training quantization writes.
 */
function floatConst(em: OpEmitter, name: string, data: Float32Array, shape: number[]): number {
  if (!em.float16) return em.b.addTensor({ name, dtype: 'float32', shape, data });
  const half = em.b.addTensor({ name: `${name}_fp16`, dtype: 'float16', shape, data: Uint16Array.from(data, numberToFloat16Bits) });
  const out = em.b.addTensor({ name, dtype: 'float32', shape });
  em.b.addOperator({ opcode: BuiltinOp.DEQUANTIZE, version: 3, inputs: [half], outputs: [out], options: null });
  return out;
}

/** A builtin op's operand in float16 mode: its float constants become float16 + DEQUANTIZE, the rest as is. */
function float16Operand(em: OpEmitter, t: number): number {
  if (t < 0) return -1;
  const c = em.graph.tensors[t];
  return c.data instanceof Float32Array && c.dtype === 'float32' ? floatConst(em, c.name, c.data, c.shape) : em.tensorOf(t);
}

function options(op: IrOp): BuiltinOptions | null {
  switch (op.kind) {
    case 'conv2d':
      return { kind: 'Conv2DOptions', padding: op.padding, strideH: op.strides[0], strideW: op.strides[1], dilationH: op.dilation[0], dilationW: op.dilation[1], fusedActivation: op.activation };
    case 'depthwise':
      return { kind: 'DepthwiseConv2DOptions', padding: op.padding, strideH: op.strides[0], strideW: op.strides[1], dilationH: op.dilation[0], dilationW: op.dilation[1], depthMultiplier: op.multiplier, fusedActivation: op.activation };
    case 'dense':
      return { kind: 'FullyConnectedOptions', fusedActivation: op.activation, weightsFormat: 'DEFAULT', keepNumDims: false, asymmetricQuantizeInputs: false };
    case 'maxpool':
    case 'avgpool':
      return { kind: 'Pool2DOptions', padding: op.padding, strideH: op.strides[0], strideW: op.strides[1], filterHeight: op.size[0], filterWidth: op.size[1], fusedActivation: 'NONE' };
    case 'mean':
      return { kind: 'ReducerOptions', keepDims: false };
    case 'mul_const':
      return { kind: 'MulOptions', fusedActivation: 'NONE', potScaleInt16: true };
    case 'add_const':
      return { kind: 'AddOptions', fusedActivation: 'NONE', potScaleInt16: true };
    case 'add':
      return { kind: 'AddOptions', fusedActivation: op.activation, potScaleInt16: true };
    case 'concat':
      return { kind: 'ConcatenationOptions', axis: op.axis, fusedActivation: op.activation };
    case 'transpose_conv':
      return { kind: 'TransposeConvOptions', padding: op.padding, strideH: op.strides[0], strideW: op.strides[1], fusedActivation: 'NONE' };
    case 'activation':
      return op.fn === 'softmax' ? { kind: 'SoftmaxOptions', beta: 1 } : null;
    default:
      return null;
  }
}

const OPCODES = {
  conv2d: BuiltinOp.CONV_2D,
  depthwise: BuiltinOp.DEPTHWISE_CONV_2D,
  dense: BuiltinOp.FULLY_CONNECTED,
  maxpool: BuiltinOp.MAX_POOL_2D,
  avgpool: BuiltinOp.AVERAGE_POOL_2D,
  mean: BuiltinOp.MEAN,
  reshape: BuiltinOp.RESHAPE,
  mul_const: BuiltinOp.MUL,
  add_const: BuiltinOp.ADD,
  add: BuiltinOp.ADD,
  concat: BuiltinOp.CONCATENATION,
  transpose_conv: BuiltinOp.TRANSPOSE_CONV,
} as const;

const ACTIVATION_OPCODES = { relu: BuiltinOp.RELU, relu6: BuiltinOp.RELU6, softmax: BuiltinOp.SOFTMAX, sigmoid: BuiltinOp.LOGISTIC, tanh: BuiltinOp.TANH } as const;

function opcodeOf(op: IrOp): number {
  if (op.kind === 'builtin') return op.opcode;
  if (op.kind === 'activation') return ACTIVATION_OPCODES[op.fn];
  if (op.kind === 'affine') throw new Error('affine ops are expanded to MUL/ADD before emitting');
  return OPCODES[op.kind];
}

/** Operator versions TFLite's converter writes for int8 kernels (the resolver accepts a range per op). */
const INT16_VERSIONS: Partial<Record<number, number>> = {
  [BuiltinOp.CONV_2D]: 4, [BuiltinOp.DEPTHWISE_CONV_2D]: 5, [BuiltinOp.FULLY_CONNECTED]: 7, [BuiltinOp.MAX_POOL_2D]: 3,
  [BuiltinOp.AVERAGE_POOL_2D]: 3, [BuiltinOp.MEAN]: 3, [BuiltinOp.SOFTMAX]: 3, [BuiltinOp.ADD]: 3, [BuiltinOp.MUL]: 4,
  [BuiltinOp.LOGISTIC]: 3, [BuiltinOp.TANH]: 3, [BuiltinOp.RELU]: 3, [BuiltinOp.RELU6]: 3, [BuiltinOp.CONCATENATION]: 3,
};

const INT8_VERSIONS: Partial<Record<number, number>> = {
  [BuiltinOp.CONV_2D]: 3, [BuiltinOp.DEPTHWISE_CONV_2D]: 3, [BuiltinOp.FULLY_CONNECTED]: 4, [BuiltinOp.MAX_POOL_2D]: 2,
  [BuiltinOp.AVERAGE_POOL_2D]: 2, [BuiltinOp.MEAN]: 2, [BuiltinOp.SOFTMAX]: 2, [BuiltinOp.ADD]: 2, [BuiltinOp.MUL]: 2,
  [BuiltinOp.CONCATENATION]: 2, [BuiltinOp.LOGISTIC]: 2, [BuiltinOp.TANH]: 2, [BuiltinOp.RELU]: 2, [BuiltinOp.RELU6]: 2,
  [BuiltinOp.PAD]: 2, [BuiltinOp.TRANSPOSE]: 2, [BuiltinOp.SLICE]: 2, [BuiltinOp.STRIDED_SLICE]: 2, [BuiltinOp.TILE]: 3,
  [BuiltinOp.RESIZE_BILINEAR]: 2, [BuiltinOp.RESIZE_NEAREST_NEIGHBOR]: 2, [BuiltinOp.SUB]: 2, [BuiltinOp.SQUARED_DIFFERENCE]: 2,
  [BuiltinOp.BATCH_MATMUL]: 2, [BuiltinOp.MAXIMUM]: 2, [BuiltinOp.MINIMUM]: 2, [BuiltinOp.EXP]: 2, [BuiltinOp.LOG]: 2, [BuiltinOp.LOG_SOFTMAX]: 2, [BuiltinOp.ABS]: 2, [BuiltinOp.RSQRT]: 2, [BuiltinOp.REDUCE_MAX]: 2, [BuiltinOp.SUM]: 2, [BuiltinOp.GELU]: 2,
  // TRANSPOSE_CONV with a bias operand is version 3 in float and int8 alike.
  [BuiltinOp.TRANSPOSE_CONV]: 3,
};

/** TRANSPOSE_CONV's operands: output shape, filter, input, bias (the filter before the input, unlike CONV_2D). */
function transposeConvOperands(em: OpEmitter, op: TransposeConvOp, shapeOf: (t: number) => number[], filter: number, bias: number): number[] {
  const shape = shapeOf(op.output);
  const outShape = em.b.addTensor({ name: `transpose_conv_${op.output}/output_shape`, dtype: 'int32', shape: [shape.length], data: Int32Array.from(shape) });
  return [outShape, filter, em.tensorOf(op.inputs[0]), bias];
}

/** Extra constant inputs shared by float and int8: shapes for RESHAPE, axes for MEAN. */
function shapeInputs(em: OpEmitter, op: IrOp, shapeOf: (t: number) => number[]): number[] {
  if (op.kind === 'reshape') return [em.b.addTensor({ name: `reshape_${op.output}/shape`, dtype: 'int32', shape: [shapeOf(op.output).length], data: Int32Array.from(shapeOf(op.output)) })];
  if (op.kind === 'mean') return [em.b.addTensor({ name: `mean_${op.output}/axes`, dtype: 'int32', shape: [2], data: Int32Array.from([1, 2]) })];
  return [];
}


function withReshapeShape(op: IrOp, shapeOf: (t: number) => number[]): BuiltinOptions | null {
  if (op.kind === 'builtin') return op.options;
  return op.kind === 'reshape' ? { kind: 'ReshapeOptions', newShape: shapeOf(op.output) } : options(op);
}

export function emitOpFloat(op: IrOp, em: OpEmitter, shapeOf: (t: number) => number[]): void {
  if (op.kind === 'builtin') {
    const hybrid = em.dynamic ? op.hybrid : undefined;
    const ins = em.float16 ? op.inputs.map((t) => float16Operand(em, t)) : operands(op, em);
    if (hybrid) for (const k of hybrid.operands) ins[k] = hybridWeight(em, op.inputs[k]);
    em.b.addOperator({ opcode: op.opcode, version: hybrid?.version ?? op.version ?? 1, inputs: ins, outputs: [em.tensorOf(op.output)], options: op.options });
    return;
  }
  if (op.kind === 'transpose_conv') {
    // Dynamic mode keeps this filter float: TFLite's hybrid TRANSPOSE_CONV takes no bias operand.
    const filter = floatConst(em, `transpose_conv_${op.output}/filter`, op.filter, [...op.filterShape]);
    const ops = transposeConvOperands(em, op, shapeOf, filter, floatConst(em, `transpose_conv_${op.output}/bias`, op.bias, [op.bias.length]));
    em.b.addOperator({ opcode: BuiltinOp.TRANSPOSE_CONV, version: 3, inputs: ops, outputs: [em.tensorOf(op.output)], options: options(op) });
    return;
  }
  const ins = operands(op, em);
  if (op.kind === 'conv2d' || op.kind === 'depthwise' || op.kind === 'dense') {
    const filter = em.dynamic ? int8Filter(em, op).index : floatConst(em, `${op.kind}_${op.output}/filter`, op.filter, [...op.filterShape]);
    ins.push(filter, floatConst(em, `${op.kind}_${op.output}/bias`, op.bias, [op.bias.length]));
  } else if (op.kind === 'mul_const' || op.kind === 'add_const') {
    ins.push(floatConst(em, `${op.kind}_${op.output}/values`, op.values, [op.values.length]));
  }
  ins.push(...shapeInputs(em, op, shapeOf));
  const version = em.dynamic && (op.kind === 'conv2d' || op.kind === 'dense' || op.kind === 'depthwise') ? 2 : 1;
  em.b.addOperator({ opcode: opcodeOf(op), version, inputs: ins, outputs: [em.tensorOf(op.output)], options: withReshapeShape(op, shapeOf) });
}

/** Integer constants for a per-channel MUL/ADD: asymmetric int8, or symmetric int16 in 16x8 mode. */
function channelConstInteger(em: OpEmitter, name: string, values: Float32Array): number {
  const r = new RangeTracker();
  r.observe(values);
  const wide = em.actType === 'int16';
  const q = wide ? int16ActivationParams(r.min, r.max) : activationParams(r.min, r.max);
  const data = wide ? Int16Array.from(values, (v) => quantizeValue16(v, q)) : Int8Array.from(values, (v) => quantizeValue(v, q));
  return em.b.addTensor({ name, dtype: em.actType, shape: [values.length], data, quantization: { scale: [q.scale], zeroPoint: [q.zeroPoint], quantizedDimension: 0 } });
}

/** 16x8 ADD uses the general-scale int16 kernel (pot_scale_int16 false), as TFLite's 16x8 quantizer writes. */
function integerOptions(op: IrOp, em: OpEmitter, shapeOf: (t: number) => number[]): BuiltinOptions | null {
  const o = withReshapeShape(op, shapeOf);
  if (em.actType === 'int16' && o && o.kind === 'AddOptions') return { ...o, potScaleInt16: false };
  return o;
}

/** A float weight of a hybrid builtin op (dynamic-range mode): symmetric per-tensor int8, as TFLite stores it. */
function hybridWeight(em: OpEmitter, t: number): number {
  // Unrolled cells share one weight operand between their steps: quantize and store it once.
  let cache = hybridCache.get(em);
  if (!cache) {
    cache = new Map();
    hybridCache.set(em, cache);
  }
  const known = cache.get(t);
  if (known !== undefined) return known;
  const c = em.graph.tensors[t];
  if (!(c.data instanceof Float32Array)) throw new Error(`dynamic emit: hybrid operand '${c.name}' is not a float constant`);
  const q = quantizeSymmetric(c.data, 1, () => 0);
  const index = em.b.addTensor({ name: c.name, dtype: 'int8', shape: c.shape, data: q.values, quantization: params(q.scales, 0) });
  cache.set(t, index);
  return index;
}

const hybridCache = new WeakMap<OpEmitter, Map<number, number>>();

/**
 * A float constant operand of an int8 builtin op: per-tensor asymmetric int8 over its own range, or on the
 * given parameters (an op whose operands share one scale).
 */
function int8Constant(em: OpEmitter, t: number, on?: QParams): number {
  const c = em.graph.tensors[t];
  const values = c.data ?? new Float32Array();
  const r = new RangeTracker();
  r.observe(values);
  const q = on ?? activationParams(r.min, r.max);
  const data = Int8Array.from(values, (v) => quantizeValue(v, q));
  return em.b.addTensor({ name: c.name, dtype: 'int8', shape: c.shape, data, quantization: { scale: [q.scale], zeroPoint: [q.zeroPoint], quantizedDimension: 0 } });
}

/** The refusal of a builtin op the converter has no int8 lowering for (also raised before calibrating). */
export function noInt8Lowering(g: IrGraph, op: BuiltinIrOp): ConversionError {
  return new ConversionError(`layer '${g.tensors[op.output].source}' lowers to ${opName(op.opcode)}, which has no int8 lowering in the converter; convert with --quantize dynamic or none`);
}

/**
 * A generic builtin op in an integer graph. 16x8 is emitted only for the ops whose int16 lowering this
 * converter knows (the specialised IR ops); a builtin is refused there rather than written with guessed
 * int16 kernel versions.
 */
function emitBuiltinInteger(op: BuiltinIrOp, em: OpEmitter): void {
  const g = em.graph;
  const source = g.tensors[op.output].source;
  if (op.int8 === undefined) throw noInt8Lowering(g, op);
  if (em.actType === 'int16') {
    throw new ConversionError(`layer '${source}' lowers to ${opName(op.opcode)}, which the converter does not emit in 16x8 mode; convert with --quantize int8, float16 or dynamic`);
  }
  const ins = op.inputs.map((t) => {
    if (t < 0) return -1;
    const c = g.tensors[t];
    if (c.data === undefined || c.dtype !== 'float32') return em.tensorOf(t);
    return int8Constant(em, t, op.int8 === 'shared' ? em.activation(op.output) : undefined);
  });
  const version = op.int8Version ?? INT8_VERSIONS[op.opcode] ?? 1;
  em.b.addOperator({ opcode: op.opcode, version, inputs: ins, outputs: [em.tensorOf(op.output)], options: op.options });
}

export function emitOpInteger(op: IrOp, em: OpEmitter, shapeOf: (t: number) => number[]): void {
  if (op.kind === 'builtin') {
    emitBuiltinInteger(op, em);
    return;
  }
  const ins = operands(op, em);
  if (op.kind === 'transpose_conv') {
    const f = int8Filter(em, op);
    const inScale = em.activation(op.inputs[0]).scale;
    // 16x8 takes an int64 bias, as for the convolutions.
    const bias = em.actType === 'int16' ? quantizeBias64(op.bias, inScale, f.scales) : quantizeBias(op.bias, inScale, f.scales);
    const dtype = em.actType === 'int16' ? 'int64' : 'int32';
    const bi = em.b.addTensor({ name: `transpose_conv_${op.output}/bias`, dtype, shape: [op.bias.length], data: bias.values, quantization: params(bias.scales, 0) });
    em.b.addOperator({ opcode: BuiltinOp.TRANSPOSE_CONV, version: 3, inputs: transposeConvOperands(em, op, shapeOf, f.index, bi), outputs: [em.tensorOf(op.output)], options: options(op) });
    return;
  }
  if (op.kind === 'conv2d' || op.kind === 'depthwise' || op.kind === 'dense') {
    const f = int8Filter(em, op);
    const inScale = em.activation(op.inputs[0]).scale;
    const name = `${op.kind}_${op.output}/bias`;
    const bias = em.actType === 'int16' ? quantizeBias64(op.bias, inScale, f.scales) : quantizeBias(op.bias, inScale, f.scales);
    const dtype = em.actType === 'int16' ? 'int64' : 'int32';
    const bi = em.b.addTensor({ name, dtype, shape: [op.bias.length], data: bias.values, quantization: params(bias.scales, 0) });
    ins.push(f.index, bi);
  } else if (op.kind === 'mul_const' || op.kind === 'add_const') {
    ins.push(channelConstInteger(em, `${op.kind}_${op.output}/values`, op.values));
  }
  ins.push(...shapeInputs(em, op, shapeOf));
  const opcode = opcodeOf(op);
  const version = (em.actType === 'int16' ? INT16_VERSIONS : INT8_VERSIONS)[opcode] ?? 1;
  em.b.addOperator({ opcode, version, inputs: ins, outputs: [em.tensorOf(op.output)], options: integerOptions(op, em, shapeOf) });
}
