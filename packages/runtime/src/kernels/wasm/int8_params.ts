/**
 * What the int8 wasm kernels share: which nodes they take, and the per-channel data (int32 bias, float32
 * requantization scales) written into wasm memory from the quantized reference kernel's own prepare, so
 * both compute from the very same numbers.
 */
import type { NodeSignature, RuntimeTensor } from '../kernel.js';
import type { WeightedQuantParams } from '../quantized/weighted_params.js';
import type { WasmContext } from './context.js';
import { packChannels } from './pack.js';

/**
 * int8 activations and constant int8 weights (the XNNPACK-requantized path of the reference kernels), with a
 * constant int32 bias or none. uint8 and 16x8 nodes stay on the TypeScript kernels.
 */
export function isInt8WeightedNode(node: NodeSignature): boolean {
  const [input, filter, bias] = node.inputs;
  return input?.dtype === 'int8' && filter?.dtype === 'int8' && filter.isConstant && node.outputs[0]?.dtype === 'int8' &&
    (!bias || (bias.dtype === 'int32' && bias.isConstant));
}

export interface Int8Channels {
  readonly bias: number;
  readonly scales: number;
}

/** Bias and scales padded to `lanes` channels. */
export function packInt8Channels(ctx: WasmContext, q: WeightedQuantParams, channels: number, lanes: number): Int8Channels {
  return {
    bias: packChannels(ctx, q.bias, channels, lanes, 'i32'),
    scales: packChannels(ctx, q.floatScales, channels, lanes, 'f32'),
  };
}

/**
 * The filter minus its zero point, as the packers read it: the int8 filter itself when its zero points are all
 * 0 (TFLite's int8 weights are symmetric), so no widened copy is made; otherwise the reference kernel's copy.
 */
export function zeroCenteredFilter(filter: RuntimeTensor, q: WeightedQuantParams): ArrayLike<number> {
  const zeroPoints = filter.quantization?.zeroPoint ?? [];
  return zeroPoints.every((z) => z === 0) ? (filter.data as Int8Array) : q.weights;
}
