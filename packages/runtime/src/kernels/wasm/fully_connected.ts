/**
 * FULLY_CONNECTED (float32) on WebAssembly SIMD: the GEMM with batches as rows, weights [units, depth]
 * packed once, fused bias and activation. Validation and output shapes come from the reference kernel.
 * Hybrid nodes (constant int8 weights, float input) run the integer GEMM on rows quantized at run time
 * (hybrid_plan.ts); asymmetric int8 weights use the reference kernel's dequantized weights instead.
 */
import type { FullyConnectedOptions } from '../../core/options.js';
import { fakeQuantizeRowsInt8, isHybridWeight } from '../common/hybrid.js';
import type { KernelRegistration } from '../kernel.js';
import { FULLY_CONNECTED_KERNEL, type FullyConnectedGeometry } from '../reference/fully_connected.js';
import { SLACK, scratchRegion } from './context.js';
import { isSymmetricInt8, planHybridGemm, runHybridFullyConnected, type HybridGemmPlan } from './hybrid_plan.js';
import { inputAddress, OutputStage, ScratchView } from './io.js';
import { packOnce } from './pack_cache.js';
import { simdSupported } from './module.js';
import { packChannels, packGemmF32, PANEL } from './pack.js';

export interface WasmFullyConnectedPrepared {
  readonly g: FullyConnectedGeometry;
  readonly weights: number;
  readonly bias: number;
  readonly inBytes: number;
  readonly stage: OutputStage;
  /** Hybrid nodes with asymmetric weights: where the int8-snapped input is written. */
  readonly snapped: ScratchView | null;
  /** Hybrid nodes with symmetric weights: the integer GEMM (then `weights`/`bias` are unused). */
  readonly hybrid: HybridGemmPlan | null;
}

export const FULLY_CONNECTED_WASM_KERNEL: KernelRegistration<FullyConnectedOptions, WasmFullyConnectedPrepared> = {
  op: FULLY_CONNECTED_KERNEL.op,
  name: 'FULLY_CONNECTED (float32, wasm simd)',
  simd: true,
  parseOptions: FULLY_CONNECTED_KERNEL.parseOptions,
  supports: (node) => {
    const [input, weights, bias] = node.inputs;
    return simdSupported() && input?.dtype === 'float32' && !!weights && weights.isConstant &&
      (weights.dtype === 'float32' || isHybridWeight(weights)) &&
      node.outputs[0]?.dtype === 'float32' && (!bias || (bias.dtype === 'float32' && bias.isConstant));
  },
  prepare: (node) => {
    const { geometry: g, hybrid } = FULLY_CONNECTED_KERNEL.prepare(node);
    const ctx = node.wasm;
    const weightsTensor = node.inputs[1]!;
    const bias = node.inputs[2] ? (node.inputs[2].data as Float32Array) : null;
    const inBytes = scratchRegion(g.batches * g.depth * 4);
    const stage = new OutputStage('f32', g.batches * g.units);
    if (hybrid && isSymmetricInt8(weightsTensor)) {
      const plan = packOnce(node, () => planHybridGemm(ctx, weightsTensor, g.units, g.depth, bias, g.actMin, g.actMax));
      // float input copy, one int8 row, one int16 row, output
      ctx.reserveScratch(inBytes + 2 * scratchRegion(g.depth * 3) + g.batches * g.units * 4 + SLACK);
      return { g, weights: 0, bias: 0, inBytes, stage, snapped: null, hybrid: plan };
    }
    const { weights, biasAt } = packOnce(node, () => ({
      weights: packGemmF32(ctx, hybrid ? hybrid.weights : (weightsTensor.data as Float32Array), g.units, g.depth),
      biasAt: packChannels(ctx, bias, g.units, PANEL, 'f32'),
    }));
    ctx.reserveScratch(inBytes + g.batches * g.units * 4 + SLACK);
    return {
      g, weights, bias: biasAt, inBytes, stage, snapped: hybrid ? new ScratchView(g.batches * g.depth) : null, hybrid: null,
    };
  },
  eval: (node, d) => {
    const { g } = d;
    const ctx = node.wasm;
    const base = ctx.scratch;
    const out = node.outputs[0]!.data as Float32Array;
    const input = node.inputs[0]!.data as Float32Array;
    if (d.hybrid) {
      const inAt = inputAddress(ctx, input, base, 'f32');
      const rowBytes = scratchRegion(g.depth * 3);
      const qAt = base + d.inBytes;
      const outAt = d.stage.address(ctx, out, qAt + 2 * rowBytes);
      runHybridFullyConnected(ctx, d.hybrid, g.batches, input, inAt, qAt, qAt + rowBytes, outAt);
      d.stage.finish(ctx, out, outAt);
      return;
    }
    let inAt = base;
    if (d.snapped) fakeQuantizeRowsInt8(input, d.snapped.view(ctx, base), g.batches, g.depth);
    else inAt = inputAddress(ctx, input, base, 'f32');
    const outAt = d.stage.address(ctx, out, base + d.inBytes);
    ctx.fn.gemm_f32(g.batches, g.units, g.depth, inAt, g.depth * 4, d.weights, d.bias, outAt, g.units * 4, g.actMin, g.actMax);
    d.stage.finish(ctx, out, outAt);
  },
};
