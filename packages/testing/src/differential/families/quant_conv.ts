/**
 * Quantized CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED: int8 with per-channel weights, uint8 with
 * asymmetric per-tensor weights, and int16 activations × int8 weights (16x8, int64 bias). Scales and zero
 * points are random; the output scale is chosen from the accumulator's expected spread so most outputs
 * land inside the range (a few saturate, which is part of the test).
 */
import {
  allocTyped,
  BuiltinOp,
  intRange,
  type FusedActivation,
  type QuantizationParams,
} from '@tflite-lambda/runtime/internal';
import { EXACT } from '../../litert/compare.js';
import { CaseBuilder, perTensor, type DiffCase, type DiffFamily } from '../case_builder.js';
import { convOptions, depthwiseOptions, fullyConnectedOptions, outSize, type Window } from '../options.js';
import { biasQuant, perChannelQuant, randomInts, randomScale, randomZeroPoint } from '../random_data.js';
import { Rng } from '../rng.js';

/** int8/uint8 activations with int8/uint8 weights, or int16 activations with int8 weights. */
type Scheme = 'int8' | 'uint8' | 'int16x8';

interface Layer {
  readonly op: 'CONV_2D' | 'DEPTHWISE_CONV_2D' | 'FULLY_CONNECTED';
  readonly scheme: Scheme;
  readonly input: readonly number[];
  /** [KH, KW] for convolutions. */
  readonly kernel?: readonly [number, number];
  /** Output channels (CONV_2D), depth multiplier (DEPTHWISE) or units (FULLY_CONNECTED). */
  readonly channels: number;
  readonly window?: Window;
  readonly activation?: FusedActivation;
  readonly perChannel: boolean;
}

const activationDType = (s: Scheme) => (s === 'int16x8' ? 'int16' : s);
const weightDType = (s: Scheme) => (s === 'uint8' ? 'uint8' : 'int8');

function weightQuant(rng: Rng, l: Layer, channels: number, axis: number): QuantizationParams {
  if (l.perChannel) return perChannelQuant(rng, channels, axis);
  return l.scheme === 'uint8' ? perTensor(randomScale(rng), randomZeroPoint(rng, 'uint8')) : perTensor(randomScale(rng), 0);
}

function weightValues(rng: Rng, l: Layer, shape: number[]) {
  // int8 weights are symmetric in TFLite: -128 is never produced by the converter.
  return l.scheme === 'uint8' ? randomInts(rng, 'uint8', shape) : randomInts(rng, 'int8', shape, -127, 127);
}

/** Rough RMS of one product (x − zx)·(w − zw) for full-range random activations and int8 weights. */
const productRms = (s: Scheme): number => (s === 'int16x8' ? 1.4e6 : 7300);

/** Bias values in ±(one accumulator standard deviation); int64 for 16x8. */
function biasValues(rng: Rng, scheme: Scheme, n: number, depth: number) {
  const limit = Math.round(Math.sqrt(depth) * productRms(scheme));
  if (scheme !== 'int16x8') return randomInts(rng, 'int32', [n], -limit, limit);
  const out = allocTyped('int64', n);
  for (let i = 0; i < n; i++) out[i] = BigInt(rng.int(-limit, limit));
  return out;
}

/**
 * Input scale chosen so that the real accumulator spread is `target` (about 1..4), like a trained layer;
 * the weights' scales stay random.
 */
function inputQuant(rng: Rng, l: Layer, weights: QuantizationParams, depth: number, target: number): QuantizationParams {
  // Geometric mean: per-channel scales spread over decades, and every channel should see a fair range.
  const wScale = Math.exp(weights.scale.reduce((a, s) => a + Math.log(s), 0) / weights.scale.length);
  const scale = Math.fround(target / (wScale * Math.sqrt(depth) * productRms(l.scheme)));
  return l.scheme === 'int16x8' ? perTensor(scale, 0) : perTensor(scale, randomZeroPoint(rng, l.scheme));
}

/**
 * Output parameters covering about ±3 spreads; with RELU/RELU6 the zero point sits near the bottom of the
 * range so the activation's interval [0, 6] spans many steps.
 */
function outputQuant(rng: Rng, l: Layer, target: number): QuantizationParams {
  const range = l.scheme === 'int16x8' ? 65536 : 256;
  const scale = Math.fround(((6 * target) / range) * rng.uniform(0.7, 1.5));
  if (l.scheme === 'int16x8') return perTensor(scale, 0);
  const { min } = intRange(l.scheme);
  const relu = l.activation === 'RELU' || l.activation === 'RELU6';
  return perTensor(scale, relu ? min + rng.int(0, 40) : randomZeroPoint(rng, l.scheme));
}

function outputShape(l: Layer, outChannels: number): number[] {
  if (l.op === 'FULLY_CONNECTED') return [l.input[0], outChannels];
  const w = l.window;
  const k = l.kernel;
  if (!w || !k) throw new Error(`${l.op} needs a window and a kernel`);
  const hw = [0, 1].map((a) => outSize(w.padding, l.input[1 + a], k[a], w.stride[a], w.dilation?.[a] ?? 1));
  return [l.input[0], ...hw, outChannels];
}

function layer(rng: Rng, l: Layer): DiffCase {
  const b = new CaseBuilder();
  const inDepth = l.input[l.input.length - 1];
  const act = activationDType(l.scheme);
  const outChannels = l.op === 'DEPTHWISE_CONV_2D' ? inDepth * l.channels : l.channels;
  const k = l.kernel ?? [1, 1];
  const wShape =
    l.op === 'FULLY_CONNECTED' ? [l.channels, inDepth] : l.op === 'CONV_2D' ? [l.channels, ...k, inDepth] : [1, ...k, outChannels];
  const depth = l.op === 'DEPTHWISE_CONV_2D' ? k[0] * k[1] : wShape.slice(1).reduce((a, d) => a * d, 1);
  const wQ = weightQuant(rng, l, outChannels, l.op === 'DEPTHWISE_CONV_2D' ? 3 : 0);
  const target = rng.uniform(1, 4);
  const inQ = inputQuant(rng, l, wQ, depth, target);
  const input = b.input({ dtype: act, shape: l.input, quantization: inQ }, randomInts(rng, act, l.input));
  const weights = b.constant({ dtype: weightDType(l.scheme), shape: wShape, quantization: wQ }, weightValues(rng, l, wShape));
  const biasDType = l.scheme === 'int16x8' ? 'int64' : 'int32';
  const biasQ = biasQuant(inQ, wQ);
  const bias = b.constant({ dtype: biasDType, shape: [outChannels], quantization: biasQ }, biasValues(rng, l.scheme, outChannels, depth));
  // Integer arithmetic: LiteRT's answer exactly, not within a step.
  const out = b.output({ dtype: act, shape: outputShape(l, outChannels), quantization: outputQuant(rng, l, target) }, EXACT);
  const activation = l.activation ?? 'NONE';
  const options =
    l.op === 'FULLY_CONNECTED'
      ? fullyConnectedOptions(false, activation)
      : l.op === 'CONV_2D'
        ? convOptions({ ...(l.window ?? { padding: 'SAME', stride: [1, 1] }), activation })
        : depthwiseOptions({ ...(l.window ?? { padding: 'SAME', stride: [1, 1] }), activation }, l.channels);
  b.op(BuiltinOp[l.op], [input, weights, bias], [out], options, l.op === 'DEPTHWISE_CONV_2D' ? 3 : 1);
  const where = l.window ? ` ${l.window.padding} stride ${l.window.stride.join('x')}` : '';
  return b.build(`${l.op} ${l.scheme}${l.perChannel ? ' per-channel' : ''}${where} [${l.input}] -> ${outChannels} ${activation}`);
}

const SAME1: Window = { padding: 'SAME', stride: [1, 1] };
const SAME2: Window = { padding: 'SAME', stride: [2, 2] };
const VALID: Window = { padding: 'VALID', stride: [1, 2] };

const LAYERS: Layer[] = [
  { op: 'CONV_2D', scheme: 'int8', input: [1, 7, 8, 3], kernel: [3, 3], channels: 4, window: SAME1, perChannel: true },
  { op: 'CONV_2D', scheme: 'int8', input: [1, 9, 9, 2], kernel: [3, 3], channels: 3, window: SAME2, perChannel: true, activation: 'RELU6' },
  { op: 'CONV_2D', scheme: 'int8', input: [2, 6, 7, 4], kernel: [2, 3], channels: 2, window: { ...VALID, dilation: [2, 1] }, perChannel: false },
  { op: 'CONV_2D', scheme: 'uint8', input: [1, 8, 6, 3], kernel: [3, 3], channels: 4, window: SAME2, perChannel: false, activation: 'RELU' },
  { op: 'CONV_2D', scheme: 'int16x8', input: [1, 6, 8, 2], kernel: [3, 3], channels: 3, window: SAME1, perChannel: true },
  { op: 'CONV_2D', scheme: 'int16x8', input: [1, 12, 12, 4], kernel: [3, 3], channels: 16, window: SAME1, perChannel: true },
  { op: 'DEPTHWISE_CONV_2D', scheme: 'int16x8', input: [1, 12, 12, 16], kernel: [3, 3], channels: 1, window: SAME1, perChannel: true },
  { op: 'DEPTHWISE_CONV_2D', scheme: 'int8', input: [1, 7, 7, 3], kernel: [3, 3], channels: 2, window: SAME2, perChannel: true },
  { op: 'DEPTHWISE_CONV_2D', scheme: 'int8', input: [1, 8, 9, 4], kernel: [3, 2], channels: 1, window: VALID, perChannel: true, activation: 'RELU6' },
  { op: 'DEPTHWISE_CONV_2D', scheme: 'uint8', input: [1, 6, 6, 2], kernel: [3, 3], channels: 1, window: SAME1, perChannel: false },
  { op: 'DEPTHWISE_CONV_2D', scheme: 'int16x8', input: [1, 5, 6, 3], kernel: [3, 3], channels: 1, window: SAME1, perChannel: true },
  { op: 'FULLY_CONNECTED', scheme: 'int8', input: [2, 20], channels: 6, perChannel: false },
  { op: 'FULLY_CONNECTED', scheme: 'int8', input: [3, 12], channels: 5, perChannel: true, activation: 'RELU' },
  { op: 'FULLY_CONNECTED', scheme: 'uint8', input: [1, 16], channels: 8, perChannel: false, activation: 'RELU6' },
  { op: 'FULLY_CONNECTED', scheme: 'int16x8', input: [2, 10], channels: 4, perChannel: false },
  { op: 'FULLY_CONNECTED', scheme: 'int16x8', input: [40, 20], channels: 32, perChannel: false },
  { op: 'FULLY_CONNECTED', scheme: 'int16x8', input: [40, 20], channels: 32, perChannel: true },
];

export const quantConvFamily: DiffFamily = {
  name: 'quantized CONV_2D / DEPTHWISE_CONV_2D / FULLY_CONNECTED',
  cases(seed: number): DiffCase[] {
    const rng = new Rng(seed + 11);
    return LAYERS.map((l) => layer(rng, l));
  },
};
