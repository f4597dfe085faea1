/**
 * Shape logic shared by CONV_2D and DEPTHWISE_CONV_2D in every form (float, hybrid, quantized, XNNPACK
 * requantization): NHWC input, the filter layout of each op, TFLite's SAME/VALID padding with strides and
 * dilation. Each function validates, sets the output shape and returns the geometry the kernels iterate.
 */
import type { Conv2DOptions, DepthwiseConv2DOptions } from '../../core/options.js';
import type { NodeContext } from '../kernel.js';
import type { ActivationRange } from './activation.js';
import { expectRank, requireInput, requireOutput, shapeError } from './node_checks.js';
import { computePadding } from './padding.js';
import type { WindowWalk } from './window.js';

/** What both convolution geometries share: extents, window, padding and the float clamp range. */
export interface ConvGeometryBase extends WindowWalk {
  readonly inC: number;
  readonly dilationH: number;
  readonly dilationW: number;
  readonly actMin: number;
  readonly actMax: number;
}

export interface Conv2DGeometry extends ConvGeometryBase {
  readonly outC: number;
  /** Input channels each filter reads: inC / groups. */
  readonly filterC: number;
  readonly groups: number;
}

export interface DepthwiseGeometry extends ConvGeometryBase {
  /** Output channels per input channel: output channel c·multiplier + m reads input channel c. */
  readonly multiplier: number;
}

/** The window part of both geometries: strides, dilations and the padding they give along H and W. */
type ConvWindow = Pick<
  ConvGeometryBase,
  'outH' | 'outW' | 'strideH' | 'strideW' | 'dilationH' | 'dilationW' | 'padTop' | 'padLeft'
>;

/** Quantized kernels clamp in their requantization step, so their geometry carries no float range. */
const NO_RANGE: ActivationRange = { min: 0, max: 0 };

function convWindow(
  node: NodeContext<Conv2DOptions | DepthwiseConv2DOptions>,
  inH: number, inW: number, filterH: number, filterW: number,
): ConvWindow {
  const o = node.options;
  if (o.strideH < 1 || o.strideW < 1 || o.dilationH < 1 || o.dilationW < 1) {
    throw shapeError(node, 'strides and dilations must be at least 1');
  }
  const ph = computePadding(inH, filterH, o.strideH, o.dilationH, o.padding);
  const pw = computePadding(inW, filterW, o.strideW, o.dilationW, o.padding);
  return {
    outH: ph.outSize, outW: pw.outSize, strideH: o.strideH, strideW: o.strideW,
    dilationH: o.dilationH, dilationW: o.dilationW, padTop: ph.padBefore, padLeft: pw.padBefore,
  };
}

/** Rank-4 input [N, H, W, C] and filter, read as their four extents. */
function rank4Shapes(node: NodeContext<unknown>): { input: readonly number[]; filter: readonly number[] } {
  const input = requireInput(node, 0);
  const filter = requireInput(node, 1);
  expectRank(node, input, 4, 'input');
  expectRank(node, filter, 4, 'filter');
  return { input: input.shape, filter: filter.shape };
}

/** NHWC × OHWI geometry (grouped convolution when inC is a multiple of filterC). */
export function conv2dGeometry(node: NodeContext<Conv2DOptions>, act: ActivationRange = NO_RANGE): Conv2DGeometry {
  const shapes = rank4Shapes(node);
  const [batches, inH, inW, inC] = shapes.input as [number, number, number, number];
  const [outC, filterH, filterW, filterC] = shapes.filter as [number, number, number, number];
  if (filterC <= 0 || inC % filterC !== 0) {
    throw shapeError(node, `input has ${inC} channels, not a multiple of the filter's ${filterC}`);
  }
  const groups = inC / filterC;
  if (outC % groups !== 0) throw shapeError(node, `${outC} output channels do not split into ${groups} groups`);
  const w = convWindow(node, inH, inW, filterH, filterW);
  requireOutput(node, 0).shape = [batches, w.outH, w.outW, outC];
  return {
    batches, inH, inW, inC, outC, filterH, filterW, filterC, groups, ...w, actMin: act.min, actMax: act.max,
  };
}

/** NHWC input, [1, H, W, inC·multiplier] filter; the multiplier comes from the filter's channel count. */
export function depthwiseGeometry(
  node: NodeContext<DepthwiseConv2DOptions>,
  act: ActivationRange = NO_RANGE,
): DepthwiseGeometry {
  const shapes = rank4Shapes(node);
  const [batches, inH, inW, inC] = shapes.input as [number, number, number, number];
  const [one, filterH, filterW, outC] = shapes.filter as [number, number, number, number];
  if (one !== 1) throw shapeError(node, `filter shape [${shapes.filter.join(',')}] must start with 1`);
  // Like TFLite, the multiplier comes from the shapes; converters sometimes store a wrong depth_multiplier.
  if (inC <= 0 || outC % inC !== 0) {
    throw shapeError(node, `${outC} output channels are not a multiple of ${inC} input channels`);
  }
  const w = convWindow(node, inH, inW, filterH, filterW);
  requireOutput(node, 0).shape = [batches, w.outH, w.outW, outC];
  return {
    batches, inH, inW, inC, multiplier: outC / inC, filterH, filterW, ...w, actMin: act.min, actMax: act.max,
  };
}
