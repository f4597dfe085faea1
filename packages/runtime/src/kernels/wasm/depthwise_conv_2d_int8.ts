/**
 * DEPTHWISE_CONV_2D (int8 and uint8) on WebAssembly SIMD: direct convolution, 8 channels per step widened to
 * int16 minus the input zero point, int32 accumulation by extended multiplies, fused requantization —
 * bit-exact with the TypeScript kernel the resolver would otherwise pick (int8_params.ts), whose prepare
 * validates the node and supplies every parameter. A depth multiplier above 1 runs on the input's channels
 * repeated (depth_multiplier.ts).
 */
import type { DepthwiseConv2DOptions } from '../../core/options.js';
import type { KernelRegistration } from '../kernel.js';
import { DEPTHWISE_CONV_2D_QUANTIZED_KERNEL, DEPTHWISE_CONV_2D_QUANTIZED_XNNPACK_KERNEL } from '../quantized/depthwise_conv_2d.js';
import type { DepthwiseGeometry } from '../reference/depthwise_conv_2d.js';
import { SLACK, scratchRegion } from './context.js';
import { isConstantDepthwise, repeatChannels } from './depth_multiplier.js';
import { canMatchReference, isByteWeightedNode, packStage8, referenceFor, zeroCenteredFilter, type Stage8 } from './int8_params.js';
import { inputAddress, OutputStage } from './io.js';
import { simdSupported } from './module.js';
import { packDepthwise } from './pack.js';
import { packOnce } from './pack_cache.js';

export interface WasmDepthwiseInt8Prepared {
  readonly g: DepthwiseGeometry;
  readonly weights: number;
  readonly stage8: Stage8;
  readonly inBytes: number;
  /** Scratch bytes of the input with its channels repeated (0 for multiplier 1). */
  readonly repeatBytes: number;
  readonly stage: OutputStage;
}

export const DEPTHWISE_CONV_2D_INT8_WASM_KERNEL: KernelRegistration<DepthwiseConv2DOptions, WasmDepthwiseInt8Prepared> = {
  op: DEPTHWISE_CONV_2D_QUANTIZED_XNNPACK_KERNEL.op,
  name: 'DEPTHWISE_CONV_2D (int8/uint8, wasm simd)',
  simd: true,
  parseOptions: DEPTHWISE_CONV_2D_QUANTIZED_XNNPACK_KERNEL.parseOptions,
  supports: (node) => simdSupported() && isByteWeightedNode(node) && isConstantDepthwise(node) &&
    canMatchReference(node, DEPTHWISE_CONV_2D_QUANTIZED_XNNPACK_KERNEL),
  prepare: (node) => {
    const { g, q } = referenceFor(node, DEPTHWISE_CONV_2D_QUANTIZED_XNNPACK_KERNEL, DEPTHWISE_CONV_2D_QUANTIZED_KERNEL).prepare(node);
    const ctx = node.wasm;
    const channels = g.inC * g.multiplier;
    const inBytes = scratchRegion(g.batches * g.inH * g.inW * g.inC);
    const repeatBytes = g.multiplier === 1 ? 0 : scratchRegion(g.batches * g.inH * g.inW * channels);
    const outElems = g.batches * g.outH * g.outW * channels;
    ctx.reserveScratch(inBytes + repeatBytes + outElems + SLACK);
    return {
      g, ...packOnce(node, () => ({
        weights: packDepthwise(ctx, zeroCenteredFilter(node.inputs[1]!, q), g.filterH * g.filterW, channels, 8, 'i16'),
        stage8: packStage8(ctx, q, channels, 8, node.inputs[0]!.dtype as 'int8' | 'uint8'),
      })),
      inBytes, repeatBytes, stage: new OutputStage('i8', outElems),
    };
  },
  eval: (node, d) => {
    const { g, stage8: s } = d;
    const ctx = node.wasm;
    const base = ctx.scratch;
    const out = node.outputs[0]!.data as Int8Array;
    let inAt = inputAddress(ctx, node.inputs[0]!.data as Int8Array, base, 'i8');
    if (g.multiplier > 1) {
      repeatChannels(ctx.i8, inAt, base + d.inBytes, g.batches * g.inH * g.inW, g.inC, g.multiplier);
      inAt = base + d.inBytes;
    }
    const outAt = d.stage.address(ctx, out, base + d.inBytes + d.repeatBytes);
    const channels = g.inC * g.multiplier;
    const inImage = g.inH * g.inW * channels;
    const outImage = g.outH * g.outW * channels;
    const depthwise = ctx.fn.depthwise8[s.flavour];
    for (let b = 0; b < g.batches; b++) {
      depthwise(inAt + b * inImage, g.inH, g.inW, channels, g.outH, g.outW, g.filterH, g.filterW, g.strideH,
        g.strideW, g.dilationH, g.dilationW, g.padTop, g.padLeft, d.weights, s.bias, outAt + b * outImage,
        s.params, s.inputOffset, s.outputOffset, s.actMin, s.actMax, s.left, s.right);
    }
    d.stage.finish(ctx, out, outAt);
  },
};
