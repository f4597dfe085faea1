/**
 * 2-D convolution (NHWC input, HWIO filter) as im2col + GEMM, with its two gradients:
 *   forward           y_n[P×O]  = patches_n[P×K] · W[K×O]
 *   filter gradient   dW[K×O]  += patches_nᵀ[K×P] · dy_n[P×O]
 *   input gradient    dpatches_n[P×K] = dy_n[P×O] · Wᵀ[O×K], then col2im adds them back into dx_n
 * with P = outH·outW and K = kh·kw·inC. Work is split by image so callers can hand ranges to workers.
 */
import { conv2dBackpropFilterWasm, conv2dBackpropInputWasm, conv2dForwardWasm, transposedAsConv } from './conv_wasm.js';
import { activeSgemm as sgemm, gemmImpl } from './gemm_select.js';
import { rowMajor, transposed } from './sgemm.js';

export interface ConvGeometry {
  readonly batch: number;
  readonly inH: number;
  readonly inW: number;
  readonly inC: number;
  readonly outH: number;
  readonly outW: number;
  readonly outC: number;
  readonly kh: number;
  readonly kw: number;
  readonly strideH: number;
  readonly strideW: number;
  readonly dilationH: number;
  readonly dilationW: number;
  readonly padTop: number;
  readonly padLeft: number;
}

export function patchSize(g: ConvGeometry): number {
  return g.kh * g.kw * g.inC;
}

/** True when the patches of an image are the image itself (1×1, stride 1, no padding). */
function isPointwise(g: ConvGeometry): boolean {
  return g.kh === 1 && g.kw === 1 && g.strideH === 1 && g.strideW === 1 && g.padTop === 0 && g.padLeft === 0;
}

let patchScratch = new Float32Array(0);
function patchBuffer(length: number): Float32Array {
  if (patchScratch.length < length) patchScratch = new Float32Array(length);
  return patchScratch;
}

/** Rows of image n's patch matrix: row p = (oy,ox), columns (ky,kx,c) in HWIO order; padding reads zero. */
export function im2col(x: Float32Array, n: number, g: ConvGeometry, out: Float32Array): void {
  const { inH, inW, inC, outH, outW, kh, kw } = g;
  const imageBase = n * inH * inW * inC;
  let o = 0;
  for (let oy = 0; oy < outH; oy++) {
    for (let ox = 0; ox < outW; ox++) {
      for (let ky = 0; ky < kh; ky++) {
        const iy = oy * g.strideH - g.padTop + ky * g.dilationH;
        for (let kx = 0; kx < kw; kx++) {
          const ix = ox * g.strideW - g.padLeft + kx * g.dilationW;
          if (iy < 0 || iy >= inH || ix < 0 || ix >= inW) {
            out.fill(0, o, o + inC);
          } else {
            const src = imageBase + (iy * inW + ix) * inC;
            for (let c = 0; c < inC; c++) out[o + c] = x[src + c];
          }
          o += inC;
        }
      }
    }
  }
}

/**
 * The transpose of image n's patch matrix, row-major [K×P]: row (ky,kx,c) lists that tap over all output
 * positions. The filter gradient reads patchesᵀ as its left operand, and this layout spares both GEMMs a
 * strided gather of it.
 */
export function im2colTransposed(x: Float32Array, n: number, g: ConvGeometry, out: Float32Array): void {
  const { inH, inW, inC, outH, outW, kh, kw } = g;
  const P = outH * outW;
  const imageBase = n * inH * inW * inC;
  for (let ky = 0; ky < kh; ky++) {
    for (let kx = 0; kx < kw; kx++) {
      const rowBase = (ky * kw + kx) * inC * P;
      for (let oy = 0; oy < outH; oy++) {
        const iy = oy * g.strideH - g.padTop + ky * g.dilationH;
        for (let ox = 0; ox < outW; ox++) {
          const ix = ox * g.strideW - g.padLeft + kx * g.dilationW;
          const p = rowBase + oy * outW + ox;
          if (iy < 0 || iy >= inH || ix < 0 || ix >= inW) {
            for (let c = 0, o = p; c < inC; c++, o += P) out[o] = 0;
          } else {
            const src = imageBase + (iy * inW + ix) * inC;
            for (let c = 0, o = p; c < inC; c++, o += P) out[o] = x[src + c];
          }
        }
      }
    }
  }
}

/** Adds patch-matrix rows back into image n of dx (the adjoint of im2col). */
export function col2imAdd(cols: Float32Array, n: number, g: ConvGeometry, dx: Float32Array): void {
  const { inH, inW, inC, outH, outW, kh, kw } = g;
  const imageBase = n * inH * inW * inC;
  let o = 0;
  for (let oy = 0; oy < outH; oy++) {
    for (let ox = 0; ox < outW; ox++) {
      for (let ky = 0; ky < kh; ky++) {
        const iy = oy * g.strideH - g.padTop + ky * g.dilationH;
        for (let kx = 0; kx < kw; kx++) {
          const ix = ox * g.strideW - g.padLeft + kx * g.dilationW;
          if (iy >= 0 && iy < inH && ix >= 0 && ix < inW) {
            const dst = imageBase + (iy * inW + ix) * inC;
            for (let c = 0; c < inC; c++) dx[dst + c] += cols[o + c];
          }
          o += inC;
        }
      }
    }
  }
}

/** y[n0..n1) = conv(x, w): y is [N,outH,outW,outC], w is HWIO. */
export function conv2dForward(x: Float32Array, w: Float32Array, g: ConvGeometry, y: Float32Array, n0 = 0, n1 = g.batch): void {
  if (gemmImpl() === 'wasm') {
    conv2dForwardWasm(x, w, g, y, n0, n1);
    return;
  }
  const P = g.outH * g.outW;
  const K = patchSize(g);
  const cols = isPointwise(g) ? null : patchBuffer(P * K);
  for (let n = n0; n < n1; n++) {
    if (cols) im2col(x, n, g, cols);
    const a = cols ? rowMajor(cols, K) : rowMajor(x, K, n * P * K);
    sgemm(P, g.outC, K, a, rowMajor(w, g.outC), y, n * P * g.outC, g.outC, false);
  }
}

/** dw (HWIO, [K×O]) = Σ over images n0..n1 of patchesᵀ · dy; `accumulate` adds to dw's contents. */
export function conv2dBackpropFilter(
  x: Float32Array, dy: Float32Array, g: ConvGeometry, dw: Float32Array, n0 = 0, n1 = g.batch, accumulate = false,
): void {
  if (gemmImpl() === 'wasm') {
    conv2dBackpropFilterWasm(x, dy, g, dw, n0, n1, accumulate);
    return;
  }
  const P = g.outH * g.outW;
  const K = patchSize(g);
  if (!accumulate) dw.fill(0);
  const cols = isPointwise(g) ? null : patchBuffer(P * K);
  for (let n = n0; n < n1; n++) {
    if (cols) im2colTransposed(x, n, g, cols);
    const aT = cols ? rowMajor(cols, P) : transposed(rowMajor(x, K, n * P * K));
    sgemm(K, g.outC, P, aT, rowMajor(dy, g.outC, n * P * g.outC), dw, 0, g.outC, true);
  }
}

/** dx[n0..n1) = the input gradient of conv(x, w) given dy; dx is [N,inH,inW,inC]. */
export function conv2dBackpropInput(dy: Float32Array, w: Float32Array, g: ConvGeometry, dx: Float32Array, n0 = 0, n1 = g.batch): void {
  if (gemmImpl() === 'wasm' && transposedAsConv(g)) {
    conv2dBackpropInputWasm(dy, w, g, dx, n0, n1);
    return;
  }
  const P = g.outH * g.outW;
  const K = patchSize(g);
  const imageSize = g.inH * g.inW * g.inC;
  dx.fill(0, n0 * imageSize, n1 * imageSize);
  const pointwise = isPointwise(g);
  const cols = pointwise ? null : patchBuffer(P * K);
  const wT = transposed(rowMajor(w, g.outC));
  for (let n = n0; n < n1; n++) {
    const dyn = rowMajor(dy, g.outC, n * P * g.outC);
    if (cols) {
      sgemm(P, K, g.outC, dyn, wT, cols, 0, K, false);
      col2imAdd(cols, n, g, dx);
    } else {
      sgemm(P, K, g.outC, dyn, wT, dx, n * imageSize, K, false);
    }
  }
}
