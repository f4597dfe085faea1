/**
 * CONV_2D (int8 and uint8) on WebAssembly SIMD: im2col widening the 8-bit input to int16 minus its zero point,
 * then the pairwise i16 dot-product GEMM with the fused requantization of emit_requant.ts — bit-exact with the
 * TypeScript kernel the resolver would otherwise pick (int8_params.ts), whose prepare validates the node and
 * supplies every parameter. uint8 filters carry a zero point: the packed weights are w − filter zero point.
 */
import type { Conv2DOptions } from '../../core/options.js';
import type { KernelRegistration } from '../kernel.js';
import { CONV_2D_QUANTIZED_KERNEL, CONV_2D_QUANTIZED_XNNPACK_KERNEL } from '../quantized/conv_2d.js';
import type { Conv2DGeometry } from '../reference/conv_2d.js';
import { scratchRegion, type WasmContext } from './context.js';
import { canMatchReference, isByteWeightedNode, packStage8, referenceFor, zeroCenteredFilter, type Stage8 } from './int8_params.js';
import { inputAddress, OutputStage } from './io.js';
import { simdSupported } from './module.js';
import { packGemmI8, PANEL, roundUp } from './pack.js';
import { packOnce } from './pack_cache.js';

const BAND_BYTES = 128 * 1024;

export interface WasmConv2DInt8Prepared {
  readonly g: Conv2DGeometry;
  readonly weights: number;
  readonly stage8: Stage8;
  readonly unsignedInput: boolean;
  /** K rounded up to even (pairs for the dot product). */
  readonly kPadded: number;
  readonly bandRows: number;
  readonly inBytes: number;
  readonly colBytes: number;
  readonly stage: OutputStage;
}

export function runConvInt8(ctx: WasmContext, d: WasmConv2DInt8Prepared, inAt: number, outAt: number, colAt: number): void {
  const { g, kPadded, stage8: s } = d;
  const f = ctx.fn;
  const im2col = d.unsignedInput ? f.im2col_u8 : f.im2col_i8;
  const gemm = f.gemm8[s.flavour];
  const inImage = g.inH * g.inW * g.inC;
  const outImage = g.outH * g.outW * g.outC;
  for (let b = 0; b < g.batches; b++) {
    for (let oy = 0; oy < g.outH; oy += d.bandRows) {
      const rows = Math.min(d.bandRows, g.outH - oy);
      im2col(inAt + b * inImage, g.inH, g.inW, g.inC, g.outW, g.filterH, g.filterW, g.strideH, g.strideW,
        g.dilationH, g.dilationW, g.padTop, g.padLeft, oy, rows, colAt, s.inputOffset, kPadded * 2);
      gemm(rows * g.outW, g.outC, kPadded / 2, colAt, kPadded * 2, d.weights, s.bias, outAt + b * outImage + oy * g.outW * g.outC,
        g.outC, s.params, s.outputOffset, s.actMin, s.actMax, s.left, s.right);
    }
  }
}

export const CONV_2D_INT8_WASM_KERNEL: KernelRegistration<Conv2DOptions, WasmConv2DInt8Prepared> = {
  op: CONV_2D_QUANTIZED_XNNPACK_KERNEL.op,
  name: 'CONV_2D (int8/uint8, wasm simd)',
  simd: true,
  parseOptions: CONV_2D_QUANTIZED_XNNPACK_KERNEL.parseOptions,
  supports: (node) => {
    const [input, filter] = node.inputs;
    return simdSupported() && isByteWeightedNode(node) && canMatchReference(node, CONV_2D_QUANTIZED_XNNPACK_KERNEL) &&
      input!.shape.length === 4 && filter!.shape.length === 4 && input!.shape[3] === filter!.shape[3];
  },
  prepare: (node) => {
    const { g, q } = referenceFor(node, CONV_2D_QUANTIZED_XNNPACK_KERNEL, CONV_2D_QUANTIZED_KERNEL).prepare(node);
    const ctx = node.wasm;
    const dtype = node.inputs[0]!.dtype as 'int8' | 'uint8';
    const k = g.filterH * g.filterW * g.inC;
    const kPadded = roundUp(k, 2);
    const bandRows = Math.max(1, Math.min(g.outH, Math.floor(BAND_BYTES / Math.max(1, g.outW * kPadded * 2))));
    const d: WasmConv2DInt8Prepared = {
      g, ...packOnce(node, () => ({
        weights: packGemmI8(ctx, zeroCenteredFilter(node.inputs[1]!, q), g.outC, k), stage8: packStage8(ctx, q, g.outC, PANEL, dtype),
      })),
      unsignedInput: dtype === 'uint8', kPadded, bandRows,
      inBytes: scratchRegion(g.batches * g.inH * g.inW * g.inC), colBytes: scratchRegion(bandRows * g.outW * kPadded * 2),
      stage: new OutputStage('i8', g.batches * g.outH * g.outW * g.outC),
    };
    ctx.reserveScratch(d.inBytes + d.colBytes + scratchRegion(g.batches * g.outH * g.outW * g.outC));
    return d;
  },
  eval: (node, d) => {
    const ctx = node.wasm;
    const base = ctx.scratch;
    const out = node.outputs[0]!.data as Int8Array;
    const inAt = inputAddress(ctx, node.inputs[0]!.data as Int8Array, base, 'i8');
    const colAt = base + d.inBytes;
    const outAt = d.stage.address(ctx, out, colAt + d.colBytes);
    runConvInt8(ctx, d, inAt, outAt, colAt);
    d.stage.finish(ctx, out, outAt);
  },
};
