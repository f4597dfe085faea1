/**
 * DEPTHWISE_CONV_2D (float32) on WebAssembly SIMD: direct convolution, 4 channels per vector, fused bias and
 * activation. Validation and output shapes come from the reference kernel's prepare. Takes depth multiplier 1
 * with constant weights (every MobileNet-style model); other multipliers stay on the reference kernel.
 */
import type { DepthwiseConv2DOptions } from '../../core/options.js';
import type { KernelRegistration, NodeSignature } from '../kernel.js';
import { DEPTHWISE_CONV_2D_KERNEL, type DepthwiseGeometry } from '../reference/depthwise_conv_2d.js';
import { SLACK, scratchRegion, type WasmContext } from './context.js';
import { inputAddress, OutputStage } from './io.js';
import { simdSupported } from './module.js';
import { packChannels, packDepthwise } from './pack.js';
import { packOnce } from './pack_cache.js';

export interface WasmDepthwisePrepared {
  readonly g: DepthwiseGeometry;
  readonly weights: number;
  readonly bias: number;
  readonly inBytes: number;
  readonly stage: OutputStage;
}

/** Depth multiplier 1 (output channels = input channels) with a constant filter. */
export function isDepthwiseMultiplierOne(node: NodeSignature): boolean {
  const [input, filter] = node.inputs;
  return !!input && !!filter && filter.isConstant && input.shape.length === 4 && filter.shape.length === 4 &&
    input.shape[3] === filter.shape[3];
}

/** Runs every image of the batch (addresses in wasm memory). */
export function runDepthwiseF32(ctx: WasmContext, g: DepthwiseGeometry, weights: number, bias: number, inAt: number, outAt: number): void {
  const inImage = g.inH * g.inW * g.inC * 4;
  const outImage = g.outH * g.outW * g.inC * 4;
  for (let b = 0; b < g.batches; b++) {
    ctx.fn.depthwise_f32(inAt + b * inImage, g.inH, g.inW, g.inC, g.outH, g.outW, g.filterH, g.filterW, g.strideH,
      g.strideW, g.dilationH, g.dilationW, g.padTop, g.padLeft, weights, bias, outAt + b * outImage, g.actMin, g.actMax);
  }
}

export const DEPTHWISE_CONV_2D_WASM_KERNEL: KernelRegistration<DepthwiseConv2DOptions, WasmDepthwisePrepared> = {
  op: DEPTHWISE_CONV_2D_KERNEL.op,
  name: 'DEPTHWISE_CONV_2D (float32, wasm simd)',
  simd: true,
  parseOptions: DEPTHWISE_CONV_2D_KERNEL.parseOptions,
  supports: (node) => {
    const [input, filter, bias] = node.inputs;
    return simdSupported() && input?.dtype === 'float32' && filter?.dtype === 'float32' &&
      node.outputs[0]?.dtype === 'float32' && (!bias || (bias.dtype === 'float32' && bias.isConstant)) &&
      isDepthwiseMultiplierOne(node);
  },
  prepare: (node) => {
    const { geometry: g } = DEPTHWISE_CONV_2D_KERNEL.prepare(node);
    const ctx = node.wasm;
    const bias = node.inputs[2];
    const { weights, biasAt } = packOnce(node, () => ({
      weights: packDepthwise(ctx, node.inputs[1]!.data as Float32Array, g.filterH * g.filterW, g.inC, 4, 'f32'),
      biasAt: packChannels(ctx, bias ? (bias.data as Float32Array) : null, g.inC, 4, 'f32'),
    }));
    const inBytes = scratchRegion(g.batches * g.inH * g.inW * g.inC * 4);
    const outElems = g.batches * g.outH * g.outW * g.inC;
    ctx.reserveScratch(inBytes + outElems * 4 + SLACK);
    return { g, weights, bias: biasAt, inBytes, stage: new OutputStage('f32', outElems) };
  },
  eval: (node, d) => {
    const ctx = node.wasm;
    const base = ctx.scratch;
    const out = node.outputs[0]!.data as Float32Array;
    const inAt = inputAddress(ctx, node.inputs[0]!.data as Float32Array, base, 'f32');
    const outAt = d.stage.address(ctx, out, base + d.inBytes);
    runDepthwiseF32(ctx, d.g, d.weights, d.bias, inAt, outAt);
    d.stage.finish(ctx, out, outAt);
  },
};
