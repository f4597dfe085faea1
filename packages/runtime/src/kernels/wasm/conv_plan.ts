/**
 * Float convolution as GEMM: packed weights and a tiling plan made once, then per image either a direct GEMM
 * (1×1, stride 1: the NHWC input already is the A matrix) or, a band of output rows at a time, im2col into a
 * cache-sized buffer followed by the GEMM with fused bias and activation.
 */
import type { Conv2DGeometry } from '../reference/conv_2d.js';
import { scratchRegion, type WasmContext } from './context.js';
import { packChannels, packGemmF32, PANEL } from './pack.js';

/** im2col bands are sized to stay in L2 alongside the packed weights. */
const BAND_BYTES = 128 * 1024;

export interface ConvPlanF32 {
  readonly g: Conv2DGeometry;
  readonly weights: number;
  readonly bias: number;
  /** 1×1 stride-1 convolution: no im2col. */
  readonly direct: boolean;
  /** Filter taps × input channels: the GEMM's K. */
  readonly k: number;
  readonly bandRows: number;
  /** Scratch bytes for input, im2col band and output, in that order. */
  readonly inBytes: number;
  readonly colBytes: number;
  readonly outBytes: number;
}

export function planConvF32(ctx: WasmContext, g: Conv2DGeometry, filter: Float32Array, bias: Float32Array | null): ConvPlanF32 {
  const { weights, bias: biasAt } = packConvF32(ctx, g, filter, bias);
  return layoutConvF32(g, weights, biasAt);
}

/** The filter as GEMM weights ([outC][filterH·filterW·inC]) and the bias, packed into wasm memory. */
export function packConvF32(
  ctx: WasmContext, g: Conv2DGeometry, filter: Float32Array, bias: Float32Array | null,
): { readonly weights: number; readonly bias: number } {
  const k = g.filterH * g.filterW * g.inC;
  return { weights: packGemmF32(ctx, filter, g.outC, k), bias: packChannels(ctx, bias, g.outC, PANEL, 'f32') };
}

/** The plan around weights and bias already packed (at those wasm addresses) as [outC][filterH·filterW·inC]. */
export function layoutConvF32(g: Conv2DGeometry, weights: number, bias: number): ConvPlanF32 {
  const k = g.filterH * g.filterW * g.inC;
  const direct = g.filterH === 1 && g.filterW === 1 && g.strideH === 1 && g.strideW === 1 && g.padTop === 0 && g.padLeft === 0;
  const rowBytes = Math.max(1, g.outW * k * 4);
  const bandRows = Math.max(1, Math.min(g.outH, Math.floor(BAND_BYTES / rowBytes)));
  return {
    g,
    weights,
    bias,
    direct,
    k,
    bandRows,
    inBytes: scratchRegion(g.batches * g.inH * g.inW * g.inC * 4),
    colBytes: direct ? 0 : scratchRegion(bandRows * g.outW * k * 4),
    outBytes: scratchRegion(g.batches * g.outH * g.outW * g.outC * 4),
  };
}


/** Runs the convolution from `inAt` to `outAt` (byte addresses in wasm memory), using `colAt` for im2col. */
export function runConvF32(ctx: WasmContext, p: ConvPlanF32, inAt: number, outAt: number, colAt: number): void {
  const { g, k } = p;
  const f = ctx.fn;
  const inImage = g.inH * g.inW * g.inC * 4;
  const outImage = g.outH * g.outW * g.outC * 4;
  const outRow = g.outW * g.outC * 4;
  for (let b = 0; b < g.batches; b++) {
    const input = inAt + b * inImage;
    const output = outAt + b * outImage;
    if (p.direct) {
      f.gemm_f32(g.outH * g.outW, g.outC, k, input, g.inC * 4, p.weights, p.bias, output, g.outC * 4, g.actMin, g.actMax);
      continue;
    }
    for (let oy = 0; oy < g.outH; oy += p.bandRows) {
      const rows = Math.min(p.bandRows, g.outH - oy);
      f.im2col_f32(input, g.inH, g.inW, g.inC, g.outW, g.filterH, g.filterW, g.strideH, g.strideW, g.dilationH,
        g.dilationW, g.padTop, g.padLeft, oy, rows, colAt);
      f.gemm_f32(rows * g.outW, g.outC, k, colAt, k * 4, p.weights, p.bias, output + oy * outRow, g.outC * 4,
        g.actMin, g.actMax);
    }
  }
}
