/**
 * TRANSPOSE_CONV for int8 (per-channel filter, axis 0) and uint8 (per-tensor filter with a zero point), as
 * TFLite's reference_integer_ops::TransposeConv: an int32 accumulator per output element holds
 * Σ (x − x_zp)·(w − w_zp); the bias is added, then each channel is requantized, offset and clamped. Two
 * registrations, as for CONV_2D: TFLite's integer requantization, and the XNNPACK one LiteRT runs by default.
 * int16 activations with int8 weights (16x8) accumulate in int64 with an int64 bias and requantize with the
 * 64-bit MultiplyByQuantizedMultiplier, as TFLite's 16x8 kernel (XNNPACK has none).
 */
import { BuiltinOp } from '../../core/ops.js';
import type { TransposeConvOptions } from '../../core/options.js';
import { expectDType, requireInput, requireOutput } from '../common/node_checks.js';
import { transposeConvWork } from '../common/work.js';
import {
  scatterTransposeConv, transposeConvGeometry, type TransposeConvGeometry,
} from '../common/transpose_conv_geometry.js';
import type { KernelRegistration, NodeContext, NodeSignature } from '../kernel.js';
import {
  prepareWeightedQuant, requantizeAccumulator, type RequantMode, type WeightedQuantParams,
} from '../quantized/weighted_params.js';
import { parseTransposeConvOptions } from './transpose_conv.js';

export interface TransposeConvQuantizedData {
  readonly g: TransposeConvGeometry;
  readonly q: WeightedQuantParams;
  /** One accumulator per output element, allocated once at prepare (int64 sums for 16x8, exact in a double). */
  readonly acc: Int32Array | Float64Array;
}

function supportsQuantized8(node: NodeSignature): boolean {
  const filter = node.inputs[1];
  const input = node.inputs[2];
  const output = node.outputs[0];
  if (!filter || !input || !output || output.dtype !== input.dtype) return false;
  return (input.dtype === 'int8' || input.dtype === 'uint8') && filter.dtype === input.dtype;
}

function supportsInt16(node: NodeSignature): boolean {
  const [, filter, input] = node.inputs;
  return input?.dtype === 'int16' && filter?.dtype === 'int8' && node.outputs[0]?.dtype === 'int16';
}

function prepare(node: NodeContext<TransposeConvOptions>, mode: RequantMode): TransposeConvQuantizedData {
  const input = requireInput(node, 2);
  const filter = requireInput(node, 1);
  const output = requireOutput(node, 0);
  expectDType(node, input, ['int8', 'uint8', 'int16'], 'input');
  expectDType(node, filter, [input.dtype === 'int16' ? 'int8' : input.dtype], 'filter');
  const g = transposeConvGeometry(node);
  const bias = node.inputs[3] ?? null;
  const q = prepareWeightedQuant(node, { input, filter, bias, output }, g.outC, 0, node.options.fusedActivation, false, mode);
  const size = g.batches * g.outH * g.outW * g.outC;
  return { g, q, acc: input.dtype === 'int16' ? new Float64Array(size) : new Int32Array(size) };
}

function evalQuantized(node: NodeContext<TransposeConvOptions>, d: TransposeConvQuantizedData): void {
  const out = node.outputs[0]!.data as Int8Array | Uint8Array | Int16Array;
  const { acc, q } = d;
  scatterTransposeConv(node.inputs[2]!.data as Int8Array | Uint8Array | Int16Array, q.weights, acc, d.g, q.inputOffset);
  const outC = d.g.outC;
  for (let i = 0; i < acc.length; i++) {
    const c = i % outC;
    const sum = acc[i]! + q.bias[c]!;
    out[i] = requantizeAccumulator(q.wide ? sum : sum | 0, q, c);
  }
}

export const TRANSPOSE_CONV_QUANTIZED_KERNEL: KernelRegistration<TransposeConvOptions, TransposeConvQuantizedData> = {
  op: BuiltinOp.TRANSPOSE_CONV,
  name: 'TRANSPOSE_CONV (int8/uint8, reference)',
  parseOptions: parseTransposeConvOptions,
  supports: supportsQuantized8,
  prepare: (node) => prepare(node, 'reference'),
  eval: evalQuantized,
};

export const TRANSPOSE_CONV_QUANTIZED_XNNPACK_KERNEL: KernelRegistration<TransposeConvOptions, TransposeConvQuantizedData> = {
  op: BuiltinOp.TRANSPOSE_CONV,
  name: 'TRANSPOSE_CONV (int8/uint8, XNNPACK arithmetic)',
  parseOptions: parseTransposeConvOptions,
  supports: supportsQuantized8,
  prepare: (node) => prepare(node, 'xnnpack'),
  eval: evalQuantized,
};

export const TRANSPOSE_CONV_INT16_KERNEL: KernelRegistration<TransposeConvOptions, TransposeConvQuantizedData> = {
  op: BuiltinOp.TRANSPOSE_CONV,
  name: 'TRANSPOSE_CONV (int16x8, reference)',
  parseOptions: parseTransposeConvOptions,
  supports: supportsInt16,
  prepare: (node) => prepare(node, 'reference'),
  eval: evalQuantized,
  work: transposeConvWork,
};
