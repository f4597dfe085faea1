/**
 * DEPTHWISE_CONV_2D (float32): NHWC input, [1, H, W, inC·multiplier] filter, optional bias, SAME/VALID
 * padding, strides, dilation, fused activation. Output channel c·multiplier + m reads input channel c. Also the
 * hybrid form (constant int8 filter, float input), computed as LiteRT does (see common/hybrid.ts).
 */
import { BuiltinOp } from '../../core/ops.js';
import type { DepthwiseConv2DOptions } from '../../core/options.js';
import { nodeActivationRange } from '../common/activation.js';
import {
  expectDType, expectRank, inputIs, optionalInput, requireInput, requireOutput, shapeError,
} from '../common/node_checks.js';
import { requireOptions } from '../common/options.js';
import { computePadding } from '../common/padding.js';
import { dequantizeWeights, fakeQuantizeRowsInt8, isHybridWeight } from '../common/hybrid.js';
import { windowEnd, windowStart } from '../common/window.js';
import type { KernelRegistration, NodeContext } from '../kernel.js';

export interface DepthwiseGeometry {
  readonly batches: number;
  readonly inH: number;
  readonly inW: number;
  readonly inC: number;
  readonly outH: number;
  readonly outW: number;
  readonly multiplier: number;
  readonly filterH: number;
  readonly filterW: number;
  readonly strideH: number;
  readonly strideW: number;
  readonly dilationH: number;
  readonly dilationW: number;
  readonly padTop: number;
  readonly padLeft: number;
  readonly actMin: number;
  readonly actMax: number;
}

export interface DepthwisePrepared {
  readonly geometry: DepthwiseGeometry;
  /** Hybrid only: the dequantized filter, and room for the int8-snapped input. */
  readonly hybrid: { readonly filter: Float32Array; readonly input: Float32Array } | null;
}

/**
 * The depthwise convolution. Each output channel accumulates its taps in a local (double) sum, bias first,
 * reading the input channel it derives from; filter taps for one channel are `outC` apart.
 */
export function depthwiseConv2dFloat32(
  input: Float32Array,
  filter: Float32Array,
  bias: Float32Array | null,
  output: Float32Array,
  g: DepthwiseGeometry,
): void {
  const { inH, inW, inC, outH, outW, multiplier, filterH, filterW, strideH, strideW, dilationH, dilationW } = g;
  const outC = inC * multiplier;
  const rowStep = dilationH * inW * inC;
  const tapStep = dilationW * inC;
  const filterRow = filterW * outC;
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
        // Input offset of the first in-bounds tap (channel 0), and the filter offset of that tap.
        const first = ((b * inH + iy0 + kyStart * dilationH) * inW + ix0 + kxStart * dilationW) * inC;
        const firstW = (kyStart * filterW + kxStart) * outC;
        for (let oc = 0; oc < outC; oc++) {
          const ic = multiplier === 1 ? oc : Math.floor(oc / multiplier);
          let acc = bias === null ? 0 : bias[oc]!;
          for (let ky = kyStart, ii = first + ic, wi = firstW + oc; ky < kyEnd; ky++, ii += rowStep, wi += filterRow) {
            for (let kx = kxStart, i = ii, w = wi; kx < kxEnd; kx++, i += tapStep, w += outC) {
              acc += input[i]! * filter[w]!;
            }
          }
          output[o + oc] = acc < g.actMin ? g.actMin : acc > g.actMax ? g.actMax : acc;
        }
      }
    }
  }
}

function prepareDepthwise(node: NodeContext<DepthwiseConv2DOptions>): DepthwisePrepared {
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
  const [one, filterH, filterW, outC] = filter.shape as [number, number, number, number];
  if (one !== 1) throw shapeError(node, `filter shape [${filter.shape.join(',')}] must start with 1`);
  // Like TFLite, the multiplier comes from the shapes; converters sometimes store a wrong depth_multiplier.
  if (inC <= 0 || outC % inC !== 0) {
    throw shapeError(node, `${outC} output channels are not a multiple of ${inC} input channels`);
  }
  const multiplier = outC / inC;
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
  const geometry: DepthwiseGeometry = {
    batches, inH, inW, inC, outH: ph.outSize, outW: pw.outSize, multiplier, filterH, filterW,
    strideH: opts.strideH, strideW: opts.strideW, dilationH: opts.dilationH, dilationW: opts.dilationW,
    padTop: ph.padBefore, padLeft: pw.padBefore, actMin: min, actMax: max,
  };
  const hybrid = isHybridWeight(filter)
    ? { filter: dequantizeWeights(node, filter), input: new Float32Array(batches * inH * inW * inC) }
    : null;
  return { geometry, hybrid };
}

export const DEPTHWISE_CONV_2D_KERNEL: KernelRegistration<DepthwiseConv2DOptions, DepthwisePrepared> = {
  op: BuiltinOp.DEPTHWISE_CONV_2D,
  name: 'DEPTHWISE_CONV_2D (float32, reference)',
  parseOptions: (raw) => requireOptions(raw, ['DepthwiseConv2DOptions']),
  supports: (node) => inputIs(node, 0, 'float32') && (inputIs(node, 1, 'float32') || isHybridWeight(node.inputs[1])),
  prepare: prepareDepthwise,
  eval: (node, { geometry: g, hybrid }) => {
    const bias = node.inputs[2];
    let input = node.inputs[0]!.data as Float32Array;
    if (hybrid) {
      // One int8 grid per image, as LiteRT's dynamic quantization does.
      fakeQuantizeRowsInt8(input, hybrid.input, g.batches, g.inH * g.inW * g.inC);
      input = hybrid.input;
    }
    depthwiseConv2dFloat32(
      input,
      hybrid ? hybrid.filter : (node.inputs[1]!.data as Float32Array),
      bias ? (bias.data as Float32Array) : null,
      node.outputs[0]!.data as Float32Array,
      g,
    );
  },
};
