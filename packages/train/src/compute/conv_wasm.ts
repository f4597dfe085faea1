/**
 * Convolution passes on the runtime's WebAssembly GEMM that avoid JavaScript im2col/col2im and extra copies of
 * the patch matrix:
 *   forward          y  = conv(x, W), im2col done in wasm;
 *   input gradient   dx = conv(dy, W') for stride 1 and no dilation, where W' is W flipped in space with its
 *                    in/out channels swapped and the padding is (filter − 1 − padding): the transposed
 *                    convolution written as an ordinary one, so no col2im;
 *   filter gradient  dW[K×O] = Σₙ patchesₙᵀ[K×P] · dyₙ[P×O] on training's own kernel (emit_gemm_atb.ts), which
 *                    reads the im2col rows and NHWC dy as they are: no transposes, no packing.
 * The filter is re-packed into its wasm slot on every call (it changes after each optimizer step).
 */
import { alignUp, conv2dIm2colGemm, scratchRegion } from '@tflite-lambda/runtime/internal';
import type { ConvGeometry } from './conv.js';
import { packB } from './sgemm_wasm.js';
import { trainKernels } from './train_wasm.js';

type RuntimeGeometry = Parameters<typeof conv2dIm2colGemm>[2];

let filterScratch = new Float32Array(0);
function filterBuffer(length: number): Float32Array {
  if (filterScratch.length < length) filterScratch = new Float32Array(length);
  return filterScratch;
}

function runtimeGeometry(
  batches: number, inH: number, inW: number, inC: number, outH: number, outW: number, outC: number,
  g: ConvGeometry, strideH: number, strideW: number, dilationH: number, dilationW: number, padTop: number, padLeft: number,
): RuntimeGeometry {
  return {
    batches, inH, inW, inC, outH, outW, outC, filterH: g.kh, filterW: g.kw, filterC: inC, groups: 1,
    strideH, strideW, dilationH, dilationW, padTop, padLeft, actMin: -Infinity, actMax: Infinity,
  };
}

/** y[n0..n1) = conv(x, w) with w in HWIO ([K×O]); same contract as conv2dForward. */
export function conv2dForwardWasm(x: Float32Array, w: Float32Array, g: ConvGeometry, y: Float32Array, n0: number, n1: number): void {
  if (n1 <= n0) return;
  const K = g.kh * g.kw * g.inC;
  // The GEMM wants one row per output channel ([O][K], i.e. OHWI): the transpose of HWIO's [K×O].
  const wt = filterBuffer(K * g.outC);
  for (let kk = 0; kk < K; kk++) for (let o = 0; o < g.outC; o++) wt[o * K + kk] = w[kk * g.outC + o];
  const packed = packB(wt, g.outC, K);
  const rg = runtimeGeometry(n1 - n0, g.inH, g.inW, g.inC, g.outH, g.outW, g.outC, g, g.strideH, g.strideW, g.dilationH, g.dilationW, g.padTop, g.padLeft);
  const inImage = g.inH * g.inW * g.inC, outImage = g.outH * g.outW * g.outC;
  conv2dIm2colGemm(trainKernels().ctx, x.subarray(n0 * inImage, n1 * inImage), rg, packed, y.subarray(n0 * outImage, n1 * outImage));
}

/** Whether conv2dBackpropInputWasm handles this geometry (stride 1, no dilation, padding inside the filter). */
export function transposedAsConv(g: ConvGeometry): boolean {
  return g.strideH === 1 && g.strideW === 1 && g.dilationH === 1 && g.dilationW === 1 &&
    g.padTop >= 0 && g.padLeft >= 0 && g.padTop < g.kh && g.padLeft < g.kw;
}

/** dx[n0..n1) = input gradient of conv(x, w) given dy, for geometries where transposedAsConv(g). */
export function conv2dBackpropInputWasm(dy: Float32Array, w: Float32Array, g: ConvGeometry, dx: Float32Array, n0: number, n1: number): void {
  if (n1 <= n0) return;
  const K = g.kh * g.kw * g.outC;
  // W'[c][(jy, jx, o)] = W[kh−1−jy][kw−1−jx][c][o]: one GEMM row per input channel of the original.
  const wt = filterBuffer(g.inC * K);
  for (let jy = 0; jy < g.kh; jy++) {
    for (let jx = 0; jx < g.kw; jx++) {
      const src = ((g.kh - 1 - jy) * g.kw + (g.kw - 1 - jx)) * g.inC * g.outC;
      const tap = (jy * g.kw + jx) * g.outC;
      for (let c = 0; c < g.inC; c++) {
        for (let o = 0; o < g.outC; o++) wt[c * K + tap + o] = w[src + c * g.outC + o];
      }
    }
  }
  const packed = packB(wt, g.inC, K);
  const rg = runtimeGeometry(n1 - n0, g.outH, g.outW, g.outC, g.inH, g.inW, g.inC, g, 1, 1, 1, 1, g.kh - 1 - g.padTop, g.kw - 1 - g.padLeft);
  const inImage = g.inH * g.inW * g.inC, outImage = g.outH * g.outW * g.outC;
  conv2dIm2colGemm(trainKernels().ctx, dy.subarray(n0 * outImage, n1 * outImage), rg, packed, dx.subarray(n0 * inImage, n1 * inImage));
}

/** Output pixels per im2col band of the filter gradient: the band's dy rows (≤ 32 KB at 64 channels) stay in L1. */
const FILTER_BAND_PIXELS = 128;

/**
 * dw (HWIO, [K×O]) = Σ over images n0..n1 of patchesᵀ · dy; `accumulate` adds to dw's contents. All in wasm
 * memory: per image, x and dy are copied in, then per band of output rows the runtime's im2col writes the
 * patches and gemm_atb_f32 adds patchesᵀ·dy into a [K×O] accumulator, which is copied out once at the end.
 */
export function conv2dBackpropFilterWasm(
  x: Float32Array, dy: Float32Array, g: ConvGeometry, dw: Float32Array, n0: number, n1: number, accumulate: boolean,
): void {
  const P = g.outH * g.outW, K = g.kh * g.kw * g.inC, O = g.outC;
  const Opad = alignUp(O, 8);
  const inImage = g.inH * g.inW * g.inC;
  const bandRows = Math.max(1, Math.min(g.outH, Math.floor(FILTER_BAND_PIXELS / g.outW)));
  const xBytes = scratchRegion(inImage * 4), dyBytes = scratchRegion(P * Opad * 4), colBytes = scratchRegion(bandRows * g.outW * K * 4);
  const k = trainKernels();
  const ctx = k.ctx;
  ctx.reserveScratch(xBytes + dyBytes + colBytes + K * Opad * 4 + 64);
  const xAt = ctx.scratch, dyAt = xAt + xBytes, colAt = dyAt + dyBytes, cAt = colAt + colBytes;
  const f32 = ctx.f32; // after reserveScratch: it may have grown memory
  const acc = f32.subarray(cAt >>> 2, (cAt >>> 2) + K * Opad);
  const dyPadded = f32.subarray(dyAt >>> 2, (dyAt >>> 2) + P * Opad);
  if (!accumulate) dw.fill(0);
  if (Opad === O) acc.set(dw.subarray(0, K * O));
  else {
    acc.fill(0);
    dyPadded.fill(0); // the padding columns stay zero: only the first O of each row are written below
    for (let kk = 0; kk < K; kk++) acc.set(dw.subarray(kk * O, kk * O + O), kk * Opad);
  }
  for (let n = n0; n < n1; n++) {
    f32.set(x.subarray(n * inImage, (n + 1) * inImage), xAt >>> 2);
    const dyImage = dy.subarray(n * P * O, (n + 1) * P * O);
    if (Opad === O) dyPadded.set(dyImage);
    else for (let p = 0; p < P; p++) dyPadded.set(dyImage.subarray(p * O, p * O + O), p * Opad);
    for (let oy = 0; oy < g.outH; oy += bandRows) {
      const rows = Math.min(bandRows, g.outH - oy);
      ctx.fn.im2col_f32(xAt, g.inH, g.inW, g.inC, g.outW, g.kh, g.kw, g.strideH, g.strideW, g.dilationH, g.dilationW,
        g.padTop, g.padLeft, oy, rows, colAt);
      k.gemm_atb_f32(K, Opad, rows * g.outW, colAt, K * 4, dyAt + oy * g.outW * Opad * 4, Opad * 4, cAt, Opad * 4);
    }
  }
  if (Opad === O) dw.set(acc);
  else for (let kk = 0; kk < K; kk++) dw.set(acc.subarray(kk * Opad, kk * Opad + O), kk * O);
}
