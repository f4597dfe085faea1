/**
 * DEPTHWISE_CONV_2D, quantized (TFLite reference_integer_ops::DepthwiseConvPerChannel; uint8 with a filter
 * zero point): output channel c·multiplier + m accumulates w·(x − x_zp) from input channel c, then is
 * requantized per channel, offset and clamped.
 */
import { BuiltinOp } from '../../core/ops.js';
import type { DepthwiseConv2DOptions } from '../../core/options.js';
import { expectRank, optionalInput, requireInput, requireOutput, shapeError } from '../common/node_checks.js';
import { requireOptions } from '../common/options.js';
import { computePadding } from '../common/padding.js';
import { windowEnd, windowStart } from '../common/window.js';
import type { KernelRegistration, NodeContext } from '../kernel.js';
import type { DepthwiseGeometry } from '../reference/depthwise_conv_2d.js';
import {
  isXnnpackWeightedNode, isQuantizedWeightedNode, prepareWeightedQuant, requantizeAccumulator,
  type RequantMode, type WeightedQuantParams,
} from './weighted_params.js';

export interface QuantizedDepthwiseData {
  readonly g: DepthwiseGeometry;
  readonly q: WeightedQuantParams;
  /** Scratch accumulators for one output pixel (eval allocates nothing). */
  readonly acc: Float64Array;
}

/** NHWC input, [1, H, W, inC·multiplier] filter; the multiplier comes from the filter's channel count. */
export function depthwiseGeometry(node: NodeContext<DepthwiseConv2DOptions>): DepthwiseGeometry {
  const o = node.options;
  const input = requireInput(node, 0);
  const filter = requireInput(node, 1);
  expectRank(node, input, 4, 'input');
  expectRank(node, filter, 4, 'filter');
  const [batches, inH, inW, inC] = input.shape as [number, number, number, number];
  const [one, filterH, filterW, outC] = filter.shape as [number, number, number, number];
  if (one !== 1 || inC <= 0 || outC % inC !== 0) {
    throw shapeError(node, `filter [${filter.shape.join(',')}] does not fit ${inC} input channels`);
  }
  if (o.strideH < 1 || o.strideW < 1 || o.dilationH < 1 || o.dilationW < 1) {
    throw shapeError(node, 'strides and dilations must be at least 1');
  }
  const ph = computePadding(inH, filterH, o.strideH, o.dilationH, o.padding);
  const pw = computePadding(inW, filterW, o.strideW, o.dilationW, o.padding);
  requireOutput(node, 0).shape = [batches, ph.outSize, pw.outSize, outC];
  return {
    batches, inH, inW, inC, outH: ph.outSize, outW: pw.outSize, multiplier: outC / inC, filterH, filterW,
    strideH: o.strideH, strideW: o.strideW, dilationH: o.dilationH, dilationW: o.dilationW,
    padTop: ph.padBefore, padLeft: pw.padBefore, actMin: 0, actMax: 0,
  };
}

function prepare(node: NodeContext<DepthwiseConv2DOptions>, mode: RequantMode): QuantizedDepthwiseData {
  const g = depthwiseGeometry(node);
  const outC = g.inC * g.multiplier;
  const tensors = {
    input: requireInput(node, 0), filter: requireInput(node, 1), bias: optionalInput(node, 2), output: requireOutput(node, 0),
  };
  return { g, q: prepareWeightedQuant(node, tensors, outC, 3, node.options.fusedActivation, false, mode), acc: new Float64Array(outC) };
}

export function depthwiseConv2dQuantized(
  input: Int8Array | Uint8Array | Int16Array,
  output: Int8Array | Uint8Array | Int16Array,
  d: QuantizedDepthwiseData,
): void {
  const { g, q, acc } = d;
  const { inH, inW, inC, outH, outW, multiplier, filterH, filterW, strideH, strideW, dilationH, dilationW } = g;
  const outC = inC * multiplier;
  const w = q.weights;
  const io = q.inputOffset;
  for (let b = 0; b < g.batches; b++) {
    for (let oy = 0; oy < outH; oy++) {
      const iy0 = oy * strideH - g.padTop;
      const kyStart = windowStart(iy0, dilationH);
      const kyEnd = windowEnd(iy0, dilationH, inH, filterH);
      for (let ox = 0; ox < outW; ox++) {
        const ix0 = ox * strideW - g.padLeft;
        const kxStart = windowStart(ix0, dilationW);
        const kxEnd = windowEnd(ix0, dilationW, inW, filterW);
        acc.fill(0);
        for (let ky = kyStart; ky < kyEnd; ky++) {
          const inRow = (b * inH + iy0 + ky * dilationH) * inW;
          for (let kx = kxStart; kx < kxEnd; kx++) {
            const ii = (inRow + ix0 + kx * dilationW) * inC;
            const wi = (ky * filterW + kx) * outC;
            if (multiplier === 1) {
              for (let c = 0; c < outC; c++) acc[c] += w[wi + c]! * (input[ii + c]! + io);
              continue;
            }
            for (let c = 0, oc = 0; c < inC; c++) {
              const x = input[ii + c]! + io;
              for (let m = 0; m < multiplier; m++, oc++) acc[oc] += w[wi + oc]! * x;
            }
          }
        }
        const o = ((b * outH + oy) * outW + ox) * outC;
        for (let c = 0; c < outC; c++) output[o + c] = requantizeAccumulator(acc[c]! + q.bias[c]!, q, c);
      }
    }
  }
}

function depthwiseKernel(mode: RequantMode): KernelRegistration<DepthwiseConv2DOptions, QuantizedDepthwiseData> {
  return {
    op: BuiltinOp.DEPTHWISE_CONV_2D,
    name: mode === 'xnnpack'
      ? 'DEPTHWISE_CONV_2D (int8, XNNPACK requantization)'
      : 'DEPTHWISE_CONV_2D (int8/uint8/int16x8, reference)',
    parseOptions: (raw) => requireOptions(raw, ['DepthwiseConv2DOptions']),
    supports: mode === 'xnnpack' ? isXnnpackWeightedNode : isQuantizedWeightedNode,
    prepare: (node) => prepare(node, mode),
    eval: (node, d) => depthwiseConv2dQuantized(node.inputs[0]!.data as Int8Array, node.outputs[0]!.data as Int8Array, d),
  };
}

/** TFLite's builtin (reference) integer arithmetic. */
export const DEPTHWISE_CONV_2D_QUANTIZED_KERNEL = depthwiseKernel('reference');
/** What LiteRT computes with its default XNNPACK delegate (int8 only). */
export const DEPTHWISE_CONV_2D_QUANTIZED_XNNPACK_KERNEL = depthwiseKernel('xnnpack');
