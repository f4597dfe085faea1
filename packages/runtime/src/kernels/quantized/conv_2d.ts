/**
 * CONV_2D, quantized (TFLite reference_integer_ops::ConvPerChannel and reference_ops::Conv for uint8):
 * acc = bias + Σ w·(x − x_zp) over the taps inside the image (padding reads the zero point, i.e. adds
 * nothing), requantized per output channel, offset by the output zero point and clamped.
 */
import { BuiltinOp } from '../../core/ops.js';
import type { Conv2DOptions } from '../../core/options.js';
import { requireOptions } from '../common/options.js';
import type { KernelRegistration, NodeContext } from '../kernel.js';
import { conv2dGeometry, type Conv2DGeometry } from '../common/conv_geometry.js';
import { dotExact, dotInt32 } from './dot.js';
import {
  isQuantizedWeightedNode, prepareWeightedQuant, requantizeAccumulator, weightedTensors,
  type RequantMode, type WeightedQuantParams,
} from './weighted_params.js';
import { xnnpackTakesConv2D } from './xnnpack_delegation.js';

export { conv2dGeometry } from '../common/conv_geometry.js';

export interface QuantizedConv2DData {
  readonly g: Conv2DGeometry;
  readonly q: WeightedQuantParams;
  /** Scratch for one output pixel's receptive field (filterH·filterW·inC values). */
  readonly col: Int32Array;
}

function prepare(node: NodeContext<Conv2DOptions>, mode: RequantMode): QuantizedConv2DData {
  const g = conv2dGeometry(node);
  const q = prepareWeightedQuant(node, weightedTensors(node), g.outC, 0, node.options.fusedActivation, false, mode);
  return { g, q, col: new Int32Array(g.filterH * g.filterW * g.inC) };
}

/**
 * The integer convolution; `input`/`output` are int8, uint8 or int16 arrays. For each output pixel the
 * receptive field is gathered once into `col` as x − x_zp (taps in the padding stay 0, exactly what padding
 * with the zero point contributes), so every output channel is one contiguous dot product with its filter.
 */
export function conv2dQuantized(
  input: Int8Array | Uint8Array | Int16Array,
  output: Int8Array | Uint8Array | Int16Array,
  d: QuantizedConv2DData,
): void {
  const { g, q, col } = d;
  const { inC, outH, outW, outC, filterH, filterW, filterC, strideH, strideW } = g;
  const w = q.weights;
  const io = q.inputOffset;
  const bias = q.bias;
  const tapStride = filterC; // filter elements per tap
  const patch = filterH * filterW * filterC;
  const outPerGroup = outC / g.groups;
  let o = 0;
  for (let b = 0; b < g.batches; b++) {
    for (let oy = 0; oy < outH; oy++) {
      const iy0 = oy * strideH - g.padTop;
      for (let ox = 0; ox < outW; ox++) {
        const ix0 = ox * strideW - g.padLeft;
        gatherPatch(input, col, b, iy0, ix0, g, io);
        for (let oc = 0; oc < outC; oc++, o++) {
          const wBase = oc * patch;
          let acc = 0;
          if (g.groups === 1) {
            acc = q.wide ? dotExact(w, wBase, col, 0, patch) : dotInt32(w, wBase, col, 0, patch);
          } else {
            // Grouped: tap t of this filter reads the group's slice of the gathered channels.
            const channelOffset = Math.floor(oc / outPerGroup) * filterC;
            for (let t = 0, wi = wBase; t < filterH * filterW; t++, wi += tapStride) {
              const ci = t * inC + channelOffset;
              for (let c = 0; c < filterC; c++) acc += w[wi + c]! * col[ci + c]!;
            }
          }
          output[o] = requantizeAccumulator(acc + bias[oc]!, q, oc);
        }
      }
    }
  }
}

/** Gathers the window at (iy0, ix0) of batch b into `col` as [tap][inC] values x − x_zp (0 outside). */
function gatherPatch(
  input: Int8Array | Uint8Array | Int16Array,
  col: Int32Array,
  b: number,
  iy0: number,
  ix0: number,
  g: Conv2DGeometry,
  io: number,
): void {
  const { inH, inW, inC, filterH, filterW, dilationH, dilationW } = g;
  let k = 0;
  for (let ky = 0; ky < filterH; ky++) {
    const iy = iy0 + ky * dilationH;
    const rowInside = iy >= 0 && iy < inH;
    for (let kx = 0; kx < filterW; kx++) {
      const ix = ix0 + kx * dilationW;
      if (!rowInside || ix < 0 || ix >= inW) {
        for (let c = 0; c < inC; c++) col[k++] = 0;
        continue;
      }
      const ii = ((b * inH + iy) * inW + ix) * inC;
      for (let c = 0; c < inC; c++) col[k++] = input[ii + c]! + io;
    }
  }
}

function conv2dKernel(mode: RequantMode): KernelRegistration<Conv2DOptions, QuantizedConv2DData> {
  return {
    op: BuiltinOp.CONV_2D,
    name: mode === 'xnnpack' ? 'CONV_2D (int8/uint8, XNNPACK requantization)' : 'CONV_2D (int8/uint8/int16x8, reference)',
    parseOptions: (raw) => requireOptions(raw, ['Conv2DOptions']),
    supports: mode === 'xnnpack' ? xnnpackTakesConv2D : isQuantizedWeightedNode,
    prepare: (node) => prepare(node, mode),
    eval: (node, d) => conv2dQuantized(node.inputs[0]!.data as Int8Array, node.outputs[0]!.data as Int8Array, d),
  };
}

/** TFLite's builtin (reference) integer arithmetic. */
export const CONV_2D_QUANTIZED_KERNEL = conv2dKernel('reference');
/** What LiteRT computes with its default XNNPACK delegate, for the nodes the delegate takes. */
export const CONV_2D_QUANTIZED_XNNPACK_KERNEL = conv2dKernel('xnnpack');
