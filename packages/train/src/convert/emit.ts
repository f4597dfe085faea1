/**
 * Writes the folded IR as a .tflite model through the runtime's ModelBuilder: float32, float32 with
 * dynamic-range int8 weights ('dynamic') or float16 weights ('float16'), or fully integer ('int8', or
 * 'int16x8' — TFLite's 16x8 mode: int16 activations, int8 weights — given parameters for every activation).
 */
import { ModelBuilder, type BuilderTensor } from '@tflite-lambda/runtime/builder';
import { BuiltinOp, type QuantizationParams } from '@tflite-lambda/runtime/internal';
import { graphInputs, graphOutputs } from './graph_io.js';
import type { IrGraph, IrTensor } from './ir.js';
import { emitOpFloat, emitOpInteger, type OpEmitter } from './emit_ops.js';
import type { QParams } from './quant_math.js';

export type QuantizeMode = 'none' | 'dynamic' | 'float16' | 'int8' | 'int16x8';

export const QUANTIZE_MODES: readonly QuantizeMode[] = ['none', 'dynamic', 'float16', 'int8', 'int16x8'];

export function isIntegerMode(mode: QuantizeMode): mode is 'int8' | 'int16x8' {
  return mode === 'int8' || mode === 'int16x8';
}

export interface EmitOptions {
  /** 'uint8' declares image inputs seed-style: uint8 [1,H,W] (or [1,H,W,C]) converted to float inside; other inputs stay float32. */
  readonly inputType: 'uint8' | 'float32';
  readonly quantize: QuantizeMode;
  /** Integer modes: activation parameters per IR tensor. */
  readonly activations?: Map<number, QParams>;
  /** Integer modes: keep integer (int8 or int16) input and output tensors instead of float/uint8 ones. */
  readonly int8Io?: boolean;
  /** Quantize FULLY_CONNECTED weights per output channel (default: per tensor; convolutions are always per channel). */
  readonly perChannelDense?: boolean;
  /** Mark every IR tensor as a model output (calibration and the quantization report read them all). */
  readonly allOutputs?: boolean;
}

export interface Emitted {
  readonly bytes: Uint8Array;
  /** IR tensor ids in the order of the model's outputs. */
  readonly outputIds: number[];
}

function qp(q: QParams): QuantizationParams {
  return { scale: [q.scale], zeroPoint: [q.zeroPoint], quantizedDimension: 0 };
}

export function emitModel(g: IrGraph, opts: EmitOptions): Emitted {
  const b = new ModelBuilder();
  const integer = isIntegerMode(opts.quantize);
  const actType = opts.quantize === 'int16x8' ? 'int16' : 'int8';
  const index = new Map<number, number>();
  const activation = (t: number): QParams => {
    const q = opts.activations?.get(t);
    if (!q) throw new Error(`${opts.quantize} emit: no quantization parameters for tensor '${g.tensors[t].name}'`);
    return q;
  };
  const tensorOf = (t: number): number => {
    const known = index.get(t);
    if (known !== undefined) return known;
    const i = b.addTensor(tensorSpec(g.tensors[t], integer ? actType : null, activation, t));
    index.set(t, i);
    return i;
  };
  const em: OpEmitter = {
    b, tensorOf, activation, actType, graph: g,
    dynamic: opts.quantize === 'dynamic', float16: opts.quantize === 'float16', perChannelDense: opts.perChannelDense ?? false,
  };
  for (const t of graphInputs(g)) emitInput(g, t, opts, em, index);
  const shapeOf = (t: number): number[] => g.tensors[t].shape;
  for (const op of g.ops) (integer ? emitOpInteger : emitOpFloat)(op, em, shapeOf);
  // Calibration and the report read every float activation; constants and int32 tensors have nothing to calibrate.
  const outputIds = opts.allOutputs
    ? g.tensors.map((_, i) => i).filter((i) => index.has(i) && g.tensors[i].data === undefined && !g.tensors[i].variable && g.tensors[i].dtype === 'float32')
    : [...graphOutputs(g)];
  if (opts.allOutputs) for (const t of outputIds) b.markOutput(tensorOf(t));
  else for (const t of outputIds) emitOutput(g, t, opts, em);
  return { bytes: b.build(), outputIds };
}

/** Builder spec of an IR tensor: constants carry their data; integer modes quantize float activations. */
function tensorSpec(t: IrTensor, actType: 'int8' | 'int16' | null, activation: (t: number) => QParams, id: number): BuilderTensor {
  if (t.data !== undefined) {
    // Float constants of integer graphs are quantized by the op that owns them (emitOpInteger), never here.
    if (actType && t.dtype === 'float32') throw new Error(`integer emit: float constant '${t.name}' reached the generic tensor path`);
    return { name: t.name, dtype: t.dtype, shape: t.shape, data: t.data };
  }
  if (t.variable) return { name: t.name, dtype: t.dtype, shape: t.shape, isVariable: true };
  if (t.dtype === 'int32' || !actType) return { name: t.name, dtype: t.dtype, shape: t.shape };
  return { name: t.name, dtype: actType, shape: t.shape, quantization: qp(activation(id)) };
}

/**
 * The declared input and the CAST/QUANTIZE + RESHAPE that lead to IR input tensor `t` (NHWC). A model with
 * one input names it 'input'; several keep their layer names. int32 inputs (token ids) are declared as is.
 */
function emitInput(g: IrGraph, t: number, opts: EmitOptions, em: OpEmitter, index: Map<number, number>): void {
  const shape = g.tensors[t].shape;
  const { b } = em;
  const int8 = isIntegerMode(opts.quantize);
  const name = graphInputs(g).length === 1 ? 'input' : g.tensors[t].name;
  if (g.tensors[t].dtype === 'int32') {
    index.set(t, b.addInput({ name, dtype: 'int32', shape }));
    return;
  }
  if (int8 && opts.int8Io) {
    index.set(t, b.addInput({ name, dtype: em.actType, shape, quantization: qp(em.activation(t)) }));
    return;
  }
  // uint8 pixels apply to image inputs ([1,H,W,C]); other float inputs (vectors, sequences) stay float32.
  const inputType = opts.inputType === 'uint8' && shape.length === 4 ? 'uint8' : 'float32';
  const squeeze = inputType === 'uint8' && shape[3] === 1;
  const declared = squeeze ? shape.slice(0, 3) : shape;
  // An int8 graph fed uint8 pixels: the input carries scale 1 / zero point 0 so QUANTIZE can requantize it.
  // TFLite's QUANTIZE takes uint8 → int8 but not uint8 → int16, so a 16x8 graph fed pixels casts first.
  const castFirst = inputType === 'uint8' && (!int8 || em.actType === 'int16');
  const rawPixels = int8 && !castFirst && inputType === 'uint8' ? { quantization: qp({ scale: 1, zeroPoint: 0 }) } : {};
  const input = b.addInput({ name, dtype: inputType, shape: declared, ...rawPixels });
  let converted = input;
  if (castFirst) {
    converted = b.addTensor({ name: `${name}_float`, dtype: 'float32', shape: declared });
    b.addOperator({ opcode: BuiltinOp.CAST, inputs: [input], outputs: [converted], options: { kind: 'CastOptions', inDataType: 'uint8', outDataType: 'float32' } });
  }
  if (int8) {
    const q = em.activation(t);
    const from = converted;
    converted = b.addTensor({ name: `${name}_${em.actType}`, dtype: em.actType, shape: declared, quantization: qp(q) });
    const version = em.actType === 'int16' ? 2 : inputType === 'uint8' ? 2 : 1;
    b.addOperator({ opcode: BuiltinOp.QUANTIZE, version, inputs: [from], outputs: [converted], options: null });
  }
  if (!squeeze) {
    index.set(t, converted);
    return;
  }
  const shapeConst = b.addTensor({ name: `${name}_shape`, dtype: 'int32', shape: [4], data: Int32Array.from(shape) });
  const out = em.tensorOf(t);
  b.addOperator({ opcode: BuiltinOp.RESHAPE, inputs: [converted, shapeConst], outputs: [out], options: { kind: 'ReshapeOptions', newShape: shape } });
}

/**
 * A model output: float32 (DEQUANTIZE after an integer graph unless integer I/O was asked for). One output
 * is named 'output' when dequantized; several keep their tensor names.
 */
function emitOutput(g: IrGraph, t: number, opts: EmitOptions, em: OpEmitter): void {
  const last = em.tensorOf(t);
  if (!isIntegerMode(opts.quantize) || opts.int8Io || g.tensors[t].dtype === 'int32') {
    em.b.markOutput(last);
    return;
  }
  const name = graphOutputs(g).length === 1 ? 'output' : `${g.tensors[t].name}_float`;
  const out = em.b.addOutput({ name, dtype: 'float32', shape: g.tensors[t].shape });
  em.b.addOperator({ opcode: BuiltinOp.DEQUANTIZE, version: em.actType === 'int16' ? 3 : 2, inputs: [last], outputs: [out], options: null });
}
