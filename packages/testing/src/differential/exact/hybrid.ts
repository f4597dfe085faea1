/**
 * Hybrid (dynamic-range) ops — float32 activations, constant int8 weights — bit for bit against LiteRT.js:
 * CONV_2D (pointwise and spatial, strides, batches, per-tensor and per-channel weights), DEPTHWISE_CONV_2D,
 * FULLY_CONNECTED (with and without asymmetric_quantize_inputs, bias, keep_num_dims), BATCH_MATMUL and
 * TRANSPOSE_CONV. The inputs include all-positive images (zero point at the bottom of the int8 range) and an
 * all-zero image (no range to quantize), where the input quantization's edge cases live.
 */
import {
  BuiltinOp,
  type BuiltinOptions,
  type FusedActivation,
  type QuantizationParams,
} from '@tflite-lambda/runtime/internal';
import { EXACT } from '../../litert/compare.js';
import { CaseBuilder, perTensor, type DiffCase, type DiffFamily } from '../case_builder.js';
import { convOptions, depthwiseOptions, outSize, type Window } from '../options.js';
import { normalFloats, perChannelQuant, randomInts, randomScale } from '../random_data.js';
import { Rng } from '../rng.js';

type InputKind = 'normal' | 'positive' | 'zero-image';

function floats(rng: Rng, shape: readonly number[], kind: InputKind): Float32Array {
  const data = normalFloats(rng, shape, 1.5);
  if (kind === 'positive') for (let i = 0; i < data.length; i++) data[i] = Math.abs(data[i]!);
  if (kind === 'zero-image') data.fill(0, 0, data.length / shape[0]);
  return data;
}

function weightQ(rng: Rng, perChannel: boolean, channels: number, axis: number): QuantizationParams {
  return perChannel ? perChannelQuant(rng, channels, axis) : perTensor(randomScale(rng), 0);
}

interface ConvSpec {
  readonly input: readonly [number, number, number, number];
  readonly kernel: readonly [number, number];
  readonly outC: number;
  readonly window: Window;
  readonly activation?: FusedActivation;
  readonly perChannel: boolean;
  readonly kind?: InputKind;
}

function conv(rng: Rng, s: ConvSpec): DiffCase {
  const b = new CaseBuilder();
  const [n, h, w, c] = s.input;
  const [kh, kw] = s.kernel;
  const x = b.input({ dtype: 'float32', shape: s.input }, floats(rng, s.input, s.kind ?? 'normal'));
  const wShape = [s.outC, kh, kw, c];
  const weights = b.constant({ dtype: 'int8', shape: wShape, quantization: weightQ(rng, s.perChannel, s.outC, 0) }, randomInts(rng, 'int8', wShape, -127, 127));
  const bias = b.constant({ dtype: 'float32', shape: [s.outC] }, normalFloats(rng, [s.outC]));
  const [oh, ow] = [outSize(s.window.padding, h, kh, s.window.stride[0], s.window.dilation?.[0]), outSize(s.window.padding, w, kw, s.window.stride[1], s.window.dilation?.[1])];
  const y = b.output({ dtype: 'float32', shape: [n, oh, ow, s.outC] }, EXACT);
  const act = s.activation ?? 'NONE';
  b.op(BuiltinOp.CONV_2D, [x, weights, bias], [y], convOptions({ ...s.window, activation: act }), s.perChannel ? 5 : 2);
  const where = `${s.window.padding} stride ${s.window.stride.join('x')}${s.window.dilation ? ` dilation ${s.window.dilation.join('x')}` : ''}`;
  return b.build(`CONV_2D hybrid ${kh}x${kw} ${where} [${s.input}] -> ${s.outC} ${s.perChannel ? 'per-channel' : 'per-tensor'} ${act}${s.kind && s.kind !== 'normal' ? ` (${s.kind} input)` : ''}`);
}

function depthwise(rng: Rng, input: [number, number, number, number], multiplier: number, kind: InputKind): DiffCase {
  const b = new CaseBuilder();
  const outC = input[3] * multiplier;
  const x = b.input({ dtype: 'float32', shape: input }, floats(rng, input, kind));
  const wShape = [1, 3, 3, outC];
  const weights = b.constant({ dtype: 'int8', shape: wShape, quantization: perChannelQuant(rng, outC, 3) }, randomInts(rng, 'int8', wShape, -127, 127));
  const bias = b.constant({ dtype: 'float32', shape: [outC] }, normalFloats(rng, [outC]));
  const y = b.output({ dtype: 'float32', shape: [input[0], input[1], input[2], outC] }, EXACT);
  b.op(BuiltinOp.DEPTHWISE_CONV_2D, [x, weights, bias], [y], depthwiseOptions({ padding: 'SAME', stride: [1, 1], activation: 'RELU6' }, multiplier), 6);
  return b.build(`DEPTHWISE_CONV_2D hybrid 3x3 [${input}] multiplier ${multiplier} per-channel RELU6${kind !== 'normal' ? ` (${kind} input)` : ''}`);
}

function fullyConnected(rng: Rng, shape: number[], units: number, o: { perChannel: boolean; asymmetric: boolean; bias: boolean; keepNumDims: boolean; kind?: InputKind }): DiffCase {
  const b = new CaseBuilder();
  const depth = shape[shape.length - 1]!;
  const x = b.input({ dtype: 'float32', shape }, floats(rng, shape, o.kind ?? 'normal'));
  const w = b.constant({ dtype: 'int8', shape: [units, depth], quantization: weightQ(rng, o.perChannel, units, 0) }, randomInts(rng, 'int8', [units, depth], -127, 127));
  const inputs = [x, w];
  if (o.bias) inputs.push(b.constant({ dtype: 'float32', shape: [units] }, normalFloats(rng, [units])));
  const outShape = o.keepNumDims ? [...shape.slice(0, -1), units] : [shape.slice(0, -1).reduce((a, d) => a * d, 1), units];
  const y = b.output({ dtype: 'float32', shape: outShape }, EXACT);
  const options: BuiltinOptions = { kind: 'FullyConnectedOptions', fusedActivation: 'RELU', weightsFormat: 'DEFAULT', keepNumDims: o.keepNumDims, asymmetricQuantizeInputs: o.asymmetric };
  b.op(BuiltinOp.FULLY_CONNECTED, inputs, [y], options, o.perChannel ? 12 : o.asymmetric ? 9 : 3);
  const flags = [o.perChannel ? 'per-channel' : 'per-tensor', o.asymmetric ? 'asymmetric inputs' : '', o.bias ? '' : 'no bias', o.keepNumDims ? 'keep_num_dims' : ''];
  return b.build(`FULLY_CONNECTED hybrid [${shape}] -> ${units} ${flags.filter(Boolean).join(', ')}${o.kind ? ` (${o.kind} input)` : ''}`);
}

function batchMatmul(rng: Rng, adjY: boolean): DiffCase {
  const b = new CaseBuilder();
  const x = b.input({ dtype: 'float32', shape: [2, 3, 8] }, floats(rng, [2, 3, 8], 'normal'));
  const wShape = adjY ? [5, 8] : [8, 5];
  const w = b.constant({ dtype: 'int8', shape: wShape, quantization: perTensor(randomScale(rng), 0) }, randomInts(rng, 'int8', wShape, -127, 127));
  const y = b.output({ dtype: 'float32', shape: [2, 3, 5] }, EXACT);
  b.op(BuiltinOp.BATCH_MATMUL, [x, w], [y], { kind: 'BatchMatMulOptions', adjX: false, adjY, asymmetricQuantizeInputs: true } as BuiltinOptions, 4);
  return b.build(`BATCH_MATMUL hybrid [2,3,8] x int8 ${adjY ? '[5,8] adj_y' : '[8,5]'}`);
}

function transposeConv(rng: Rng, kernel: number, stride: number): DiffCase {
  const b = new CaseBuilder();
  const outHW = stride * 4;
  const shape = b.constant({ dtype: 'int32', shape: [4] }, Int32Array.of(1, outHW, outHW, 2));
  const wShape = [2, kernel, kernel, 3];
  const w = b.constant({ dtype: 'int8', shape: wShape, quantization: perChannelQuant(rng, 2, 0) }, randomInts(rng, 'int8', wShape, -127, 127));
  const x = b.input({ dtype: 'float32', shape: [1, 4, 4, 3] }, floats(rng, [1, 4, 4, 3], 'normal'));
  const y = b.output({ dtype: 'float32', shape: [1, outHW, outHW, 2] }, EXACT);
  const options = { kind: 'TransposeConvOptions', padding: 'SAME', strideH: stride, strideW: stride, fusedActivation: 'NONE' } as BuiltinOptions;
  b.op(BuiltinOp.TRANSPOSE_CONV, [shape, w, x], [y], options, 2);
  return b.build(`TRANSPOSE_CONV hybrid ${kernel}x${kernel} stride ${stride}`);
}

const S1: Window = { padding: 'VALID', stride: [1, 1] };

export const exactHybridFamily: DiffFamily = {
  name: 'hybrid (dynamic-range) ops, bit-exact',
  cases: (seed) => {
    const rng = new Rng(seed + 707);
    return [
      conv(rng, { input: [1, 5, 6, 8], kernel: [1, 1], outC: 6, window: S1, perChannel: false }),
      conv(rng, { input: [2, 4, 5, 8], kernel: [1, 1], outC: 6, window: { padding: 'SAME', stride: [1, 1] }, perChannel: true, activation: 'RELU' }),
      conv(rng, { input: [2, 4, 5, 8], kernel: [1, 1], outC: 6, window: S1, perChannel: true, kind: 'zero-image' }),
      conv(rng, { input: [1, 6, 6, 8], kernel: [1, 1], outC: 4, window: { padding: 'VALID', stride: [2, 2] }, perChannel: false }),
      conv(rng, { input: [1, 5, 5, 8], kernel: [1, 1], outC: 4, window: { padding: 'SAME', stride: [1, 1], dilation: [2, 2] }, perChannel: false }),
      conv(rng, { input: [1, 6, 7, 4], kernel: [3, 3], outC: 5, window: { padding: 'SAME', stride: [1, 1] }, perChannel: true, activation: 'RELU' }),
      conv(rng, { input: [2, 7, 7, 3], kernel: [3, 3], outC: 4, window: { padding: 'VALID', stride: [2, 2] }, perChannel: false, activation: 'RELU6' }),
      conv(rng, { input: [1, 6, 5, 3], kernel: [3, 1], outC: 4, window: { padding: 'SAME', stride: [1, 1] }, perChannel: true, kind: 'positive' }),
      depthwise(rng, [1, 6, 6, 4], 2, 'normal'),
      depthwise(rng, [2, 5, 5, 3], 1, 'positive'),
      fullyConnected(rng, [3, 16], 5, { perChannel: false, asymmetric: false, bias: true, keepNumDims: false }),
      fullyConnected(rng, [3, 16], 5, { perChannel: true, asymmetric: true, bias: true, keepNumDims: false }),
      fullyConnected(rng, [2, 2, 12], 4, { perChannel: false, asymmetric: true, bias: false, keepNumDims: true, kind: 'positive' }),
      fullyConnected(rng, [2, 12], 4, { perChannel: false, asymmetric: false, bias: true, keepNumDims: false, kind: 'zero-image' }),
      batchMatmul(rng, false),
      batchMatmul(rng, true),
      transposeConv(rng, 3, 2),
      transposeConv(rng, 1, 1),
    ];
  },
};
