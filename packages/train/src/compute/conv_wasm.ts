/**
 * Convolution passes on the runtime's WebAssembly GEMM that avoid JavaScript im2col/col2im and extra copies of
 * the patch matrix:
 *   forward          y  = conv(x, W), im2col done in wasm;
 *   input gradient   dx = conv(dy, W') for stride 1 and no dilation, where W' is W flipped in space with its
 *                    in/out channels swapped and the padding is (filter − 1 − padding): the transposed
 *                    convolution written as an ordinary one, so no col2im;
 *   filter gradient  dWᵀ[O×K] = Σₙ dyₙᵀ[O×P] · patchesₙ[P×K], with the patches written by im2col straight into
 *                    the GEMM's packed right-operand layout in wasm memory.
 * The filter is re-packed into its wasm slot on every call (it changes after each optimizer step).
 */
import { conv2dIm2colGemm, gemm, GEMM_PANEL, packedWeightsView, packGemmWeights, type PackedGemmWeights } from '@tflite-lambda/runtime/internal';
import type { ConvGeometry } from './conv.js';
import { packB } from './sgemm_wasm.js';

type RuntimeGeometry = Parameters<typeof conv2dIm2colGemm>[1];

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
  conv2dIm2colGemm(x.subarray(n0 * inImage, n1 * inImage), rg, packed, y.subarray(n0 * outImage, n1 * outImage));
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
  conv2dIm2colGemm(dy.subarray(n0 * outImage, n1 * outImage), rg, packed, dx.subarray(n0 * inImage, n1 * inImage));
}

const patchSlots = new Map<string, PackedGemmWeights>();
let dyT = new Float32Array(0);
let dwT = new Float32Array(0);

/**
 * Image n's patch matrix [P×K] written as packed GEMM weights with K columns and P rows (padding reads 0). A
 * tap's inC columns fall into runs that stay inside one panel; each run is a contiguous copy per output pixel.
 */
function im2colPacked(x: Float32Array, n: number, g: ConvGeometry, slot: PackedGemmWeights): void {
  const { inH, inW, inC, outH, outW, kw } = g;
  const P = outH * outW;
  const view = packedWeightsView(slot);
  const panel = GEMM_PANEL; // a local: an imported binding may be read through a getter per use
  const imageBase = n * inH * inW * inC;
  for (let tap = 0; tap < g.kh * kw; tap++) {
    const ky = Math.floor(tap / kw), kx = tap % kw;
    for (let c0 = 0; c0 < inC;) {
      const col = tap * inC + c0;
      const lane = col % panel;
      const len = Math.min(panel - lane, inC - c0);
      const panelBase = Math.floor(col / panel) * P * panel + lane;
      for (let oy = 0, p = 0; oy < outH; oy++) {
        const iy = oy * g.strideH - g.padTop + ky * g.dilationH;
        for (let ox = 0; ox < outW; ox++, p++) {
          const ix = ox * g.strideW - g.padLeft + kx * g.dilationW;
          const dst = panelBase + p * panel;
          if (iy < 0 || iy >= inH || ix < 0 || ix >= inW) {
            for (let t = 0; t < len; t++) view[dst + t] = 0;
          } else {
            const src = imageBase + (iy * inW + ix) * inC + c0;
            for (let t = 0; t < len; t++) view[dst + t] = x[src + t];
          }
        }
      }
      c0 += len;
    }
  }
}

/** dw (HWIO, [K×O]) = Σ over images n0..n1 of patchesᵀ · dy; `accumulate` adds to dw's contents. */
export function conv2dBackpropFilterWasm(
  x: Float32Array, dy: Float32Array, g: ConvGeometry, dw: Float32Array, n0: number, n1: number, accumulate: boolean,
): void {
  const P = g.outH * g.outW, K = g.kh * g.kw * g.inC, O = g.outC;
  if (!accumulate) dw.fill(0);
  const key = `${K}x${P}`;
  let slot = patchSlots.get(key);
  if (!slot) {
    slot = packGemmWeights(new Float32Array(K * P), K, P);
    patchSlots.set(key, slot);
  }
  if (dyT.length < O * P) dyT = new Float32Array(O * P);
  if (dwT.length < O * K) dwT = new Float32Array(O * K);
  for (let n = n0; n < n1; n++) {
    const dyBase = n * P * O;
    for (let p = 0; p < P; p++) for (let o = 0; o < O; o++) dyT[o * P + p] = dy[dyBase + p * O + o];
    im2colPacked(x, n, g, slot);
    gemm(dyT, O, slot, dwT);
    for (let kk = 0; kk < K; kk++) for (let o = 0; o < O; o++) dw[kk * O + o] += dwT[o * K + kk];
  }
}
