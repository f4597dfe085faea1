/**
 * Shape logic of CONV_3D and CONV_3D_TRANSPOSE (NDHWC tensors): per spatial axis (depth, height, width) the
 * SAME/VALID rule of padding.h with dilation. A transposed convolution pads as the convolution it inverts:
 * its *output* plays the convolution's input, and the convolution of that output must give its input's size.
 */
import type { Conv3DOptions } from '../../core/options.js';
import { computePadding } from './padding.js';

export interface Conv3DGeometry {
  readonly batches: number;
  /** Input and output spatial sizes [D, H, W]. */
  readonly inSize: readonly [number, number, number];
  readonly outSize: readonly [number, number, number];
  readonly inC: number;
  readonly outC: number;
  readonly kernel: readonly [number, number, number];
  readonly stride: readonly [number, number, number];
  readonly dilation: readonly [number, number, number];
  /** Padding before the first element, per spatial axis. */
  readonly pad: readonly [number, number, number];
}

export function strides3(o: Conv3DOptions): [number, number, number] {
  return [o.strideD, o.strideH, o.strideW];
}

export function dilations3(o: Conv3DOptions): [number, number, number] {
  return [o.dilationD, o.dilationH, o.dilationW];
}

/** Output sizes and leading paddings of a convolution over `input` spatial sizes. */
export function convolve3(
  input: readonly number[], kernel: readonly number[], o: Conv3DOptions,
): { out: [number, number, number]; pad: [number, number, number] } {
  const s = strides3(o), d = dilations3(o);
  const r = [0, 1, 2].map((i) => computePadding(input[i]!, kernel[i]!, s[i]!, d[i]!, o.padding));
  return { out: r.map((x) => x.outSize) as [number, number, number], pad: r.map((x) => x.padBefore) as [number, number, number] };
}
