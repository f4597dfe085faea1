/**
 * DEPTHWISE_CONV_2D, quantized (TFLite reference_integer_ops::DepthwiseConvPerChannel; uint8 with a filter
 * zero point): output channel c·multiplier + m accumulates w·(x − x_zp) from input channel c, then is
 * requantized per channel, offset and clamped.
 */
import { BuiltinOp } from '../../core/ops.js';
import type { DepthwiseConv2DOptions } from '../../core/options.js';
import { requireOptions } from '../common/options.js';
import { forEachWindow } from '../common/window.js';
import type { KernelRegistration, NodeContext } from '../kernel.js';
import { depthwiseGeometry, type DepthwiseGeometry } from '../common/conv_geometry.js';
import {
  isQuantizedWeightedNode, prepareWeightedQuant, requantizeAccumulator, weightedTensors,
  type RequantMode, type WeightedQuantParams,
} from './weighted_params.js';
import { xnnpackTakesDepthwiseConv2D } from './xnnpack_delegation.js';

export { depthwiseGeometry } from '../common/conv_geometry.js';

export interface QuantizedDepthwiseData {
  readonly g: DepthwiseGeometry;
  readonly q: WeightedQuantParams;
  /** Scratch accumulators for one output pixel (eval allocates nothing). */
  readonly acc: Float64Array;
}

function prepare(node: NodeContext<DepthwiseConv2DOptions>, mode: RequantMode): QuantizedDepthwiseData {
  const g = depthwiseGeometry(node);
  const outC = g.inC * g.multiplier;
  return { g, q: prepareWeightedQuant(node, weightedTensors(node), outC, 3, node.options.fusedActivation, false, mode), acc: new Float64Array(outC) };
}

export function depthwiseConv2dQuantized(
  input: Int8Array | Uint8Array | Int16Array,
  output: Int8Array | Uint8Array | Int16Array,
  d: QuantizedDepthwiseData,
): void {
  const { g, q, acc } = d;
  const { inH, inW, inC, multiplier, filterW, dilationH, dilationW } = g;
  const outC = inC * multiplier;
  const w = q.weights;
  const io = q.inputOffset;
  forEachWindow(g, ({ b, iy0, ix0, pixel, kyStart, kyEnd, kxStart, kxEnd }) => {
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
    const o = pixel * outC;
    for (let c = 0; c < outC; c++) output[o + c] = requantizeAccumulator(acc[c]! + q.bias[c]!, q, c);
  });
}

function depthwiseKernel(mode: RequantMode): KernelRegistration<DepthwiseConv2DOptions, QuantizedDepthwiseData> {
  return {
    op: BuiltinOp.DEPTHWISE_CONV_2D,
    name: mode === 'xnnpack'
      ? 'DEPTHWISE_CONV_2D (int8/uint8, XNNPACK requantization)'
      : 'DEPTHWISE_CONV_2D (int8/uint8/int16x8, reference)',
    parseOptions: (raw) => requireOptions(raw, ['DepthwiseConv2DOptions']),
    supports: mode === 'xnnpack' ? xnnpackTakesDepthwiseConv2D : isQuantizedWeightedNode,
    prepare: (node) => prepare(node, mode),
    eval: (node, d) => depthwiseConv2dQuantized(node.inputs[0]!.data as Int8Array, node.outputs[0]!.data as Int8Array, d),
  };
}

/** TFLite's builtin (reference) integer arithmetic. */
export const DEPTHWISE_CONV_2D_QUANTIZED_KERNEL = depthwiseKernel('reference');
/** What LiteRT computes with its default XNNPACK delegate, for the nodes the delegate takes. */
export const DEPTHWISE_CONV_2D_QUANTIZED_XNNPACK_KERNEL = depthwiseKernel('xnnpack');
