/**
 * CONV_2D (float32) on WebAssembly SIMD: im2col + register-blocked GEMM with fused bias and activation.
 * Validation and output shapes come from the reference kernel's prepare, so both agree on every rule; this
 * registration takes the nodes it can speed up (constant float filter, one group) and leaves grouped
 * convolutions to the reference kernel. Hybrid nodes (int8 filter) are hybrid_kernels.ts's.
 */
import type { Conv2DOptions } from '../../core/options.js';
import type { KernelRegistration } from '../kernel.js';
import { CONV_2D_KERNEL } from '../reference/conv_2d.js';
import { layoutConvF32, packConvF32, runConvF32, type ConvPlanF32 } from './conv_plan.js';
import { inputAddress, OutputStage } from './io.js';
import { packOnce } from './pack_cache.js';
import { simdSupported } from './module.js';

export interface WasmConv2DPrepared {
  readonly plan: ConvPlanF32;
  readonly stage: OutputStage;
}

export const CONV_2D_WASM_KERNEL: KernelRegistration<Conv2DOptions, WasmConv2DPrepared> = {
  op: CONV_2D_KERNEL.op,
  name: 'CONV_2D (float32, wasm simd)',
  simd: true,
  parseOptions: CONV_2D_KERNEL.parseOptions,
  supports: (node) => {
    const [input, filter, bias] = node.inputs;
    return simdSupported() && input?.dtype === 'float32' && !!filter && filter.isConstant && filter.dtype === 'float32' &&
      node.outputs[0]?.dtype === 'float32' && (!bias || (bias.dtype === 'float32' && bias.isConstant)) &&
      input.shape.length === 4 && filter.shape.length === 4 && input.shape[3] === filter.shape[3];
  },
  prepare: (node) => {
    const { geometry: g } = CONV_2D_KERNEL.prepare(node);
    const ctx = node.wasm;
    const bias = node.inputs[2] ? (node.inputs[2].data as Float32Array) : null;
    const packed = packOnce(node, () => packConvF32(ctx, g, node.inputs[1]!.data as Float32Array, bias));
    const plan = layoutConvF32(g, packed.weights, packed.bias);
    ctx.reserveScratch(plan.inBytes + plan.colBytes + plan.outBytes);
    return { plan, stage: new OutputStage('f32', g.batches * g.outH * g.outW * g.outC) };
  },
  eval: (node, { plan, stage }) => {
    const ctx = node.wasm;
    const base = ctx.scratch;
    const out = node.outputs[0]!.data as Float32Array;
    const inAt = inputAddress(ctx, node.inputs[0]!.data as Float32Array, base, 'f32');
    const colAt = base + plan.inBytes;
    const outAt = stage.address(ctx, out, colAt + plan.colBytes);
    runConvF32(ctx, plan, inAt, outAt, colAt);
    stage.finish(ctx, out, outAt);
  },
};
