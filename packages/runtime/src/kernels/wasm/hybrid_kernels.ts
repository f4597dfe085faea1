/**
 * Hybrid (dynamic-range: float activations, constant symmetric int8 weights) CONV_2D and FULLY_CONNECTED on
 * WebAssembly SIMD, bit-exact with the TypeScript hybrid kernels (quantized/hybrid_*.ts), whose prepare
 * validates the node; the arithmetic is hybrid_plan.ts. DEPTHWISE_CONV_2D, BATCH_MATMUL and TRANSPOSE_CONV
 * hybrids stay on those kernels.
 */
import type { Conv2DOptions, FullyConnectedOptions } from '../../core/options.js';
import type { KernelRegistration, NodeSignature } from '../kernel.js';
import { CONV_2D_HYBRID_KERNEL } from '../quantized/hybrid_conv.js';
import { FULLY_CONNECTED_HYBRID_KERNEL } from '../quantized/hybrid_dense.js';
import {
  hybridDenseScratch, isSymmetricInt8, planHybridConv, planHybridGemm, runHybridConv, runHybridFullyConnected,
  type HybridConvPlan, type HybridGemmPlan, type HybridScratch,
} from './hybrid_plan.js';
import { inputAddress, OutputStage } from './io.js';
import { simdSupported } from './module.js';
import { packOnce } from './pack_cache.js';

/** Float input and output, constant symmetric int8 weights (per channel on axis 0), float or no bias. */
function isSimdHybrid(node: NodeSignature): boolean {
  const [input, weights, bias] = node.inputs;
  return simdSupported() && input?.dtype === 'float32' && node.outputs[0]?.dtype === 'float32' && !!weights &&
    weights.isConstant && isSymmetricInt8(weights) && (weights.quantization?.scale.length ?? 0) > 0 &&
    (!bias || (bias.dtype === 'float32' && bias.isConstant));
}

/** The scratch layout's offsets are relative to the scratch base; the input is used in place when it can be. */
function inputAt(ctx: Parameters<typeof inputAddress>[0], input: Float32Array, base: number, s: HybridScratch): number {
  return inputAddress(ctx, input, base + s.input, 'f32');
}

export interface WasmHybridConvPrepared {
  readonly plan: HybridConvPlan;
  readonly stage: OutputStage;
}

export const CONV_2D_HYBRID_WASM_KERNEL: KernelRegistration<Conv2DOptions, WasmHybridConvPrepared> = {
  op: CONV_2D_HYBRID_KERNEL.op,
  name: 'CONV_2D (hybrid int8 weights, wasm simd)',
  simd: true,
  parseOptions: CONV_2D_HYBRID_KERNEL.parseOptions,
  supports: (node) => isSimdHybrid(node) && node.inputs[0]!.shape.length === 4 && node.inputs[1]!.shape.length === 4 &&
    node.inputs[0]!.shape[3] === node.inputs[1]!.shape[3],
  prepare: (node) => {
    const { g, w } = CONV_2D_HYBRID_KERNEL.prepare(node);
    const ctx = node.wasm;
    const filter = node.inputs[1]!;
    const bias = node.inputs[2] ? w.bias : null;
    const gemm = packOnce(node, () => planHybridGemm(ctx, filter, g.outC, g.filterH * g.filterW * g.inC, bias, g.actMin, g.actMax));
    const plan = planHybridConv(g, gemm);
    ctx.reserveScratch(plan.scratch.bytes);
    return { plan, stage: new OutputStage('f32', g.batches * g.outH * g.outW * g.outC) };
  },
  eval: (node, d) => {
    const ctx = node.wasm;
    const base = ctx.scratch;
    const input = node.inputs[0]!.data as Float32Array;
    const out = node.outputs[0]!.data as Float32Array;
    const s = d.plan.scratch;
    const outAt = d.stage.address(ctx, out, base + s.output);
    runHybridConv(ctx, d.plan, input, inputAt(ctx, input, base, s), base, outAt);
    d.stage.finish(ctx, out, outAt);
  },
};

export interface WasmHybridDensePrepared {
  readonly gemm: HybridGemmPlan;
  readonly rows: number;
  readonly scratch: HybridScratch;
  readonly stage: OutputStage;
}

export const FULLY_CONNECTED_HYBRID_WASM_KERNEL: KernelRegistration<FullyConnectedOptions, WasmHybridDensePrepared> = {
  op: FULLY_CONNECTED_HYBRID_KERNEL.op,
  name: 'FULLY_CONNECTED (hybrid int8 weights, wasm simd)',
  simd: true,
  parseOptions: FULLY_CONNECTED_HYBRID_KERNEL.parseOptions,
  supports: isSimdHybrid,
  prepare: (node) => {
    const { units, depth, input, w, actMin, actMax } = FULLY_CONNECTED_HYBRID_KERNEL.prepare(node);
    const ctx = node.wasm;
    const weights = node.inputs[1]!;
    const bias = node.inputs[2] ? w.bias : null;
    const gemm = packOnce(node, () => planHybridGemm(ctx, weights, units, depth, bias, actMin, actMax));
    const scratch = hybridDenseScratch(gemm, input.rows);
    ctx.reserveScratch(scratch.bytes);
    return { gemm, rows: input.rows, scratch, stage: new OutputStage('f32', input.rows * units) };
  },
  eval: (node, d) => {
    const ctx = node.wasm;
    const base = ctx.scratch;
    const input = node.inputs[0]!.data as Float32Array;
    const out = node.outputs[0]!.data as Float32Array;
    const outAt = d.stage.address(ctx, out, base + d.scratch.output);
    runHybridFullyConnected(ctx, d.gemm, d.scratch, d.rows, input, inputAt(ctx, input, base, d.scratch), base, outAt);
    d.stage.finish(ctx, out, outAt);
  },
};
