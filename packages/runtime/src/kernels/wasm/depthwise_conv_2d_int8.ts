/**
 * DEPTHWISE_CONV_2D (int8) on WebAssembly SIMD: direct convolution, 8 channels per step widened to int16,
 * int32 accumulation by extended multiplies, fused requantization — bit-exact with the XNNPACK-requantized
 * TypeScript kernel, whose prepare validates the node and supplies every parameter. Depth multiplier 1.
 */
import type { DepthwiseConv2DOptions } from '../../core/options.js';
import type { KernelRegistration } from '../kernel.js';
import { DEPTHWISE_CONV_2D_QUANTIZED_XNNPACK_KERNEL } from '../quantized/depthwise_conv_2d.js';
import type { DepthwiseGeometry } from '../reference/depthwise_conv_2d.js';
import { SLACK, scratchRegion } from './context.js';
import { isDepthwiseMultiplierOne } from './depthwise_conv_2d.js';
import { isInt8WeightedNode, packInt8Channels, zeroCenteredFilter, type Int8Channels } from './int8_params.js';
import { inputAddress, OutputStage } from './io.js';
import { simdSupported } from './module.js';
import { packDepthwise } from './pack.js';
import { packOnce } from './pack_cache.js';

export interface WasmDepthwiseInt8Prepared {
  readonly g: DepthwiseGeometry;
  readonly weights: number;
  readonly channels: Int8Channels;
  readonly inputOffset: number;
  readonly outputOffset: number;
  readonly actMin: number;
  readonly actMax: number;
  readonly inBytes: number;
  readonly stage: OutputStage;
}

export const DEPTHWISE_CONV_2D_INT8_WASM_KERNEL: KernelRegistration<DepthwiseConv2DOptions, WasmDepthwiseInt8Prepared> = {
  op: DEPTHWISE_CONV_2D_QUANTIZED_XNNPACK_KERNEL.op,
  name: 'DEPTHWISE_CONV_2D (int8, wasm simd)',
  simd: true,
  parseOptions: DEPTHWISE_CONV_2D_QUANTIZED_XNNPACK_KERNEL.parseOptions,
  supports: (node) => simdSupported() && isInt8WeightedNode(node) && DEPTHWISE_CONV_2D_QUANTIZED_XNNPACK_KERNEL.supports!(node) && isDepthwiseMultiplierOne(node),
  prepare: (node) => {
    const { g, q } = DEPTHWISE_CONV_2D_QUANTIZED_XNNPACK_KERNEL.prepare(node);
    const ctx = node.wasm;
    const inBytes = scratchRegion(g.batches * g.inH * g.inW * g.inC);
    const outElems = g.batches * g.outH * g.outW * g.inC;
    ctx.reserveScratch(inBytes + outElems + SLACK);
    return {
      g, ...packOnce(node, () => ({
        weights: packDepthwise(ctx, zeroCenteredFilter(node.inputs[1]!, q), g.filterH * g.filterW, g.inC, 8, 'i16'), channels: packInt8Channels(ctx, q, g.inC, 8),
      })),
      inputOffset: q.inputOffset, outputOffset: q.outputOffset,
      actMin: q.actMin, actMax: q.actMax, inBytes, stage: new OutputStage('i8', outElems),
    };
  },
  eval: (node, d) => {
    const { g } = d;
    const ctx = node.wasm;
    const base = ctx.scratch;
    const out = node.outputs[0]!.data as Int8Array;
    const inAt = inputAddress(ctx, node.inputs[0]!.data as Int8Array, base, 'i8');
    const outAt = d.stage.address(ctx, out, base + d.inBytes);
    const inImage = g.inH * g.inW * g.inC;
    const outImage = g.outH * g.outW * g.inC;
    for (let b = 0; b < g.batches; b++) {
      ctx.fn.depthwise_i8(inAt + b * inImage, g.inH, g.inW, g.inC, g.outH, g.outW, g.filterH, g.filterW, g.strideH,
        g.strideW, g.dilationH, g.dilationW, g.padTop, g.padLeft, d.weights, d.channels.bias, outAt + b * outImage,
        d.channels.scales, d.inputOffset, d.outputOffset, d.actMin, d.actMax);
    }
    d.stage.finish(ctx, out, outAt);
  },
};
