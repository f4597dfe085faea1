/**
 * DEPTHWISE_CONV_2D (float32): NHWC input, [1, H, W, inC·multiplier] filter, optional bias, SAME/VALID
 * padding, strides, dilation, fused activation. Output channel c·multiplier + m reads input channel c. Also the
 * hybrid form (constant int8 filter, float input) approximately (common/hybrid.ts); the bit-exact hybrid
 * kernel is quantized/hybrid_conv.ts.
 */
import { BuiltinOp } from '../../core/ops.js';
import type { DepthwiseConv2DOptions } from '../../core/options.js';
import { depthwiseGeometry, type DepthwiseGeometry } from '../common/conv_geometry.js';
import { evalFloatConv, prepareFloatConv, type FloatConvPrepared } from '../common/float_conv.js';
import { floatOrHybridSupports } from '../common/hybrid.js';
import { requireOptions } from '../common/options.js';
import { forEachWindow } from '../common/window.js';
import type { KernelRegistration } from '../kernel.js';
import { depthwiseWork } from '../common/work.js';

export type { DepthwiseGeometry } from '../common/conv_geometry.js';

export type DepthwisePrepared = FloatConvPrepared<DepthwiseGeometry>;

const f = Math.fround;

/**
 * The depthwise convolution. Each output channel accumulates its taps in float32, bias first, in the order
 * LiteRT's XNNPACK delegate does (measured against LiteRT.js): column by column (kx outer, ky inner) with
 * depth multiplier 1, row by row with a larger multiplier. Float32 sums in another order (or in double)
 * differ in the last bits, and deep networks carry that to the conformance tolerance
 * (pose_landmarks_detector's segmentation output). Filter taps for one channel are `outC` apart.
 */
export function depthwiseConv2dFloat32(
  input: Float32Array,
  filter: Float32Array,
  bias: Float32Array | null,
  output: Float32Array,
  g: DepthwiseGeometry,
): void {
  const { inH, inW, inC, multiplier, filterW, dilationH, dilationW } = g;
  const outC = inC * multiplier;
  const rowStep = dilationH * inW * inC;
  const tapStep = dilationW * inC;
  const filterRow = filterW * outC;
  forEachWindow(g, ({ b, iy0, ix0, pixel, kyStart, kyEnd, kxStart, kxEnd }) => {
    const o = pixel * outC;
    // Input offset of the first in-bounds tap (channel 0), and the filter offset of that tap.
    const first = ((b * inH + iy0 + kyStart * dilationH) * inW + ix0 + kxStart * dilationW) * inC;
    const firstW = (kyStart * filterW + kxStart) * outC;
    for (let oc = 0; oc < outC; oc++) {
      const ic = multiplier === 1 ? oc : Math.floor(oc / multiplier);
      let acc = bias === null ? 0 : bias[oc]!;
      if (multiplier === 1) {
        for (let kx = kxStart, ii = first + ic, wi = firstW + oc; kx < kxEnd; kx++, ii += tapStep, wi += outC) {
          for (let ky = kyStart, i = ii, w = wi; ky < kyEnd; ky++, i += rowStep, w += filterRow) acc = f(acc + f(input[i]! * filter[w]!));
        }
      } else {
        for (let ky = kyStart, ii = first + ic, wi = firstW + oc; ky < kyEnd; ky++, ii += rowStep, wi += filterRow) {
          for (let kx = kxStart, i = ii, w = wi; kx < kxEnd; kx++, i += tapStep, w += outC) acc = f(acc + f(input[i]! * filter[w]!));
        }
      }
      output[o + oc] = acc < g.actMin ? g.actMin : acc > g.actMax ? g.actMax : acc;
    }
  });
}

export const DEPTHWISE_CONV_2D_KERNEL: KernelRegistration<DepthwiseConv2DOptions, DepthwisePrepared> = {
  op: BuiltinOp.DEPTHWISE_CONV_2D,
  name: 'DEPTHWISE_CONV_2D (float32, reference)',
  parseOptions: (raw) => requireOptions(raw, ['DepthwiseConv2DOptions']),
  supports: floatOrHybridSupports,
  prepare: (node) => prepareFloatConv(node, depthwiseGeometry, (g) => g.inC * g.multiplier),
  eval: (node, prepared) => evalFloatConv(node, prepared, depthwiseConv2dFloat32),
  work: depthwiseWork,
};
