/**
 * FULLY_CONNECTED (float32) on WebAssembly SIMD: the GEMM with batches as rows, weights [units, depth]
 * packed once, fused bias and activation. Validation and output shapes come from the reference kernel.
 * Hybrid nodes (int8 weights) are hybrid_kernels.ts's.
 */
import type { FullyConnectedOptions } from '../../core/options.js';
import type { KernelRegistration } from '../kernel.js';
import { FULLY_CONNECTED_KERNEL, type FullyConnectedGeometry } from '../reference/fully_connected.js';
import { SLACK, scratchRegion } from './context.js';
import { inputAddress, OutputStage } from './io.js';
import { packOnce } from './pack_cache.js';
import { simdSupported } from './module.js';
import { packChannels, packGemmF32, PANEL } from './pack.js';

export interface WasmFullyConnectedPrepared {
  readonly g: FullyConnectedGeometry;
  readonly weights: number;
  readonly bias: number;
  readonly inBytes: number;
  readonly stage: OutputStage;
}

export const FULLY_CONNECTED_WASM_KERNEL: KernelRegistration<FullyConnectedOptions, WasmFullyConnectedPrepared> = {
  op: FULLY_CONNECTED_KERNEL.op,
  name: 'FULLY_CONNECTED (float32, wasm simd)',
  simd: true,
  parseOptions: FULLY_CONNECTED_KERNEL.parseOptions,
  supports: (node) => {
    const [input, weights, bias] = node.inputs;
    return simdSupported() && input?.dtype === 'float32' && !!weights && weights.isConstant && weights.dtype === 'float32' &&
      node.outputs[0]?.dtype === 'float32' && (!bias || (bias.dtype === 'float32' && bias.isConstant));
  },
  prepare: (node) => {
    const { geometry: g } = FULLY_CONNECTED_KERNEL.prepare(node);
    const ctx = node.wasm;
    const bias = node.inputs[2] ? (node.inputs[2].data as Float32Array) : null;
    const { weights, biasAt } = packOnce(node, () => ({
      weights: packGemmF32(ctx, node.inputs[1]!.data as Float32Array, g.units, g.depth),
      biasAt: packChannels(ctx, bias, g.units, PANEL, 'f32'),
    }));
    const inBytes = scratchRegion(g.batches * g.depth * 4);
    ctx.reserveScratch(inBytes + g.batches * g.units * 4 + SLACK);
    return { g, weights, bias: biasAt, inBytes, stage: new OutputStage('f32', g.batches * g.units) };
  },
  eval: (node, d) => {
    const { g } = d;
    const ctx = node.wasm;
    const base = ctx.scratch;
    const out = node.outputs[0]!.data as Float32Array;
    const inAt = inputAddress(ctx, node.inputs[0]!.data as Float32Array, base, 'f32');
    const outAt = d.stage.address(ctx, out, base + d.inBytes);
    ctx.fn.gemm_f32(g.batches, g.units, g.depth, inAt, g.depth * 4, d.weights, d.bias, outAt, g.units * 4, g.actMin, g.actMax);
    d.stage.finish(ctx, out, outAt);
  },
};
