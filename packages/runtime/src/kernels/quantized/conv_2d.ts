/**
 * CONV_2D, quantized (TFLite reference_integer_ops::ConvPerChannel and reference_ops::Conv for uint8):
 * acc = bias + Σ w·(x − x_zp) over the taps inside the image (padding reads the zero point, i.e. adds
 * nothing), requantized per output channel, offset by the output zero point and clamped.
 */
import { BuiltinOp } from '../../core/ops.js';
import type { Conv2DOptions } from '../../core/options.js';
import { expectRank, optionalInput, requireInput, requireOutput, shapeError } from '../common/node_checks.js';
import { requireOptions } from '../common/options.js';
import { computePadding } from '../common/padding.js';
import { windowEnd, windowStart } from '../common/window.js';
import type { KernelRegistration, NodeContext } from '../kernel.js';
import type { Conv2DGeometry } from '../reference/conv_2d.js';
import {
  isQuantized8WeightedNode, isQuantizedWeightedNode, prepareWeightedQuant, requantizeAccumulator,
  type RequantMode, type WeightedQuantParams,
} from './weighted_params.js';

export interface QuantizedConv2DData {
  readonly g: Conv2DGeometry;
  readonly q: WeightedQuantParams;
}

/** NHWC × OHWI geometry with TFLite's padding rule (grouped convolution when inC is a multiple of filterC). */
export function conv2dGeometry(node: NodeContext<Conv2DOptions>): Conv2DGeometry {
  const o = node.options;
  const input = requireInput(node, 0);
  const filter = requireInput(node, 1);
  expectRank(node, input, 4, 'input');
  expectRank(node, filter, 4, 'filter');
  const [batches, inH, inW, inC] = input.shape as [number, number, number, number];
  const [outC, filterH, filterW, filterC] = filter.shape as [number, number, number, number];
  if (filterC <= 0 || inC % filterC !== 0) {
    throw shapeError(node, `input has ${inC} channels, not a multiple of the filter's ${filterC}`);
  }
  const groups = inC / filterC;
  if (outC % groups !== 0) throw shapeError(node, `${outC} output channels do not split into ${groups} groups`);
  if (o.strideH < 1 || o.strideW < 1 || o.dilationH < 1 || o.dilationW < 1) {
    throw shapeError(node, 'strides and dilations must be at least 1');
  }
  const ph = computePadding(inH, filterH, o.strideH, o.dilationH, o.padding);
  const pw = computePadding(inW, filterW, o.strideW, o.dilationW, o.padding);
  requireOutput(node, 0).shape = [batches, ph.outSize, pw.outSize, outC];
  return {
    batches, inH, inW, inC, outH: ph.outSize, outW: pw.outSize, outC, filterH, filterW, filterC, groups,
    strideH: o.strideH, strideW: o.strideW, dilationH: o.dilationH, dilationW: o.dilationW,
    padTop: ph.padBefore, padLeft: pw.padBefore, actMin: 0, actMax: 0,
  };
}

function prepare(node: NodeContext<Conv2DOptions>, mode: RequantMode): QuantizedConv2DData {
  const g = conv2dGeometry(node);
  const tensors = {
    input: requireInput(node, 0), filter: requireInput(node, 1), bias: optionalInput(node, 2), output: requireOutput(node, 0),
  };
  return { g, q: prepareWeightedQuant(node, tensors, g.outC, 0, node.options.fusedActivation, false, mode) };
}

/** The integer convolution; `input`/`output` are int8, uint8 or int16 arrays. */
export function conv2dQuantized(
  input: Int8Array | Uint8Array | Int16Array,
  output: Int8Array | Uint8Array | Int16Array,
  g: Conv2DGeometry,
  q: WeightedQuantParams,
): void {
  const { inH, inW, inC, outH, outW, outC, filterH, filterW, filterC, strideH, strideW, dilationH, dilationW } = g;
  const w = q.weights;
  const io = q.inputOffset;
  const outPerGroup = outC / g.groups;
  const rowContiguous = dilationW === 1 && g.groups === 1;
  const filterStride = filterH * filterW * filterC;
  let o = 0;
  for (let b = 0; b < g.batches; b++) {
    for (let oy = 0; oy < outH; oy++) {
      const iy0 = oy * strideH - g.padTop;
      const kyStart = windowStart(iy0, dilationH);
      const kyEnd = windowEnd(iy0, dilationH, inH, filterH);
      for (let ox = 0; ox < outW; ox++) {
        const ix0 = ox * strideW - g.padLeft;
        const kxStart = windowStart(ix0, dilationW);
        const kxEnd = windowEnd(ix0, dilationW, inW, filterW);
        const runLength = (kxEnd - kxStart) * inC;
        for (let oc = 0; oc < outC; oc++, o++) {
          const channelOffset = Math.floor(oc / outPerGroup) * filterC;
          const wBase = oc * filterStride;
          let acc = 0;
          for (let ky = kyStart; ky < kyEnd; ky++) {
            const inRow = (b * inH + iy0 + ky * dilationH) * inW;
            const wRow = wBase + ky * filterW * filterC;
            if (rowContiguous) {
              const ii = (inRow + ix0 + kxStart) * inC;
              const wi = wRow + kxStart * filterC;
              for (let j = 0; j < runLength; j++) acc += w[wi + j]! * (input[ii + j]! + io);
              continue;
            }
            for (let kx = kxStart; kx < kxEnd; kx++) {
              const ii = (inRow + ix0 + kx * dilationW) * inC + channelOffset;
              const wi = wRow + kx * filterC;
              for (let c = 0; c < filterC; c++) acc += w[wi + c]! * (input[ii + c]! + io);
            }
          }
          output[o] = requantizeAccumulator(acc + q.bias[oc]!, q, oc);
        }
      }
    }
  }
}

function conv2dKernel(mode: RequantMode): KernelRegistration<Conv2DOptions, QuantizedConv2DData> {
  return {
    op: BuiltinOp.CONV_2D,
    name: mode === 'xnnpack' ? 'CONV_2D (int8/uint8, XNNPACK requantization)' : 'CONV_2D (int8/uint8/int16x8, reference)',
    parseOptions: (raw) => requireOptions(raw, ['Conv2DOptions']),
    supports: mode === 'xnnpack' ? isQuantized8WeightedNode : isQuantizedWeightedNode,
    prepare: (node) => prepare(node, mode),
    eval: (node, d) => conv2dQuantized(node.inputs[0]!.data as Int8Array, node.outputs[0]!.data as Int8Array, d.g, d.q),
  };
}

/** TFLite's builtin (reference) integer arithmetic. */
export const CONV_2D_QUANTIZED_KERNEL = conv2dKernel('reference');
/** What LiteRT computes with its default XNNPACK delegate (8-bit only). */
export const CONV_2D_QUANTIZED_XNNPACK_KERNEL = conv2dKernel('xnnpack');
