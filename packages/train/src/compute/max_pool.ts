/**
 * Max pooling (NHWC) and its gradient. The gradient routes each dy to the first maximal input of its window
 * (the same element the forward pass picked), which is what TF.js's cpu backend does.
 */
export interface PoolGeometry {
  readonly batch: number;
  readonly inH: number;
  readonly inW: number;
  readonly channels: number;
  readonly outH: number;
  readonly outW: number;
  readonly fh: number;
  readonly fw: number;
  readonly strideH: number;
  readonly strideW: number;
  readonly padTop: number;
  readonly padLeft: number;
}

/** The window of output (oy, ox) clipped to the image: rows [y0+ky0, y0+ky1), columns [x0+kx0, x0+kx1). */
interface Window {
  y0: number;
  x0: number;
  ky0: number;
  ky1: number;
  kx0: number;
  kx1: number;
}

function windowAt(g: PoolGeometry, oy: number, ox: number, w: Window): boolean {
  w.y0 = oy * g.strideH - g.padTop;
  w.x0 = ox * g.strideW - g.padLeft;
  w.ky0 = Math.max(0, -w.y0);
  w.ky1 = Math.min(g.fh, g.inH - w.y0);
  w.kx0 = Math.max(0, -w.x0);
  w.kx1 = Math.min(g.fw, g.inW - w.x0);
  return w.ky0 < w.ky1 && w.kx0 < w.kx1;
}

/*
 * Both passes walk a window tap by tap with the channel loop innermost (contiguous in NHWC). A tap replaces
 * the running maximum only when strictly greater, so the first maximal tap in row-major window order wins,
 * in the forward value and in the gradient's routing alike.
 */

/** y for images [n0, n1) (all by default). */
export function maxPoolForward(x: Float32Array, g: PoolGeometry, y: Float32Array, n0 = 0, n1 = g.batch): void {
  const C = g.channels;
  const w: Window = { y0: 0, x0: 0, ky0: 0, ky1: 0, kx0: 0, kx1: 0 };
  let o = n0 * g.outH * g.outW * C;
  for (let n = n0; n < n1; n++) {
    for (let oy = 0; oy < g.outH; oy++) {
      for (let ox = 0; ox < g.outW; ox++, o += C) {
        if (!windowAt(g, oy, ox, w)) {
          y.fill(-Infinity, o, o + C);
          continue;
        }
        let first = true;
        for (let ky = w.ky0; ky < w.ky1; ky++) {
          for (let kx = w.kx0; kx < w.kx1; kx++) {
            const src = ((n * g.inH + w.y0 + ky) * g.inW + w.x0 + kx) * C;
            if (first) {
              for (let c = 0; c < C; c++) y[o + c] = x[src + c];
              first = false;
            } else {
              for (let c = 0; c < C; c++) {
                const v = x[src + c];
                if (v > y[o + c]) y[o + c] = v;
              }
            }
          }
        }
      }
    }
  }
}

let bestScratch = new Float32Array(0);
let argScratch = new Int32Array(0);

/** dx (shaped like x) = dy routed to each window's argmax, for images [n0, n1) (all by default). */
export function maxPoolBackprop(dy: Float32Array, x: Float32Array, g: PoolGeometry, dx: Float32Array, n0 = 0, n1 = g.batch): void {
  const C = g.channels;
  if (bestScratch.length < C) {
    bestScratch = new Float32Array(C);
    argScratch = new Int32Array(C);
  }
  const best = bestScratch, arg = argScratch;
  const w: Window = { y0: 0, x0: 0, ky0: 0, ky1: 0, kx0: 0, kx1: 0 };
  const image = g.inH * g.inW * C;
  dx.fill(0, n0 * image, n1 * image);
  let o = n0 * g.outH * g.outW * C;
  for (let n = n0; n < n1; n++) {
    for (let oy = 0; oy < g.outH; oy++) {
      for (let ox = 0; ox < g.outW; ox++, o += C) {
        if (!windowAt(g, oy, ox, w)) continue;
        let first = true;
        for (let ky = w.ky0; ky < w.ky1; ky++) {
          for (let kx = w.kx0; kx < w.kx1; kx++) {
            const src = ((n * g.inH + w.y0 + ky) * g.inW + w.x0 + kx) * C;
            if (first) {
              for (let c = 0; c < C; c++) {
                best[c] = x[src + c];
                arg[c] = src + c;
              }
              first = false;
            } else {
              for (let c = 0; c < C; c++) {
                const v = x[src + c];
                if (v > best[c]) {
                  best[c] = v;
                  arg[c] = src + c;
                }
              }
            }
          }
        }
        for (let c = 0; c < C; c++) dx[arg[c]] += dy[o + c];
      }
    }
  }
}
