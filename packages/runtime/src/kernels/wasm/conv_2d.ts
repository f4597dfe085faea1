/**
 * CONV_2D (float32) on WebAssembly SIMD: im2col + register-blocked GEMM with fused bias and activation.
 * Validation and output shapes come from the reference kernel's prepare, so both agree on every rule; this
 * registration takes the nodes it can speed up (constant filter, one group) and leaves grouped convolutions
 * to the reference kernel. Hybrid nodes (constant int8 filter, float input) run the integer GEMM on inputs
 * quantized per image (hybrid_plan.ts); asymmetric int8 filters use the reference kernel's dequantized filter.
 */
import type { Conv2DOptions } from '../../core/options.js';
import { fakeQuantizeRowsInt8, isHybridWeight } from '../common/hybrid.js';
import type { KernelRegistration } from '../kernel.js';
import { CONV_2D_KERNEL } from '../reference/conv_2d.js';
import { layoutConvF32, packConvF32, runConvF32, type ConvPlanF32 } from './conv_plan.js';
import { isSymmetricInt8, planHybridConv, planHybridGemm, runHybridConv, type HybridConvPlan } from './hybrid_plan.js';
import { inputAddress, OutputStage, ScratchView } from './io.js';
import { packOnce } from './pack_cache.js';
import { simdSupported } from './module.js';

export type WasmConv2DPrepared =
  | { readonly kind: 'float'; readonly plan: ConvPlanF32; readonly stage: OutputStage; readonly snapped: ScratchView | null }
  | { readonly kind: 'hybrid'; readonly plan: HybridConvPlan; readonly stage: OutputStage };

export const CONV_2D_WASM_KERNEL: KernelRegistration<Conv2DOptions, WasmConv2DPrepared> = {
  op: CONV_2D_KERNEL.op,
  name: 'CONV_2D (float32, wasm simd)',
  simd: true,
  parseOptions: CONV_2D_KERNEL.parseOptions,
  supports: (node) => {
    const [input, filter, bias] = node.inputs;
    return simdSupported() && input?.dtype === 'float32' && !!filter && filter.isConstant &&
      (filter.dtype === 'float32' || isHybridWeight(filter)) &&
      node.outputs[0]?.dtype === 'float32' && (!bias || (bias.dtype === 'float32' && bias.isConstant)) &&
      input.shape.length === 4 && filter.shape.length === 4 && input.shape[3] === filter.shape[3];
  },
  prepare: (node) => {
    const { geometry: g, hybrid } = CONV_2D_KERNEL.prepare(node);
    const ctx = node.wasm;
    const filter = node.inputs[1]!;
    const bias = node.inputs[2] ? (node.inputs[2].data as Float32Array) : null;
    const stage = new OutputStage('f32', g.batches * g.outH * g.outW * g.outC);
    if (hybrid && isSymmetricInt8(filter)) {
      const gemm = packOnce(node, () => planHybridGemm(ctx, filter, g.outC, g.filterH * g.filterW * g.inC, bias, g.actMin, g.actMax));
      const plan = planHybridConv(g, gemm);
      ctx.reserveScratch(plan.inBytes + plan.qBytes + plan.colBytes + plan.outBytes);
      return { kind: 'hybrid', plan, stage };
    }
    const packed = packOnce(node, () => packConvF32(ctx, g, hybrid ? hybrid.filter : (filter.data as Float32Array), bias));
    const plan = layoutConvF32(g, packed.weights, packed.bias);
    ctx.reserveScratch(plan.inBytes + plan.colBytes + plan.outBytes);
    return { kind: 'float', plan, stage, snapped: hybrid ? new ScratchView(g.batches * g.inH * g.inW * g.inC) : null };
  },
  eval: (node, d) => {
    const ctx = node.wasm;
    const base = ctx.scratch;
    const out = node.outputs[0]!.data as Float32Array;
    const input = node.inputs[0]!.data as Float32Array;
    if (d.kind === 'hybrid') {
      const p = d.plan;
      const inAt = inputAddress(ctx, input, base, 'f32');
      const qAt = base + p.inBytes;
      const colAt = qAt + p.qBytes;
      const outAt = d.stage.address(ctx, out, colAt + p.colBytes);
      runHybridConv(ctx, p, input, inAt, qAt, colAt, outAt);
      d.stage.finish(ctx, out, outAt);
      return;
    }
    const { plan, stage, snapped } = d;
    const g = plan.g;
    let inAt = base;
    if (snapped) fakeQuantizeRowsInt8(input, snapped.view(ctx, base), g.batches, g.inH * g.inW * g.inC);
    else inAt = inputAddress(ctx, input, base, 'f32');
    const colAt = base + plan.inBytes;
    const outAt = stage.address(ctx, out, colAt + plan.colBytes);
    runConvF32(ctx, plan, inAt, outAt, colAt);
    stage.finish(ctx, out, outAt);
  },
};
