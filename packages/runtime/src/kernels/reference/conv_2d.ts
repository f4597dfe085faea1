/**
 * CONV_2D (float32): NHWC input, OHWI filter, optional bias, SAME/VALID padding, strides, dilation, fused
 * activation, and grouped convolution (input channels a multiple of the filter's, as TFLite allows). Also the
 * hybrid form (constant int8 filter, float input) approximately (common/hybrid.ts); the bit-exact hybrid
 * kernel is quantized/hybrid_conv.ts.
 */
import { BuiltinOp } from '../../core/ops.js';
import type { Conv2DOptions } from '../../core/options.js';
import { conv2dGeometry, type Conv2DGeometry } from '../common/conv_geometry.js';
import { evalFloatConv, prepareFloatConv, type FloatConvPrepared } from '../common/float_conv.js';
import { floatOrHybridSupports } from '../common/hybrid.js';
import { requireOptions } from '../common/options.js';
import { forEachWindow } from '../common/window.js';
import { PartialSums, usesFourPartialSums } from '../common/float_sum_order.js';
import type { KernelRegistration } from '../kernel.js';
import { convWork } from '../common/work.js';

export type { Conv2DGeometry } from '../common/conv_geometry.js';

export type Conv2DPrepared = FloatConvPrepared<Conv2DGeometry>;

const f = Math.fround;

/**
 * The convolution itself. Each output value walks its filter (OHWI) contiguously, accumulating in float32,
 * bias first, taps row by row and channels within a tap — the order of XNNPACK's GEMM, which LiteRT runs
 * (with four partial sums where XNNPACK keeps them: common/float_sum_order.ts). When the taps along a window row are adjacent in memory (no dilation along W, one
 * group), a window row is one contiguous run, and four output channels are computed together so each input
 * value loaded feeds four filters.
 */
export function conv2dFloat32(
  input: Float32Array,
  filter: Float32Array,
  bias: Float32Array | null,
  output: Float32Array,
  g: Conv2DGeometry,
): void {
  const { inH, inW, inC, outC, dilationW } = g;
  const gemm = g.filterH === 1 && g.filterW === 1 && g.strideH === 1 && g.strideW === 1 && g.groups === 1;
  if (usesFourPartialSums(outC / g.groups, gemm)) {
    conv2dFourPartialSums(input, filter, bias, output, g);
    return;
  }
  const blocked = dilationW === 1 && g.groups === 1 ? outC - (outC % 4) : 0;
  forEachWindow(g, ({ b, iy0, ix0, pixel, kyStart, kyEnd, kxStart, kxEnd }) => {
    const o = pixel * outC;
    // Input offset of the window's first in-bounds tap on its first row, for this batch.
    const origin = ((b * inH + iy0) * inW + ix0) * inC;
    for (let oc = 0; oc < blocked; oc += 4) {
      convFourChannels(input, filter, bias, output, g, origin, o, oc, kyStart, kyEnd, kxStart, kxEnd);
    }
    for (let oc = blocked; oc < outC; oc++) {
      convOneChannel(input, filter, bias, output, g, origin, o, oc, kyStart, kyEnd, kxStart, kxEnd);
    }
  });
}

/** Output channels oc..oc+3 of one pixel, reading each window row as one contiguous run (dilation W 1). */
function convFourChannels(
  input: Float32Array, filter: Float32Array, bias: Float32Array | null, output: Float32Array, g: Conv2DGeometry,
  origin: number, o: number, oc: number, kyStart: number, kyEnd: number, kxStart: number, kxEnd: number,
): void {
  const { inW, inC, filterW, dilationH } = g;
  const filterStride = g.filterH * filterW * inC;
  const runLength = (kxEnd - kxStart) * inC;
  let a0 = bias === null ? 0 : bias[oc]!;
  let a1 = bias === null ? 0 : bias[oc + 1]!;
  let a2 = bias === null ? 0 : bias[oc + 2]!;
  let a3 = bias === null ? 0 : bias[oc + 3]!;
  for (let ky = kyStart; ky < kyEnd; ky++) {
    const ii = origin + (ky * dilationH * inW + kxStart) * inC;
    const w0 = oc * filterStride + (ky * filterW + kxStart) * inC;
    const w1 = w0 + filterStride;
    const w2 = w1 + filterStride;
    const w3 = w2 + filterStride;
    for (let j = 0; j < runLength; j++) {
      const x = input[ii + j]!;
      a0 = f(a0 + f(x * filter[w0 + j]!));
      a1 = f(a1 + f(x * filter[w1 + j]!));
      a2 = f(a2 + f(x * filter[w2 + j]!));
      a3 = f(a3 + f(x * filter[w3 + j]!));
    }
  }
  const lo = g.actMin;
  const hi = g.actMax;
  output[o + oc] = a0 < lo ? lo : a0 > hi ? hi : a0;
  output[o + oc + 1] = a1 < lo ? lo : a1 > hi ? hi : a1;
  output[o + oc + 2] = a2 < lo ? lo : a2 > hi ? hi : a2;
  output[o + oc + 3] = a3 < lo ? lo : a3 > hi ? hi : a3;
}

/** Output channel oc of one pixel: the general path (any dilation, grouped filters). */
function convOneChannel(
  input: Float32Array, filter: Float32Array, bias: Float32Array | null, output: Float32Array, g: Conv2DGeometry,
  origin: number, o: number, oc: number, kyStart: number, kyEnd: number, kxStart: number, kxEnd: number,
): void {
  const { inW, inC, filterW, filterC, dilationH, dilationW } = g;
  const channelOffset = Math.floor(oc / (g.outC / g.groups)) * filterC;
  const wBase = oc * g.filterH * filterW * filterC;
  let acc = bias === null ? 0 : bias[oc]!;
  for (let ky = kyStart; ky < kyEnd; ky++) {
    const rowOrigin = origin + ky * dilationH * inW * inC + channelOffset;
    const wRow = wBase + ky * filterW * filterC;
    for (let kx = kxStart; kx < kxEnd; kx++) {
      const ii = rowOrigin + kx * dilationW * inC;
      const wi = wRow + kx * filterC;
      for (let c = 0; c < filterC; c++) acc = f(acc + f(input[ii + c]! * filter[wi + c]!));
    }
  }
  output[o + oc] = acc < g.actMin ? g.actMin : acc > g.actMax ? g.actMax : acc;
}

/** The convolution with XNNPACK's four partial sums (common/float_sum_order.ts), channel index within a tap. */
function conv2dFourPartialSums(
  input: Float32Array, filter: Float32Array, bias: Float32Array | null, output: Float32Array, g: Conv2DGeometry,
): void {
  const { inH, inW, inC, outC, filterW, filterC, dilationH, dilationW } = g;
  const sums = new PartialSums();
  const outPerGroup = outC / g.groups;
  forEachWindow(g, ({ b, iy0, ix0, pixel, kyStart, kyEnd, kxStart, kxEnd }) => {
    for (let oc = 0; oc < outC; oc++) {
      const channelOffset = Math.floor(oc / outPerGroup) * filterC;
      const wBase = oc * g.filterH * filterW * filterC;
      sums.reset(bias === null ? 0 : bias[oc]!);
      for (let ky = kyStart; ky < kyEnd; ky++) {
        for (let kx = kxStart; kx < kxEnd; kx++) {
          const ii = ((b * inH + iy0 + ky * dilationH) * inW + ix0 + kx * dilationW) * inC + channelOffset;
          const wi = wBase + (ky * filterW + kx) * filterC;
          for (let c = 0; c < filterC; c++) sums.add(c, f(input[ii + c]! * filter[wi + c]!));
        }
      }
      const acc = sums.total();
      output[pixel * outC + oc] = acc < g.actMin ? g.actMin : acc > g.actMax ? g.actMax : acc;
    }
  });
}

export const CONV_2D_KERNEL: KernelRegistration<Conv2DOptions, Conv2DPrepared> = {
  op: BuiltinOp.CONV_2D,
  name: 'CONV_2D (float32, reference)',
  parseOptions: (raw) => requireOptions(raw, ['Conv2DOptions']),
  supports: floatOrHybridSupports,
  prepare: (node) => prepareFloatConv(node, conv2dGeometry, (g) => g.outC),
  eval: (node, prepared) => evalFloatConv(node, prepared, conv2dFloat32),
  work: convWork,
};
