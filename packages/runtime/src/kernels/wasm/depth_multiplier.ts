/**
 * Depthwise convolutions with a depth multiplier M > 1 (TFLite: output channel c·M + m reads input channel c;
 * common where the input has one channel, e.g. audio spectrograms and MNIST front ends): the input's channels
 * are repeated M times each into scratch, after which the multiplier-1 kernels run over inC·M channels with
 * the filter as stored. Every output channel then sums the same products in the same order as before.
 */
import type { NodeSignature } from '../kernel.js';

/** A constant rank-4 depthwise filter whose channel count is a multiple of the input's. */
export function isConstantDepthwise(node: NodeSignature): boolean {
  const [input, filter] = node.inputs;
  return !!input && !!filter && filter.isConstant && input.shape.length === 4 && filter.shape.length === 4 &&
    input.shape[3]! > 0 && filter.shape[3]! % input.shape[3]! === 0;
}

/**
 * Writes `pixels` pixels of `channels` values from element index `src` of `view` to `dst`, each value repeated
 * `multiplier` times. `view` spans the whole wasm memory, so nothing is allocated.
 */
export function repeatChannels(view: Float32Array | Int8Array, src: number, dst: number, pixels: number, channels: number, multiplier: number): void {
  let o = dst;
  const end = src + pixels * channels;
  if (channels === 1) {
    for (let i = src; i < end; i++, o += multiplier) view.fill(view[i]!, o, o + multiplier);
    return;
  }
  for (let i = src; i < end; i++) {
    const v = view[i]!;
    for (let m = 0; m < multiplier; m++) view[o++] = v;
  }
}
