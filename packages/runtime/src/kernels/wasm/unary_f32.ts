/**
 * RELU, RELU6 and RELU_N1_TO_1 (float32) on WebAssembly SIMD (emit_elementwise.ts), with the reference
 * kernels' prepare and their exact comparisons (so NaN and −0 come out as theirs do).
 */
import type { KernelRegistration } from '../kernel.js';
import { RELU_KERNEL } from '../reference/relu.js';
import { RELU6_KERNEL } from '../reference/relu6.js';
import { RELU_N1_TO_1_KERNEL } from '../reference/relu_n1_to_1.js';
import { scratchRegion } from './context.js';
import { inputAddress, OutputStage } from './io.js';
import { simdSupported } from './module.js';

export interface WasmUnaryPrepared {
  readonly n: number;
  readonly inBytes: number;
  readonly stage: OutputStage;
}

/** `bounds` null: RELU (x > 0 ? x : 0); else the clamp x < lo ? lo : x > hi ? hi : x. */
function wasmClampKernel(reference: KernelRegistration<null, null>, bounds: [number, number] | null): KernelRegistration<null, WasmUnaryPrepared> {
  return {
    op: reference.op,
    name: `${reference.name.split(' ')[0]} (float32, wasm simd)`,
    simd: true,
    parseOptions: () => null,
    supports: (node) => simdSupported() && node.inputs[0]?.dtype === 'float32' && node.outputs[0]?.dtype === 'float32',
    prepare: (node) => {
      reference.prepare(node);
      const n = node.outputs[0]!.shape.reduce((a, b) => a * b, 1);
      const inBytes = scratchRegion(n * 4);
      node.wasm.reserveScratch(inBytes + scratchRegion(n * 4));
      return { n, inBytes, stage: new OutputStage('f32', n) };
    },
    eval: (node, d) => {
      const ctx = node.wasm;
      const out = node.outputs[0]!.data as Float32Array;
      const inAt = inputAddress(ctx, node.inputs[0]!.data as Float32Array, ctx.scratch, 'f32');
      const outAt = d.stage.address(ctx, out, ctx.scratch + d.inBytes);
      if (bounds) ctx.fn.clamp_f32(inAt, outAt, d.n, bounds[0], bounds[1]);
      else ctx.fn.relu_f32(inAt, outAt, d.n);
      d.stage.finish(ctx, out, outAt);
    },
  };
}

export const RELU_WASM_KERNEL = wasmClampKernel(RELU_KERNEL, null);
export const RELU6_WASM_KERNEL = wasmClampKernel(RELU6_KERNEL, [0, 6]);
export const RELU_N1_TO_1_WASM_KERNEL = wasmClampKernel(RELU_N1_TO_1_KERNEL, [-1, 1]);
