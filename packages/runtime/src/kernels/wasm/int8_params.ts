/**
 * What the 8-bit wasm kernels share: which nodes they take, which TypeScript kernel they stand in for, and
 * the per-channel data (int32 bias; float32 scales or int32 multipliers) written into wasm memory from that
 * kernel's own prepare, so both compute from the very same numbers.
 *
 * Two activation types (int8; uint8, TFLite's legacy quantization with a filter zero point) and two
 * requantizations: where LiteRT's XNNPACK delegate takes the node, the XNNPACK-matching TypeScript kernel wins
 * and the wasm kernel runs its float requantization; elsewhere TFLite's builtin fixed-point one, which the
 * wasm kernel runs when all channels share one shift (per-tensor filter scale: every uint8 model).
 */
import { UnsupportedError } from '../../core/errors.js';
import type { AnyKernel, NodeSignature, RuntimeTensor } from '../kernel.js';
import type { WeightedQuantParams } from '../quantized/weighted_params.js';
import type { WasmContext } from './context.js';
import type { Q8 } from './module.js';
import { packChannels } from './pack.js';

/**
 * int8 or uint8 activations (input and output alike) and constant weights of that type, with a constant int32
 * bias or none. 16x8 nodes stay on the TypeScript kernels.
 */
export function isByteWeightedNode(node: NodeSignature): boolean {
  const [input, filter, bias] = node.inputs;
  const dtype = input?.dtype;
  return (dtype === 'int8' || dtype === 'uint8') && filter?.dtype === dtype && filter.isConstant &&
    node.outputs[0]?.dtype === dtype && (!bias || (bias.dtype === 'int32' && bias.isConstant));
}

/** The TypeScript kernel the resolver would pick for the node: the XNNPACK variant where it applies. */
export function referenceFor<K extends AnyKernel>(node: NodeSignature, xnnpack: K, builtin: K): K {
  return xnnpack.supports?.(node) !== false ? xnnpack : builtin;
}

/**
 * Whether the wasm kernel can reproduce that TypeScript kernel: always for the XNNPACK variant; for TFLite's
 * builtin arithmetic when the filter has one scale (one shift for every channel).
 */
export function canMatchReference(node: NodeSignature, xnnpack: AnyKernel): boolean {
  return xnnpack.supports?.(node) !== false || (node.inputs[1]?.quantization?.scale.length ?? 0) === 1;
}

/** The output stage of an 8-bit kernel: which flavour, and its parameters in wasm memory. */
export interface Stage8 {
  readonly flavour: Q8;
  readonly bias: number;
  /** Per-channel float32 scales ('float') or int32 multipliers ('fixed'). */
  readonly params: number;
  readonly inputOffset: number;
  readonly outputOffset: number;
  readonly actMin: number;
  readonly actMax: number;
  readonly left: number;
  readonly right: number;
}

/** Bias and requantization parameters padded to `lanes` channels, from the TypeScript kernel's prepare. */
export function packStage8(ctx: WasmContext, q: WeightedQuantParams, channels: number, lanes: number, dtype: 'int8' | 'uint8'): Stage8 {
  const out = dtype === 'int8' ? 'i8' : 'u8';
  const common = { inputOffset: q.inputOffset, outputOffset: q.outputOffset, actMin: q.actMin, actMax: q.actMax };
  const bias = packChannels(ctx, q.bias, channels, lanes, 'i32');
  if (q.mode === 'xnnpack') {
    return { flavour: `${out}_float`, bias, params: packChannels(ctx, q.floatScales, channels, lanes, 'f32'), left: 0, right: 0, ...common };
  }
  const shift = q.shifts[0] ?? 0;
  if (!q.shifts.every((s) => s === shift)) throw new UnsupportedError('per-channel shifts: the wasm kernel takes one shift for all channels');
  return {
    flavour: `${out}_fixed`, bias, params: packChannels(ctx, q.multipliers, channels, lanes, 'i32'),
    left: Math.max(shift, 0), right: Math.max(-shift, 0), ...common,
  };
}

/**
 * The filter minus its zero point, as the packers read it: the int8 filter itself when its zero points are all
 * 0 (TFLite's int8 weights are symmetric), so no widened copy is made; otherwise the reference kernel's copy.
 */
export function zeroCenteredFilter(filter: RuntimeTensor, q: WeightedQuantParams): ArrayLike<number> {
  const zeroPoints = filter.quantization?.zeroPoint ?? [];
  return filter.dtype === 'int8' && zeroPoints.every((z) => z === 0) ? (filter.data as Int8Array) : q.weights;
}
