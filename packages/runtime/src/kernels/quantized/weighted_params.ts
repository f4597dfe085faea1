/**
 * Prepare-time parameters shared by the quantized weighted ops (CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED):
 * offsets, per-channel output multipliers, the activation clamp, zero-point-adjusted weights and the bias as
 * plain numbers. Covers int8 (per-channel weights), uint8 (per-tensor, with a weight zero point) and 16x8
 * (int16 activations, int8 weights, int64 or int32 bias).
 *
 * Two requantizations: 'reference' is TFLite's integer one (MultiplyByQuantizedMultiplier, what its builtin
 * kernels compute); 'xnnpack' is what TFLite's default XNNPACK delegate computes for the int8 and uint8
 * nodes it takes (xnnpack_delegation.ts) — the accumulator converted to float32, multiplied by the float32
 * scale in·w/out, rounded half to even, with the fused activation's bounds also rounded half to even. The
 * two differ by one step on ties and near-ties, which compounds over deep networks (MobileNet v1 uint8 was
 * 6 steps off at its softmax), so the kernels matching LiteRT's output use 'xnnpack' wherever the delegate
 * would.
 */
import type { TypedArray } from '../../core/dtype.js';
import type { FusedActivation } from '../../core/options.js';
import { multiplyByFullQuantizedMultiplier64, multiplyByQuantizedMultiplier, multiplyByQuantizedMultiplier64 } from '../common/fixed_point.js';
import { expectDType, optionalInput, requireInput, requireOutput, shapeError, unsupported } from '../common/node_checks.js';
import {
  channelMultipliers, quantizedActivationRange, requireScale, roundHalfEven, tensorZeroPoint,
} from '../common/quantization.js';
import type { NodeContext, NodeSignature, RuntimeTensor } from '../kernel.js';
import { xnnpackActivationRange } from './xnnpack_delegation.js';

export interface WeightedTensors {
  readonly input: RuntimeTensor;
  readonly filter: RuntimeTensor;
  readonly bias: RuntimeTensor | null;
  readonly output: RuntimeTensor;
}

export type RequantMode = 'reference' | 'xnnpack';

export interface WeightedQuantParams {
  readonly mode: RequantMode;
  /** Per-channel float32 scales in·w/out (the 'xnnpack' requantization). */
  readonly floatScales: Float32Array;
  /** Added to every input value: −input zero point. */
  readonly inputOffset: number;
  readonly outputOffset: number;
  readonly multipliers: Int32Array;
  readonly shifts: Int32Array;
  /** 16x8 with an int64 (or absent) bias: TFLite requantizes the int64 accumulator with its 64-bit variant. */
  readonly wide: boolean;
  /**
   * FULLY_CONNECTED's 16x8 path multiplies the int64 accumulator by the whole 31-bit multiplier and rounds
   * once; the convolutions round through the 64-bit variant's 15-bit reduced multiplier (both measured
   * against LiteRT.js, which differ on ≈ 1.5 % of outputs).
   */
  readonly wideFullMultiplier: boolean;
  readonly actMin: number;
  readonly actMax: number;
  /** Weights minus their zero point, same layout as the filter. */
  readonly weights: Int16Array;
  /** One bias per output channel (zeros when the model has none). */
  readonly bias: Float64Array;
}

/** `supports` for the quantized weighted ops: int8×int8, uint8×uint8, int16×int8 with a matching output. */
export function isQuantizedWeightedNode(node: NodeSignature): boolean {
  const input = node.inputs[0];
  const filter = node.inputs[1];
  const output = node.outputs[0];
  if (!input || !filter || !output || output.dtype !== input.dtype) return false;
  if (input.dtype === 'int8' || input.dtype === 'int16') return filter.dtype === 'int8';
  return input.dtype === 'uint8' && filter.dtype === 'uint8';
}

/** The tensors of a weighted op in TFLite's order: input, filter, optional bias; output 0. */
export function weightedTensors(node: NodeContext<unknown>): WeightedTensors {
  return { input: requireInput(node, 0), filter: requireInput(node, 1), bias: optionalInput(node, 2), output: requireOutput(node, 0) };
}

/**
 * Builds the parameters. `channels` is the output channel count and `channelAxis` the filter axis that
 * TFLite quantizes per channel (0 for CONV_2D/FULLY_CONNECTED, 3 for DEPTHWISE_CONV_2D).
 */
export function prepareWeightedQuant(
  node: NodeContext<unknown>,
  tensors: WeightedTensors,
  channels: number,
  channelAxis: number,
  activation: FusedActivation,
  /**
   * FULLY_CONNECTED: a per-tensor multiplier from the float32 product of the scales, and in 16x8 the int64
   * accumulator requantized with the full multiplier (see `wideFullMultiplier`).
   */
  fullyConnected: boolean,
  mode: RequantMode,
): WeightedQuantParams {
  const { input, filter, bias, output } = tensors;
  if (!filter.isConstant) throw unsupported(node, `filter '${filter.name}' must be constant`);
  const inScale = requireScale(node, input);
  const outScale = requireScale(node, output);
  requireScale(node, filter);
  const fq = filter.quantization!;
  if (fq.scale.length > 1) {
    if (fq.scale.length !== channels || fq.quantizedDimension !== channelAxis) {
      throw shapeError(node, `filter has ${fq.scale.length} scales on axis ${fq.quantizedDimension}, expected ${channels} on axis ${channelAxis}`);
    }
  }
  const is16 = input.dtype === 'int16';
  if (is16 && (tensorZeroPoint(input) !== 0 || tensorZeroPoint(output) !== 0)) {
    throw unsupported(node, 'int16 activations must have zero point 0');
  }
  const { multipliers, shifts } = channelMultipliers(
    inScale, fq.scale, outScale, channels, fq.scale.length === 1 && (fullyConnected || input.dtype === 'uint8'),
  );
  const xnnpack = mode === 'xnnpack' && !is16;
  const act = xnnpack
    ? xnnpackActivationRange(activation, output.dtype as 'int8' | 'uint8', outScale, tensorZeroPoint(output))
    : quantizedActivationRange(activation, output.dtype as 'int8', outScale, tensorZeroPoint(output));
  const floatScales = new Float32Array(channels);
  for (let c = 0; c < channels; c++) {
    floatScales[c] = Math.fround(Math.fround(inScale * fq.scale[fq.scale.length > 1 ? c : 0]!) / outScale);
  }
  // The zero-point-adjusted copy of the weights is made on first use: the wasm kernels pack straight from the
  // int8 filter and never need it (for MobileNetV2 it is 3.5 M values, a tenth of the cold start).
  let weights: Int16Array | null = null;
  return {
    mode: xnnpack ? 'xnnpack' : 'reference',
    floatScales,
    inputOffset: -tensorZeroPoint(input),
    outputOffset: tensorZeroPoint(output),
    multipliers,
    shifts,
    wide: is16 && (bias === null || bias.dtype === 'int64'),
    wideFullMultiplier: fullyConnected,
    actMin: act.min,
    actMax: act.max,
    get weights() {
      weights ??= offsetWeights(filter, channels, channelAxis);
      return weights;
    },
    bias: biasValues(node, bias, channels, is16),
  };
}

/** Filter values minus their (per-channel) zero point, as small signed integers. */
function offsetWeights(filter: RuntimeTensor, channels: number, channelAxis: number): Int16Array {
  const zps = filter.quantization?.zeroPoint ?? [0];
  const src = filter.data as Int8Array | Uint8Array;
  const out = new Int16Array(src.length);
  if (zps.length <= 1) {
    const zp = zps[0] ?? 0;
    for (let i = 0; i < src.length; i++) out[i] = src[i]! - zp;
    return out;
  }
  // Per-channel zero points: the channel of element i is its index along channelAxis.
  let inner = 1;
  for (let a = channelAxis + 1; a < filter.shape.length; a++) inner *= filter.shape[a]!;
  for (let i = 0; i < src.length; i++) out[i] = src[i]! - zps[Math.floor(i / inner) % channels]!;
  return out;
}

function biasValues(node: NodeContext<unknown>, bias: RuntimeTensor | null, channels: number, is16: boolean): Float64Array {
  const out = new Float64Array(channels);
  if (bias === null) return out;
  expectDType(node, bias, is16 ? ['int64', 'int32'] : ['int32'], 'bias');
  if (!bias.isConstant) throw unsupported(node, `bias '${bias.name}' must be constant`);
  const data: TypedArray = bias.data;
  if (data.length !== channels) throw shapeError(node, `bias has ${data.length} values for ${channels} channels`);
  for (let c = 0; c < channels; c++) out[c] = Number(data[c]!);
  return out;
}

/** Requantizes one accumulator of channel `c`: scale, add the output zero point, clamp. */
export function requantizeAccumulator(acc: number, p: WeightedQuantParams, c: number): number {
  const scaled = p.mode === 'xnnpack'
    ? roundHalfEven(Math.fround(Math.fround(acc) * p.floatScales[c]!))
    : p.wide
    ? (p.wideFullMultiplier ? multiplyByFullQuantizedMultiplier64 : multiplyByQuantizedMultiplier64)(acc, p.multipliers[c]!, p.shifts[c]!)
    : multiplyByQuantizedMultiplier(acc | 0, p.multipliers[c]!, p.shifts[c]!);
  const v = scaled + p.outputOffset;
  return v < p.actMin ? p.actMin : v > p.actMax ? p.actMax : v;
}
