/**
 * The pooling registrations' shared body: geometry and validation from the reference kernel's prepare, then
 * one wasm call per image with input and output staged through scratch. Float pools, and the 8-bit max pool
 * (int8 or uint8, bounds in the quantized domain from the quantized kernel's prepare).
 */
import type { Pool2DOptions } from '../../core/options.js';
import type { PoolGeometry } from '../common/pool_geometry.js';
import type { KernelRegistration } from '../kernel.js';
import { SLACK, scratchRegion } from './context.js';
import { inputAddress, OutputStage } from './io.js';
import { simdSupported } from './module.js';

export interface WasmPoolPrepared {
  readonly g: PoolGeometry;
  readonly fn: PoolFunction;
  readonly inBytes: number;
  readonly stage: OutputStage;
}

type PoolFunction = 'max_pool_f32' | 'avg_pool_f32' | 'max_pool_i8' | 'max_pool_u8';

/** A float pool (`fn` for float32 nodes) or the 8-bit max pool (`fn` 'max_pool_8bit': int8 or uint8 nodes). */
export function wasmPoolKernel(
  reference: KernelRegistration<Pool2DOptions, PoolGeometry>, fn: 'max_pool_f32' | 'avg_pool_f32' | 'max_pool_8bit', name: string,
): KernelRegistration<Pool2DOptions, WasmPoolPrepared> {
  const bytes = fn === 'max_pool_8bit';
  const elem = bytes ? 1 : 4;
  return {
    op: reference.op,
    name,
    simd: true,
    parseOptions: reference.parseOptions,
    supports: (node) => {
      const dtype = node.inputs[0]?.dtype;
      const ok = bytes ? dtype === 'int8' || dtype === 'uint8' : dtype === 'float32';
      return simdSupported() && ok && node.outputs[0]?.dtype === dtype;
    },
    prepare: (node) => {
      const g = reference.prepare(node);
      const ctx = node.wasm;
      const inBytes = scratchRegion(g.batches * g.inH * g.inW * g.channels * elem);
      const outElems = g.batches * g.outH * g.outW * g.channels;
      ctx.reserveScratch(inBytes + outElems * elem + SLACK);
      const chosen: PoolFunction = bytes ? (node.inputs[0]!.dtype === 'int8' ? 'max_pool_i8' : 'max_pool_u8') : fn as PoolFunction;
      return { g, fn: chosen, inBytes, stage: new OutputStage(bytes ? 'i8' : 'f32', outElems) };
    },
    eval: (node, { g, fn: f, inBytes, stage }) => {
      const ctx = node.wasm;
      const base = ctx.scratch;
      const out = node.outputs[0]!.data as Float32Array | Int8Array;
      const inAt = inputAddress(ctx, node.inputs[0]!.data as Float32Array | Int8Array, base, bytes ? 'i8' : 'f32');
      const outAt = stage.address(ctx, out, base + inBytes);
      const inImage = g.inH * g.inW * g.channels * elem;
      const outImage = g.outH * g.outW * g.channels * elem;
      for (let b = 0; b < g.batches; b++) {
        ctx.fn[f](inAt + b * inImage, g.inH, g.inW, g.channels, g.outH, g.outW, g.filterH, g.filterW, g.strideH, g.strideW,
          g.padTop, g.padLeft, outAt + b * outImage, g.actMin, g.actMax);
      }
      stage.finish(ctx, out, outAt);
    },
  };
}
