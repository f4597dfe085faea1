/**
 * TRANSPOSE_CONV with a constant int8 filter and float32 activations, as LiteRT's XNNPACK delegate computes it
 * (dynamically quantized deconvolution), bit for bit: each input image is quantized to int8 with its own
 * XNNPACK parameters, scattered through the filter into int32 accumulators, and each accumulator scaled back
 * in float32 with the bias (common/hybrid_quantize.ts), then the fused activation.
 */
import { BuiltinOp } from '../../core/ops.js';
import type { TransposeConvOptions } from '../../core/options.js';
import { nodeActivationRange } from '../common/activation.js';
import { hybridOutput, quantizeRowXnnpack } from '../common/hybrid_quantize.js';
import { requireInput } from '../common/node_checks.js';
import { scatterTransposeConv, transposeConvGeometry, type TransposeConvGeometry } from '../common/transpose_conv_geometry.js';
import type { KernelRegistration } from '../kernel.js';
import { parseTransposeConvOptions } from '../reference/transpose_conv.js';
import { hybridInputPlan, hybridWeights, isHybridNode, quantizeInput, type HybridInputPlan, type HybridWeights } from './hybrid_conv.js';

export interface TransposeConvHybridData {
  readonly g: TransposeConvGeometry;
  readonly input: HybridInputPlan;
  readonly w: HybridWeights;
  /** Per image: its codes and its slice of the accumulators (views made at prepare). */
  readonly images: readonly { readonly codes: Int8Array; readonly acc: Int32Array }[];
  readonly actMin: number;
  readonly actMax: number;
}

export const TRANSPOSE_CONV_HYBRID_KERNEL: KernelRegistration<TransposeConvOptions, TransposeConvHybridData> = {
  op: BuiltinOp.TRANSPOSE_CONV,
  name: 'TRANSPOSE_CONV (hybrid int8 filter, XNNPACK dynamic quantization)',
  parseOptions: parseTransposeConvOptions,
  supports: (node) => isHybridNode(node, 1, 2),
  prepare(node) {
    const g = transposeConvGeometry(node);
    const { min, max } = nodeActivationRange(node, node.options.fusedActivation);
    const inImage = g.inH * g.inW * g.inC;
    const outImage = g.outH * g.outW * g.outC;
    const input = hybridInputPlan(quantizeRowXnnpack, g.batches, inImage);
    const acc = new Int32Array(g.batches * outImage);
    const images = Array.from({ length: g.batches }, (_, b) => ({
      codes: input.codes.subarray(b * inImage, (b + 1) * inImage), acc: acc.subarray(b * outImage, (b + 1) * outImage),
    }));
    return { g, input, w: hybridWeights(node, requireInput(node, 1), g.outC, { input: 2, bias: 3, channelAxis: 0 }), images, actMin: min, actMax: max };
  },
  eval(node, d) {
    const { g, w } = d;
    const out = node.outputs[0]!.data as Float32Array;
    quantizeInput(d.input, node.inputs[2]!.data as Float32Array);
    const image = { ...g, batches: 1 };
    const outImage = g.outH * g.outW * g.outC;
    d.images.forEach(({ codes, acc }, b) => {
      scatterTransposeConv(codes, w.weights, acc, image, -d.input.zeroPoints[b]!);
      for (let i = 0; i < outImage; i++) {
        const c = i % g.outC;
        const v = hybridOutput(acc[i]!, d.input.scales[b]!, w.scales[c]!, w.bias[c]!);
        out[b * outImage + i] = v < d.actMin ? d.actMin : v > d.actMax ? d.actMax : v;
      }
    });
  },
};
