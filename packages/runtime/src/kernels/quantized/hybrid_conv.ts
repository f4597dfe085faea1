/**
 * Hybrid CONV_2D and DEPTHWISE_CONV_2D (float32 input, constant int8 weights) computed as LiteRT computes
 * them, bit for bit: the input is quantized to int8 at run time, the convolution accumulates
 * (q − zero point)·w in int32 over the taps inside the image, and each accumulator is scaled back in float32
 * (common/hybrid_quantize.ts).
 * - CONV_2D runs on LiteRT's XNNPACK delegate (dynamically quantized convolution): one set of quantization
 *   parameters per image, except for 1×1 convolutions with stride 1, which XNNPACK runs as a fully
 *   connected layer and quantizes per pixel.
 * - DEPTHWISE_CONV_2D is not delegated when hybrid: TFLite's builtin kernel quantizes each image with its
 *   AsymmetricQuantizeFloats. TFLite requires per-channel weights there (version 6).
 */
import { BuiltinOp } from '../../core/ops.js';
import type { Conv2DOptions, DepthwiseConv2DOptions } from '../../core/options.js';
import { nodeActivationRange } from '../common/activation.js';
import { conv2dGeometry, depthwiseGeometry, type Conv2DGeometry, type DepthwiseGeometry } from '../common/conv_geometry.js';
import { isHybridWeight } from '../common/hybrid.js';
import {
  hybridOutput, quantizeRowAsymmetric, quantizeRowXnnpack, quantizeRows, type RowQuantizer,
} from '../common/hybrid_quantize.js';
import { expectDType, optionalInput, requireInput, requireOutput, shapeError, unsupported } from '../common/node_checks.js';
import { requireOptions } from '../common/options.js';
import { forEachWindow } from '../common/window.js';
import type { KernelRegistration, NodeContext, NodeSignature, RuntimeTensor } from '../kernel.js';

/** Run-time quantization of the input: scratch for the codes and each row's parameters. */
export interface HybridInputPlan {
  readonly quantizer: RowQuantizer;
  readonly rows: number;
  readonly rowLength: number;
  readonly codes: Int8Array;
  readonly scales: Float32Array;
  readonly zeroPoints: Int32Array;
}

export function hybridInputPlan(quantizer: RowQuantizer, rows: number, rowLength: number): HybridInputPlan {
  return {
    quantizer, rows, rowLength, codes: new Int8Array(rows * rowLength), scales: new Float32Array(rows), zeroPoints: new Int32Array(rows),
  };
}

export function quantizeInput(plan: HybridInputPlan, input: Float32Array): void {
  quantizeRows(plan.quantizer, input, plan.rows, plan.rowLength, plan.codes, plan.scales, plan.zeroPoints);
}

/** Per-output-channel weight scales (a per-tensor scale repeated) and the float bias (zeros when absent). */
export interface HybridWeights {
  readonly weights: Int8Array;
  readonly scales: Float32Array;
  readonly bias: Float32Array;
}

/** Where a hybrid op's tensors are: its float input, its bias, and the weight axis of the output channels. */
export interface HybridLayout {
  readonly input: number;
  readonly bias: number;
  readonly channelAxis: number;
}

/** Validates the float input/output and float bias of a hybrid op and collects its weight data. */
export function hybridWeights(node: NodeContext<unknown>, filter: RuntimeTensor, channels: number, at: HybridLayout): HybridWeights {
  expectDType(node, requireInput(node, at.input), ['float32'], 'input');
  expectDType(node, requireOutput(node, 0), ['float32'], 'output');
  const q = filter.quantization!;
  if (q.zeroPoint.some((z) => z !== 0)) throw unsupported(node, `hybrid weights '${filter.name}' must have zero points 0`);
  if (q.scale.length !== 1 && (q.scale.length !== channels || q.quantizedDimension !== at.channelAxis)) {
    throw shapeError(node, `${q.scale.length} weight scales on axis ${q.quantizedDimension}, expected ${channels} on axis ${at.channelAxis}`);
  }
  const biasIndex = at.bias;
  const scales = Float32Array.from({ length: channels }, (_, c) => q.scale[q.scale.length === 1 ? 0 : c]!);
  const bias = new Float32Array(channels);
  const b = optionalInput(node, biasIndex);
  if (b) {
    expectDType(node, b, ['float32'], 'bias');
    if (b.data.length !== channels) throw shapeError(node, `bias has ${b.data.length} values for ${channels} channels`);
    bias.set(b.data as Float32Array);
  }
  return { weights: filter.data as Int8Array, scales, bias };
}

/** `supports` of the hybrid kernels: float32 input and output, constant int8 weights at `weightIndex`. */
export function isHybridNode(node: NodeSignature, weightIndex = 1, inputIndex = 0): boolean {
  return node.inputs[inputIndex]?.dtype === 'float32' && node.outputs[0]?.dtype === 'float32' && isHybridWeight(node.inputs[weightIndex]);
}

interface HybridConvData<G> {
  readonly g: G;
  readonly input: HybridInputPlan;
  /** True when each input pixel is its own quantization row (XNNPACK's 1×1 stride-1 convolution). */
  readonly perPixel: boolean;
  readonly w: HybridWeights;
}

function prepareConv(node: NodeContext<Conv2DOptions>): HybridConvData<Conv2DGeometry> {
  const { min, max } = nodeActivationRange(node, node.options.fusedActivation);
  const g = conv2dGeometry(node, { min, max });
  const perPixel = g.filterH === 1 && g.filterW === 1 && g.strideH === 1 && g.strideW === 1 && g.groups === 1;
  const image = g.inH * g.inW * g.inC;
  const input = perPixel
    ? hybridInputPlan(quantizeRowXnnpack, g.batches * g.inH * g.inW, g.inC)
    : hybridInputPlan(quantizeRowXnnpack, g.batches, image);
  return { g, input, perPixel, w: hybridWeights(node, requireInput(node, 1), g.outC, { input: 0, bias: 2, channelAxis: 0 }) };
}

export function conv2dHybrid(input: Float32Array, output: Float32Array, d: HybridConvData<Conv2DGeometry>): void {
  const { g, w, perPixel } = d;
  quantizeInput(d.input, input);
  const { codes, scales, zeroPoints } = d.input;
  const { inH, inW, inC, outC, filterW, filterC, dilationH, dilationW } = g;
  const patch = g.filterH * filterW * filterC;
  const outPerGroup = outC / g.groups;
  forEachWindow(g, ({ b, iy0, ix0, pixel, kyStart, kyEnd, kxStart, kxEnd }) => {
    const row = perPixel ? (b * inH + iy0) * inW + ix0 : b;
    const zp = zeroPoints[row]!;
    for (let oc = 0; oc < outC; oc++) {
      const channelOffset = Math.floor(oc / outPerGroup) * filterC;
      let acc = 0;
      for (let ky = kyStart; ky < kyEnd; ky++) {
        const rowBase = (b * inH + iy0 + ky * dilationH) * inW;
        for (let kx = kxStart; kx < kxEnd; kx++) {
          const ii = (rowBase + ix0 + kx * dilationW) * inC + channelOffset;
          const wi = oc * patch + (ky * filterW + kx) * filterC;
          for (let c = 0; c < filterC; c++) acc += (codes[ii + c]! - zp) * w.weights[wi + c]!;
        }
      }
      const v = hybridOutput(acc, scales[row]!, w.scales[oc]!, w.bias[oc]!);
      output[pixel * outC + oc] = v < g.actMin ? g.actMin : v > g.actMax ? g.actMax : v;
    }
  });
}

function prepareDepthwise(node: NodeContext<DepthwiseConv2DOptions>): HybridConvData<DepthwiseGeometry> {
  const { min, max } = nodeActivationRange(node, node.options.fusedActivation);
  const g = depthwiseGeometry(node, { min, max });
  const filter = requireInput(node, 1);
  const outC = g.inC * g.multiplier;
  if (filter.quantization!.scale.length !== outC) {
    throw unsupported(node, `hybrid depthwise weights need one scale per output channel (${outC}), as TFLite requires`);
  }
  return {
    g, input: hybridInputPlan(quantizeRowAsymmetric, g.batches, g.inH * g.inW * g.inC), perPixel: false,
    w: hybridWeights(node, filter, outC, { input: 0, bias: 2, channelAxis: 3 }),
  };
}

export function depthwiseConv2dHybrid(input: Float32Array, output: Float32Array, d: HybridConvData<DepthwiseGeometry>): void {
  const { g, w } = d;
  quantizeInput(d.input, input);
  const { codes, scales, zeroPoints } = d.input;
  const { inH, inW, inC, multiplier, filterW, dilationH, dilationW } = g;
  const outC = inC * multiplier;
  forEachWindow(g, ({ b, iy0, ix0, pixel, kyStart, kyEnd, kxStart, kxEnd }) => {
    const zp = zeroPoints[b]!;
    for (let oc = 0; oc < outC; oc++) {
      const c = Math.floor(oc / multiplier);
      let acc = 0;
      for (let ky = kyStart; ky < kyEnd; ky++) {
        const rowBase = (b * inH + iy0 + ky * dilationH) * inW;
        for (let kx = kxStart; kx < kxEnd; kx++) {
          acc += (codes[(rowBase + ix0 + kx * dilationW) * inC + c]! - zp) * w.weights[(ky * filterW + kx) * outC + oc]!;
        }
      }
      const v = hybridOutput(acc, scales[b]!, w.scales[oc]!, w.bias[oc]!);
      output[pixel * outC + oc] = v < g.actMin ? g.actMin : v > g.actMax ? g.actMax : v;
    }
  });
}

export const CONV_2D_HYBRID_KERNEL: KernelRegistration<Conv2DOptions, HybridConvData<Conv2DGeometry>> = {
  op: BuiltinOp.CONV_2D,
  name: 'CONV_2D (hybrid int8 weights, XNNPACK dynamic quantization)',
  parseOptions: (raw) => requireOptions(raw, ['Conv2DOptions']),
  supports: (node) => isHybridNode(node),
  prepare: prepareConv,
  eval: (node, d) => conv2dHybrid(node.inputs[0]!.data as Float32Array, node.outputs[0]!.data as Float32Array, d),
};

export const DEPTHWISE_CONV_2D_HYBRID_KERNEL: KernelRegistration<DepthwiseConv2DOptions, HybridConvData<DepthwiseGeometry>> = {
  op: BuiltinOp.DEPTHWISE_CONV_2D,
  name: 'DEPTHWISE_CONV_2D (hybrid int8 weights, TFLite asymmetric input quantization)',
  parseOptions: (raw) => requireOptions(raw, ['DepthwiseConv2DOptions']),
  supports: (node) => isHybridNode(node),
  prepare: prepareDepthwise,
  eval: (node, d) => depthwiseConv2dHybrid(node.inputs[0]!.data as Float32Array, node.outputs[0]!.data as Float32Array, d),
};
