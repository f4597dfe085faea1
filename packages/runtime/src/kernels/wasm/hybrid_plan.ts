/**
 * Hybrid (dynamic-range) CONV_2D and FULLY_CONNECTED: int8 weights, float activations. As XNNPACK does, each
 * image (or row) is quantized to int8 at run time with its own range, multiplied with the int8 weights by the
 * pairwise i16 dot-product GEMM (twice the multiply-adds per instruction of float32), and the int32 sums are
 * scaled back to float with the fused bias and activation. The int8 values are exactly the grid the
 * TypeScript kernel snaps inputs to (common/hybrid.ts), so results differ from it only by float rounding.
 */
import type { RuntimeTensor } from '../kernel.js';
import type { Conv2DGeometry } from '../reference/conv_2d.js';
import { scratchRegion, type WasmContext } from './context.js';
import { dynamicInt8Params } from './dynamic_quant.js';
import { packChannels, packGemmI8, PANEL, roundUp } from './pack.js';

const BAND_BYTES = 128 * 1024;

/** True when the int8 weights are symmetric (all zero points 0), which the integer GEMM assumes. */
export function isSymmetricInt8(t: RuntimeTensor): boolean {
  return t.dtype === 'int8' && !!t.quantization && t.quantization.zeroPoint.every((z) => z === 0) &&
    t.quantization.quantizedDimension === 0;
}

export interface HybridGemmPlan {
  /** Rows of the GEMM per quantization group (one image, or one FC row). */
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

export interface HybridConvPlan {
  readonly g: Conv2DGeometry;
  readonly gemm: HybridGemmPlan;
  readonly bandRows: number;
  /** Scratch: float input copy, int8 image, im2col band, float output — in that order. */
  readonly inBytes: number;
  readonly qBytes: number;
  readonly colBytes: number;
  readonly outBytes: number;
}

/** The convolution around its packed GEMM (planHybridGemm with n = outC, k = filterH·filterW·inC). */
export function planHybridConv(g: Conv2DGeometry, gemm: HybridGemmPlan): HybridConvPlan {
  const bandRows = Math.max(1, Math.min(g.outH, Math.floor(BAND_BYTES / Math.max(1, g.outW * gemm.kPadded * 2))));
  return {
    g, gemm, bandRows, inBytes: scratchRegion(g.batches * g.inH * g.inW * g.inC * 4), qBytes: scratchRegion(g.inH * g.inW * g.inC),
    colBytes: scratchRegion(bandRows * g.outW * gemm.kPadded * 2), outBytes: scratchRegion(g.batches * g.outH * g.outW * g.outC * 4),
  };
}

/** `input` is the float input (read for the ranges); `inAt` its copy in wasm memory. */
export function runHybridConv(
  ctx: WasmContext, p: HybridConvPlan, input: Float32Array, inAt: number, qAt: number, colAt: number, outAt: number,
): void {
  const { g, gemm } = p;
  const f = ctx.fn;
  const image = g.inH * g.inW * g.inC;
  for (let b = 0; b < g.batches; b++) {
    const q = dynamicInt8Params(input, b * image, image);
    f.quantize_i8(inAt + b * image * 4, image, qAt, q.invScale, q.zeroPoint);
    const out = outAt + b * g.outH * g.outW * g.outC * 4;
    for (let oy = 0; oy < g.outH; oy += p.bandRows) {
      const rows = Math.min(p.bandRows, g.outH - oy);
      f.im2col_i8(qAt, g.inH, g.inW, g.inC, g.outW, g.filterH, g.filterW, g.strideH, g.strideW, g.dilationH,
        g.dilationW, g.padTop, g.padLeft, oy, rows, colAt, -q.zeroPoint, gemm.kPadded * 2);
      f.gemm_i8f(rows * g.outW, g.outC, gemm.kPadded / 2, colAt, gemm.kPadded * 2, gemm.weights, gemm.bias,
        out + oy * g.outW * g.outC * 4, g.outC * 4, gemm.scales, q.scale, gemm.actMin, gemm.actMax);
    }
  }
}

/** Hybrid FULLY_CONNECTED: each of `rows` input rows quantized with its own range. */
export function runHybridFullyConnected(
  ctx: WasmContext, p: HybridGemmPlan, rows: number, input: Float32Array, inAt: number, qAt: number, rowAt: number, outAt: number,
): void {
  const f = ctx.fn;
  for (let r = 0; r < rows; r++) {
    const q = dynamicInt8Params(input, r * p.k, p.k);
    f.quantize_i8(inAt + r * p.k * 4, p.k, qAt, q.invScale, q.zeroPoint);
    f.im2col_i8(qAt, 1, 1, p.k, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 1, rowAt, -q.zeroPoint, p.kPadded * 2);
    f.gemm_i8f(1, p.n, p.kPadded / 2, rowAt, p.kPadded * 2, p.weights, p.bias, outAt + r * p.n * 4, p.n * 4, p.scales,
      q.scale, p.actMin, p.actMax);
  }
}
