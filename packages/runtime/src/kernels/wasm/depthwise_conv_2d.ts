/**
 * DEPTHWISE_CONV_2D (float32) on WebAssembly SIMD: direct convolution, 4 channels per vector, fused bias and
 * activation. Validation and output shapes come from the reference kernel's prepare. Takes constant weights;
 * a depth multiplier above 1 runs on the input's channels repeated (depth_multiplier.ts).
 */
import type { DepthwiseConv2DOptions } from '../../core/options.js';
import type { KernelRegistration } from '../kernel.js';
import { DEPTHWISE_CONV_2D_KERNEL, type DepthwiseGeometry } from '../reference/depthwise_conv_2d.js';
import { SLACK, scratchRegion, type WasmContext } from './context.js';
import { isConstantDepthwise, repeatChannels } from './depth_multiplier.js';
import { inputAddress, OutputStage } from './io.js';
import { simdSupported } from './module.js';
import { packChannels, packDepthwise } from './pack.js';
import { packOnce } from './pack_cache.js';

export interface WasmDepthwisePrepared {
  readonly g: DepthwiseGeometry;
  readonly weights: number;
  readonly bias: number;
  readonly inBytes: number;
  /** Scratch bytes of the input with its channels repeated (0 for multiplier 1). */
  readonly repeatBytes: number;
  readonly stage: OutputStage;
}

/** Runs every image of the batch over inC·multiplier channels (addresses in wasm memory; inAt already repeated). */
export function runDepthwiseF32(ctx: WasmContext, g: DepthwiseGeometry, weights: number, bias: number, inAt: number, outAt: number): void {
  const channels = g.inC * g.multiplier;
  const inImage = g.inH * g.inW * channels * 4;
  const outImage = g.outH * g.outW * channels * 4;
  for (let b = 0; b < g.batches; b++) {
    ctx.fn.depthwise_f32(inAt + b * inImage, g.inH, g.inW, channels, g.outH, g.outW, g.filterH, g.filterW, g.strideH,
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
      isConstantDepthwise(node);
  },
  prepare: (node) => {
    const { geometry: g } = DEPTHWISE_CONV_2D_KERNEL.prepare(node);
    const ctx = node.wasm;
    const bias = node.inputs[2];
    const channels = g.inC * g.multiplier;
    const { weights, biasAt } = packOnce(node, () => ({
      weights: packDepthwise(ctx, node.inputs[1]!.data as Float32Array, g.filterH * g.filterW, channels, 4, 'f32'),
      biasAt: packChannels(ctx, bias ? (bias.data as Float32Array) : null, channels, 4, 'f32'),
    }));
    const inBytes = scratchRegion(g.batches * g.inH * g.inW * g.inC * 4);
    const repeatBytes = g.multiplier === 1 ? 0 : scratchRegion(g.batches * g.inH * g.inW * channels * 4);
    const outElems = g.batches * g.outH * g.outW * channels;
    ctx.reserveScratch(inBytes + repeatBytes + outElems * 4 + SLACK);
    return { g, weights, bias: biasAt, inBytes, repeatBytes, stage: new OutputStage('f32', outElems) };
  },
  eval: (node, d) => {
    const ctx = node.wasm;
    const base = ctx.scratch;
    const out = node.outputs[0]!.data as Float32Array;
    const { g } = d;
    let inAt = inputAddress(ctx, node.inputs[0]!.data as Float32Array, base, 'f32');
    if (g.multiplier > 1) {
      const repeated = base + d.inBytes;
      repeatChannels(ctx.f32, inAt >>> 2, repeated >>> 2, g.batches * g.inH * g.inW, g.inC, g.multiplier);
      inAt = repeated;
    }
    const outAt = d.stage.address(ctx, out, base + d.inBytes + d.repeatBytes);
    runDepthwiseF32(ctx, g, d.weights, d.bias, inAt, outAt);
    d.stage.finish(ctx, out, outAt);
  },
};
