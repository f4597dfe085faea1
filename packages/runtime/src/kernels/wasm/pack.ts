/**
 * Prepare-time packing of weights into the micro-kernels' layouts, written straight into wasm memory.
 * Layouts are described in emit_gemm.ts and emit_depthwise.ts.
 */
import type { WasmContext } from './context.js';

export const PANEL = 8;

export function roundUp(n: number, to: number): number {
  return Math.ceil(n / to) * to;
}

/**
 * Float GEMM B operand from row-major [N][K] weights (a CONV_2D filter OHWI flattened per output channel,
 * or FULLY_CONNECTED weights): panels of 8 columns, K rows of 8 floats each, zeros past N. Returns its offset.
 */
export function packGemmF32(ctx: WasmContext, weights: ArrayLike<number>, n: number, k: number): number {
  const panels = Math.ceil(n / PANEL);
  const at = ctx.alloc(panels * k * PANEL * 4);
  const f32 = ctx.f32;
  const base = at >>> 2;
  f32.fill(0, base, base + panels * k * PANEL);
  for (let col = 0; col < n; col++) {
    const p = Math.floor(col / PANEL);
    const j = col % PANEL;
    let o = base + p * k * PANEL + j;
    for (let kk = 0, w = col * k; kk < k; kk++, w++, o += PANEL) f32[o] = weights[w]!;
  }
  return at;
}

/**
 * int8 GEMM B operand from [N][K] weights (already minus their zero point): per panel and K pair, 8 column
 * pairs (w[k], w[k+1]) of int16, so `i32x4.dot_i16x8_s` against a broadcast (x[k], x[k+1]) sums two steps.
 */
export function packGemmI8(ctx: WasmContext, weights: ArrayLike<number>, n: number, k: number): number {
  const pairs = Math.ceil(k / 2);
  const panels = Math.ceil(n / PANEL);
  const at = ctx.alloc(panels * pairs * 32);
  const i16 = ctx.i16;
  const base = at >>> 1;
  i16.fill(0, base, base + panels * pairs * 16);
  for (let col = 0; col < n; col++) {
    // Column col's K pairs sit 16 int16 apart in its panel, at lane j·2.
    let o = base + Math.floor(col / PANEL) * pairs * 16 + (col % PANEL) * 2;
    const w = col * k;
    for (let kk = 0; kk + 1 < k; kk += 2, o += 16) {
      i16[o] = weights[w + kk]!;
      i16[o + 1] = weights[w + kk + 1]!;
    }
    if (k & 1) i16[o] = weights[w + k - 1]!;
  }
  return at;
}

/** Per-channel values (bias, scales) padded with zeros to a multiple of `to`: float32 or int32. */
export function packChannels(ctx: WasmContext, values: ArrayLike<number> | null, n: number, to: number, kind: 'f32' | 'i32'): number {
  const padded = roundUp(Math.max(n, 1), to);
  const at = ctx.alloc(padded * 4);
  const view = kind === 'f32' ? ctx.f32 : ctx.i32;
  view.fill(0, at >>> 2, (at >>> 2) + padded);
  if (values) for (let i = 0; i < n; i++) view[(at >>> 2) + i] = values[i]!;
  return at;
}

/**
 * Depthwise weights from a [1, fH, fW, C] filter: [taps][C padded to `lanes`], float32 or int16.
 */
export function packDepthwise(
  ctx: WasmContext, filter: ArrayLike<number>, taps: number, channels: number, lanes: number, kind: 'f32' | 'i16',
): number {
  const cPad = roundUp(channels, lanes);
  const at = ctx.alloc(taps * cPad * (kind === 'f32' ? 4 : 2));
  const view = kind === 'f32' ? ctx.f32 : ctx.i16;
  const base = kind === 'f32' ? at >>> 2 : at >>> 1;
  view.fill(0, base, base + taps * cPad);
  for (let t = 0; t < taps; t++) {
    for (let c = 0; c < channels; c++) view[base + t * cPad + c] = filter[t * channels + c]!;
  }
  return at;
}
