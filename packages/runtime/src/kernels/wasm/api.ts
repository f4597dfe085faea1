/**
 * The GEMM and convolution kernels as plain functions, usable without the interpreter (the training package
 * builds TensorFlow.js kernels on them). Float32, NHWC/OHWI like TFLite. Weights are packed once into wasm
 * memory and may be re-packed in place (same shape) after each optimizer step; activations are copied in and
 * out per call. Every function works in the WasmContext it is given, which its caller owns (create one with
 * `new WasmContext()`, which throws UnsupportedError when WebAssembly SIMD is missing: check
 * `simdSupported()` first and fall back to TypeScript).
 */
import type { Conv2DGeometry } from '../reference/conv_2d.js';
import { alignUp, type WasmContext } from './context.js';
import { layoutConvF32, planConvF32, runConvF32, type ConvPlanF32 } from './conv_plan.js';
import { packChannels, packGemmF32, PANEL } from './pack.js';

export interface Activation {
  readonly min: number;
  readonly max: number;
}

const NONE: Activation = { min: -Infinity, max: Infinity };

/** A [n × k] weight matrix (row n = one output) with its bias, packed for `gemm`. */
export interface PackedGemmWeights {
  readonly n: number;
  readonly k: number;
  readonly weights: number;
  readonly bias: number;
}

/** Packs row-major [n][k] weights and an optional bias; pass `into` to overwrite an earlier packing in place. */
export function packGemmWeights(
  ctx: WasmContext, weights: Float32Array, n: number, k: number, bias: Float32Array | null = null, into?: PackedGemmWeights,
): PackedGemmWeights {
  if (into && (into.n !== n || into.k !== k)) throw new RangeError(`cannot re-pack [${n}x${k}] into [${into.n}x${into.k}]`);
  if (!into) return { n, k, weights: packGemmF32(ctx, weights, n, k), bias: packChannels(ctx, bias, n, PANEL, 'f32') };
  // Same shape: overwrite the earlier panels and bias where they are (no new wasm memory).
  const f32 = ctx.f32;
  const panels = Math.ceil(n / PANEL);
  for (let col = 0; col < n; col++) {
    let o = (into.weights >>> 2) + Math.floor(col / PANEL) * k * PANEL + (col % PANEL);
    for (let kk = 0; kk < k; kk++, o += PANEL) f32[o] = weights[col * k + kk]!;
  }
  f32.fill(0, into.bias >>> 2, (into.bias >>> 2) + panels * PANEL);
  if (bias) f32.set(bias.subarray(0, n), into.bias >>> 2);
  return into;
}

/** out[m × n] = clamp(a[m × k] · weightsᵀ + bias). */
export function gemm(
  ctx: WasmContext, a: Float32Array, m: number, w: PackedGemmWeights, out: Float32Array, act: Activation = NONE,
): void {
  const aBytes = alignUp(m * w.k * 4 + 48, 16);
  ctx.reserveScratch(aBytes + m * w.n * 4 + 64);
  const aAt = ctx.scratch;
  const outAt = aAt + aBytes;
  ctx.f32.set(a.subarray(0, m * w.k), aAt >>> 2);
  ctx.fn.gemm_f32(m, w.n, w.k, aAt, w.k * 4, w.weights, w.bias, outAt, w.n * 4, act.min, act.max);
  out.set(ctx.f32.subarray(outAt >>> 2, (outAt >>> 2) + m * w.n));
}

/** A convolution's geometry (see reference/conv_2d.ts; groups must be 1) with its packed filter and bias. */
export type PackedConv2D = ConvPlanF32;

/** Packs an OHWI filter [outC, fH, fW, inC] and optional bias for `conv2dIm2col` with geometry `g`. */
export function packConv2D(
  ctx: WasmContext, g: Conv2DGeometry, filter: Float32Array, bias: Float32Array | null = null,
): PackedConv2D {
  if (g.groups !== 1) throw new RangeError('conv2dIm2col supports one group only');
  return planConvF32(ctx, g, filter, bias);
}

/** output (NHWC) = clamp(conv2d(input NHWC, filter) + bias) via im2col + GEMM; geometry as packed. */
export function conv2dIm2col(ctx: WasmContext, input: Float32Array, p: PackedConv2D, output: Float32Array): void {
  ctx.reserveScratch(p.inBytes + p.colBytes + p.outBytes);
  const inAt = ctx.scratch;
  const colAt = inAt + p.inBytes;
  const outAt = colAt + p.colBytes;
  const g = p.g;
  ctx.f32.set(input.subarray(0, g.batches * g.inH * g.inW * g.inC), inAt >>> 2);
  runConvF32(ctx, p, inAt, outAt, colAt);
  output.set(ctx.f32.subarray(outAt >>> 2, (outAt >>> 2) + g.batches * g.outH * g.outW * g.outC));
}

/**
 * conv2dIm2col with the filter given as GEMM weights from `packGemmWeights` ([outC][filterH·filterW·inC] rows,
 * OHWI order): for filters that change every step (training), re-packed in place instead of re-planned.
 */
export function conv2dIm2colGemm(
  ctx: WasmContext, input: Float32Array, g: Conv2DGeometry, w: PackedGemmWeights, output: Float32Array,
): void {
  if (g.groups !== 1) throw new RangeError('conv2dIm2colGemm supports one group only');
  const k = g.filterH * g.filterW * g.inC;
  if (w.n !== g.outC || w.k !== k) throw new RangeError(`weights [${w.n}x${w.k}] do not fit a convolution with [${g.outC}x${k}]`);
  conv2dIm2col(ctx, input, layoutConvF32(g, w.weights, w.bias), output);
}
