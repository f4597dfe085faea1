/**
 * CONV_2D (float32): NHWC input, OHWI filter, optional bias, SAME/VALID padding, strides, dilation, fused
 * activation, and grouped convolution (input channels a multiple of the filter's, as TFLite allows). Also the
 * hybrid form (constant int8 filter, float input), computed as LiteRT does (see common/hybrid.ts).
 */
import { BuiltinOp } from '../../core/ops.js';
import type { Conv2DOptions } from '../../core/options.js';
import { nodeActivationRange } from '../common/activation.js';
import {
  expectDType, expectRank, inputIs, optionalInput, requireInput, requireOutput, shapeError,
} from '../common/node_checks.js';
import { requireOptions } from '../common/options.js';
import { computePadding } from '../common/padding.js';
import { dequantizeWeights, fakeQuantizeRowsInt8, isHybridWeight } from '../common/hybrid.js';
import { windowEnd, windowStart } from '../common/window.js';
import type { KernelRegistration, NodeContext } from '../kernel.js';

export interface Conv2DGeometry {
  readonly batches: number;
  readonly inH: number;
  readonly inW: number;
  readonly inC: number;
  readonly outH: number;
  readonly outW: number;
  readonly outC: number;
  readonly filterH: number;
  readonly filterW: number;
  /** Input channels each filter reads: inC / groups. */
  readonly filterC: number;
  readonly groups: number;
  readonly strideH: number;
  readonly strideW: number;
  readonly dilationH: number;
  readonly dilationW: number;
  readonly padTop: number;
  readonly padLeft: number;
  readonly actMin: number;
  readonly actMax: number;
}

export interface Conv2DPrepared {
  readonly geometry: Conv2DGeometry;
  /** Hybrid only: the dequantized filter, and room for the int8-snapped input. */
  readonly hybrid: { readonly filter: Float32Array; readonly input: Float32Array } | null;
}

/**
 * The convolution itself. Each output value walks its filter (OHWI) contiguously. When the taps along a window
 * row are adjacent in memory (no dilation along W, one group), a window row is one contiguous run, and four
 * output channels are computed together so each input value loaded feeds four filters.
 */
export function conv2dFloat32(
  input: Float32Array,
  filter: Float32Array,
  bias: Float32Array | null,
  output: Float32Array,
  g: Conv2DGeometry,
): void {
  const { inH, inW, inC, outH, outW, outC, filterH, filterW, strideH, strideW, dilationH, dilationW } = g;
  const blocked = dilationW === 1 && g.groups === 1 ? outC - (outC % 4) : 0;
  for (let b = 0; b < g.batches; b++) {
    for (let oy = 0; oy < outH; oy++) {
      const iy0 = oy * strideH - g.padTop;
      const kyStart = windowStart(iy0, dilationH);
      const kyEnd = windowEnd(iy0, dilationH, inH, filterH);
      for (let ox = 0; ox < outW; ox++) {
        const ix0 = ox * strideW - g.padLeft;
        const kxStart = windowStart(ix0, dilationW);
        const kxEnd = windowEnd(ix0, dilationW, inW, filterW);
        const o = ((b * outH + oy) * outW + ox) * outC;
        // Input offset of the window's first in-bounds tap on its first row, for this batch.
        const origin = ((b * inH + iy0) * inW + ix0) * inC;
        for (let oc = 0; oc < blocked; oc += 4) {
          convFourChannels(input, filter, bias, output, g, origin, o, oc, kyStart, kyEnd, kxStart, kxEnd);
        }
        for (let oc = blocked; oc < outC; oc++) {
          convOneChannel(input, filter, bias, output, g, origin, o, oc, kyStart, kyEnd, kxStart, kxEnd);
        }
      }
    }
  }
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
      a0 += x * filter[w0 + j]!;
      a1 += x * filter[w1 + j]!;
      a2 += x * filter[w2 + j]!;
      a3 += x * filter[w3 + j]!;
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
      for (let c = 0; c < filterC; c++) acc += input[ii + c]! * filter[wi + c]!;
    }
  }
  output[o + oc] = acc < g.actMin ? g.actMin : acc > g.actMax ? g.actMax : acc;
}

function prepareConv2D(node: NodeContext<Conv2DOptions>): Conv2DPrepared {
  const opts = node.options;
  const input = requireInput(node, 0);
  const filter = requireInput(node, 1);
  const bias = optionalInput(node, 2);
  const output = requireOutput(node, 0);
  for (const [t, what] of [[input, 'input'], [output, 'output']] as const) expectDType(node, t, ['float32'], what);
  if (!isHybridWeight(filter)) expectDType(node, filter, ['float32'], 'filter');
  expectRank(node, input, 4, 'input');
  expectRank(node, filter, 4, 'filter');
  const [batches, inH, inW, inC] = input.shape as [number, number, number, number];
  const [outC, filterH, filterW, filterC] = filter.shape as [number, number, number, number];
  if (filterC <= 0 || inC % filterC !== 0) {
    throw shapeError(node, `input has ${inC} channels, not a multiple of the filter's ${filterC}`);
  }
  const groups = inC / filterC;
  if (outC % groups !== 0) throw shapeError(node, `${outC} output channels do not split into ${groups} groups`);
  if (bias) {
    expectDType(node, bias, ['float32'], 'bias');
    if (bias.shape.length !== 1 || bias.shape[0] !== outC) {
      throw shapeError(node, `bias shape [${bias.shape.join(',')}] does not match ${outC} output channels`);
    }
  }
  if (opts.strideH < 1 || opts.strideW < 1 || opts.dilationH < 1 || opts.dilationW < 1) {
    throw shapeError(node, 'strides and dilations must be at least 1');
  }
  const ph = computePadding(inH, filterH, opts.strideH, opts.dilationH, opts.padding);
  const pw = computePadding(inW, filterW, opts.strideW, opts.dilationW, opts.padding);
  output.shape = [batches, ph.outSize, pw.outSize, outC];
  const { min, max } = nodeActivationRange(node, opts.fusedActivation);
  const geometry: Conv2DGeometry = {
    batches, inH, inW, inC, outH: ph.outSize, outW: pw.outSize, outC, filterH, filterW, filterC, groups,
    strideH: opts.strideH, strideW: opts.strideW, dilationH: opts.dilationH, dilationW: opts.dilationW,
    padTop: ph.padBefore, padLeft: pw.padBefore, actMin: min, actMax: max,
  };
  const hybrid = isHybridWeight(filter)
    ? { filter: dequantizeWeights(node, filter), input: new Float32Array(batches * inH * inW * inC) }
    : null;
  return { geometry, hybrid };
}

export const CONV_2D_KERNEL: KernelRegistration<Conv2DOptions, Conv2DPrepared> = {
  op: BuiltinOp.CONV_2D,
  name: 'CONV_2D (float32, reference)',
  parseOptions: (raw) => requireOptions(raw, ['Conv2DOptions']),
  supports: (node) => inputIs(node, 0, 'float32') && (inputIs(node, 1, 'float32') || isHybridWeight(node.inputs[1])),
  prepare: prepareConv2D,
  eval: (node, { geometry: g, hybrid }) => {
    const bias = node.inputs[2];
    let input = node.inputs[0]!.data as Float32Array;
    if (hybrid) {
      // One int8 grid per image, as LiteRT's dynamic quantization does.
      fakeQuantizeRowsInt8(input, hybrid.input, g.batches, g.inH * g.inW * g.inC);
      input = hybrid.input;
    }
    conv2dFloat32(
      input,
      hybrid ? hybrid.filter : (node.inputs[1]!.data as Float32Array),
      bias ? (bias.data as Float32Array) : null,
      node.outputs[0]!.data as Float32Array,
      g,
    );
  },
};
