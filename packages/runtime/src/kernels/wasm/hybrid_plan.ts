/**
 * Hybrid (dynamic-range) CONV_2D and FULLY_CONNECTED: int8 weights, float activations, bit for bit what LiteRT
 * computes (quantized/hybrid_*.ts are the TypeScript form): the input is quantized to int8 at run time with
 * XNNPACK's parameters (common/hybrid_quantize.ts) — per image for convolutions, per pixel for 1×1 stride-1
 * ones (XNNPACK runs those as fully connected), per row for dense layers — multiplied with the int8 weights by
 * the pairwise i16 dot-product GEMM, and each int32 sum is scaled back as (float)acc · input scale · weight
 * scale + bias, rounded to float32 at every step.
 */
import { xnnpackRowParams } from '../common/hybrid_quantize.js';
import type { RuntimeTensor } from '../kernel.js';
import type { Conv2DGeometry } from '../reference/conv_2d.js';
import { scratchRegion, type WasmContext } from './context.js';
import { packChannels, packGemmI8, PANEL, roundUp } from './pack.js';

const BAND_BYTES = 128 * 1024;

/** True when the int8 weights are symmetric (all zero points 0) and per channel on axis 0, as the GEMM takes them. */
export function isSymmetricInt8(t: RuntimeTensor): boolean {
  return t.dtype === 'int8' && !!t.quantization && t.quantization.zeroPoint.every((z) => z === 0) &&
    t.quantization.quantizedDimension === 0;
}

export interface HybridGemmPlan {
  /** Output channels (GEMM columns) and the reduced dimension. */
  readonly n: number;
  readonly k: number;
  readonly kPadded: number;
  readonly weights: number;
  readonly scales: number;
  readonly bias: number;
  readonly actMin: number;
  readonly actMax: number;
}

export function planHybridGemm(
  ctx: WasmContext, filter: RuntimeTensor, n: number, k: number, bias: Float32Array | null, actMin: number, actMax: number,
): HybridGemmPlan {
  const scale = filter.quantization!.scale;
  const scales = Float32Array.from({ length: n }, (_, c) => scale[scale.length > 1 ? c : 0]!);
  return {
    n, k, kPadded: roundUp(k, 2), weights: packGemmI8(ctx, filter.data as Int8Array, n, k),
    scales: packChannels(ctx, scales, n, PANEL, 'f32'), bias: packChannels(ctx, bias, n, PANEL, 'f32'), actMin, actMax,
  };
}

/** Scratch of a hybrid run, as byte offsets from the scratch base, and its total. */
export interface HybridScratch {
  /** Float input copy (when the input is not in wasm memory). */
  readonly input: number;
  /** int8 codes (per image) or int16 rows (per row). */
  readonly codes: number;
  /** im2col band (per image). */
  readonly col: number;
  /** Float output copy. */
  readonly output: number;
  /** Per row: inverse scale and zero point (8 bytes), and the scale (4 bytes). */
  readonly params: number;
  readonly scales: number;
  readonly bytes: number;
}

function layout(parts: readonly number[]): number[] {
  const at: number[] = [];
  let end = 0;
  for (const bytes of parts) {
    at.push(end);
    end += scratchRegion(bytes);
  }
  at.push(end);
  return at;
}

/** Scratch for `rows` quantization rows of `k` values, optional im2col band, input and output of the given sizes. */
function scratchFor(inputFloats: number, codesBytes: number, colBytes: number, outputFloats: number, rows: number): HybridScratch {
  const [input, codes, col, output, params, scales, bytes] = layout([inputFloats * 4, codesBytes, colBytes, outputFloats * 4, rows * 8, rows * 4]);
  return { input: input!, codes: codes!, col: col!, output: output!, params: params!, scales: scales!, bytes: bytes! };
}

export interface HybridConvPlan {
  readonly g: Conv2DGeometry;
  readonly gemm: HybridGemmPlan;
  /** 1×1 stride-1: every pixel is a quantization row and the int16 rows are the A matrix (no im2col). */
  readonly perPixel: boolean;
  readonly bandRows: number;
  readonly scratch: HybridScratch;
}

/** The convolution around its packed GEMM (planHybridGemm with n = outC, k = filterH·filterW·inC). */
export function planHybridConv(g: Conv2DGeometry, gemm: HybridGemmPlan): HybridConvPlan {
  const perPixel = g.filterH === 1 && g.filterW === 1 && g.strideH === 1 && g.strideW === 1 && g.padTop === 0 && g.padLeft === 0;
  const pixels = g.inH * g.inW;
  const inputFloats = g.batches * pixels * g.inC;
  const outputFloats = g.batches * g.outH * g.outW * g.outC;
  if (perPixel) {
    return { g, gemm, perPixel, bandRows: g.outH, scratch: scratchFor(inputFloats, pixels * gemm.kPadded * 2, 0, outputFloats, pixels) };
  }
  const bandRows = Math.max(1, Math.min(g.outH, Math.floor(BAND_BYTES / Math.max(1, g.outW * gemm.kPadded * 2))));
  return {
    g, gemm, perPixel, bandRows, scratch: scratchFor(inputFloats, pixels * g.inC, bandRows * g.outW * gemm.kPadded * 2, outputFloats, 1),
  };
}

/**
 * XNNPACK's parameters of `rows` rows of `k` floats from element `start` of `input`, written at byte `at`
 * (inverse scale, zero point per row) and their scales at byte `scalesAt`.
 */
function rowParams(ctx: WasmContext, input: Float32Array, start: number, rows: number, k: number, at: number, scalesAt: number): void {
  const f32 = ctx.f32;
  const i32 = ctx.i32;
  for (let r = 0; r < rows; r++) {
    const p = xnnpackRowParams(input, start + r * k, k);
    f32[(at >>> 2) + 2 * r] = p.inverseScale;
    i32[(at >>> 2) + 2 * r + 1] = p.zeroPoint;
    f32[(scalesAt >>> 2) + r] = p.scale;
  }
}

/** `input` is the float input (read for the ranges), `inAt` its address in wasm memory; `base` the scratch. */
export function runHybridConv(ctx: WasmContext, p: HybridConvPlan, input: Float32Array, inAt: number, base: number, outAt: number): void {
  const { g, gemm, scratch: s } = p;
  const f = ctx.fn;
  const pixels = g.inH * g.inW;
  const image = pixels * g.inC;
  for (let b = 0; b < g.batches; b++) {
    const out = outAt + b * g.outH * g.outW * g.outC * 4;
    if (p.perPixel) {
      rowParams(ctx, input, b * image, pixels, g.inC, base + s.params, base + s.scales);
      f.quantize_rows_i16(inAt + b * image * 4, pixels, g.inC, base + s.codes, gemm.kPadded * 2, base + s.params);
      f.gemm_i8f(pixels, g.outC, gemm.kPadded / 2, base + s.codes, gemm.kPadded * 2, gemm.weights, gemm.bias, out, g.outC * 4,
        gemm.scales, base + s.scales, 4, gemm.actMin, gemm.actMax);
      continue;
    }
    const q = xnnpackRowParams(input, b * image, image);
    ctx.f32[(base + s.scales) >>> 2] = q.scale;
    f.quantize_i8(inAt + b * image * 4, image, base + s.codes, q.inverseScale, q.zeroPoint);
    for (let oy = 0; oy < g.outH; oy += p.bandRows) {
      const rows = Math.min(p.bandRows, g.outH - oy);
      f.im2col_i8(base + s.codes, g.inH, g.inW, g.inC, g.outW, g.filterH, g.filterW, g.strideH, g.strideW, g.dilationH,
        g.dilationW, g.padTop, g.padLeft, oy, rows, base + s.col, -q.zeroPoint, gemm.kPadded * 2);
      f.gemm_i8f(rows * g.outW, g.outC, gemm.kPadded / 2, base + s.col, gemm.kPadded * 2, gemm.weights, gemm.bias,
        out + oy * g.outW * g.outC * 4, g.outC * 4, gemm.scales, base + s.scales, 0, gemm.actMin, gemm.actMax);
    }
  }
}

/** Scratch for a hybrid FULLY_CONNECTED of `rows` rows. */
export function hybridDenseScratch(p: HybridGemmPlan, rows: number): HybridScratch {
  return scratchFor(rows * p.k, rows * p.kPadded * 2, 0, rows * p.n, rows);
}

/** Hybrid FULLY_CONNECTED: each of `rows` input rows quantized with its own range, one GEMM over all of them. */
export function runHybridFullyConnected(
  ctx: WasmContext, p: HybridGemmPlan, s: HybridScratch, rows: number, input: Float32Array, inAt: number, base: number, outAt: number,
): void {
  const f = ctx.fn;
  rowParams(ctx, input, 0, rows, p.k, base + s.params, base + s.scales);
  f.quantize_rows_i16(inAt, rows, p.k, base + s.codes, p.kPadded * 2, base + s.params);
  f.gemm_i8f(rows, p.n, p.kPadded / 2, base + s.codes, p.kPadded * 2, p.weights, p.bias, outAt, p.n * 4, p.scales,
    base + s.scales, 4, p.actMin, p.actMax);
}
