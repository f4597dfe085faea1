/**
 * The float pooling registrations' shared body: geometry and validation from the reference kernel's
 * prepare, then one wasm call per image with input and output staged through scratch.
 */
import type { Pool2DOptions } from '../../core/options.js';
import type { PoolGeometry } from '../common/pool_geometry.js';
import type { KernelRegistration } from '../kernel.js';
import { SLACK, scratchRegion } from './context.js';
import { inputAddress, OutputStage } from './io.js';
import { simdSupported } from './module.js';

export interface WasmPoolPrepared {
  readonly g: PoolGeometry;
  readonly inBytes: number;
  readonly stage: OutputStage;
}

export function wasmPoolKernel(
  reference: KernelRegistration<Pool2DOptions, PoolGeometry>, fn: 'max_pool_f32' | 'avg_pool_f32', name: string,
): KernelRegistration<Pool2DOptions, WasmPoolPrepared> {
  return {
    op: reference.op,
    name,
    simd: true,
    parseOptions: reference.parseOptions,
    supports: (node) => simdSupported() && node.inputs[0]?.dtype === 'float32' && node.outputs[0]?.dtype === 'float32',
    prepare: (node) => {
      const g = reference.prepare(node);
      const ctx = node.wasm;
      const inBytes = scratchRegion(g.batches * g.inH * g.inW * g.channels * 4);
      const outElems = g.batches * g.outH * g.outW * g.channels;
      ctx.reserveScratch(inBytes + outElems * 4 + SLACK);
      return { g, inBytes, stage: new OutputStage('f32', outElems) };
    },
    eval: (node, { g, inBytes, stage }) => {
      const ctx = node.wasm;
      const base = ctx.scratch;
      const out = node.outputs[0]!.data as Float32Array;
      const inAt = inputAddress(ctx, node.inputs[0]!.data as Float32Array, base, 'f32');
      const outAt = stage.address(ctx, out, base + inBytes);
      const inImage = g.inH * g.inW * g.channels * 4;
      const outImage = g.outH * g.outW * g.channels * 4;
      for (let b = 0; b < g.batches; b++) {
        ctx.fn[fn](inAt + b * inImage, g.inH, g.inW, g.channels, g.outH, g.outW, g.filterH, g.filterW, g.strideH, g.strideW,
          g.padTop, g.padLeft, outAt + b * outImage, g.actMin, g.actMax);
      }
      stage.finish(ctx, out, outAt);
    },
  };
}
