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

/** 2×2 windows at stride 2 without padding that tile the input exactly: the usual pooling, in straight-line code. */
function tiles2x2(g: PoolGeometry): boolean {
  return g.fh === 2 && g.fw === 2 && g.strideH === 2 && g.strideW === 2 && g.padTop === 0 && g.padLeft === 0 &&
    g.inH === 2 * g.outH && g.inW === 2 * g.outW;
}

function maxPoolForward2x2(x: Float32Array, g: PoolGeometry, y: Float32Array, n0: number, n1: number): void {
  const C = g.channels, rowC = g.inW * C;
  let o = n0 * g.outH * g.outW * C;
  for (let n = n0; n < n1; n++) {
    for (let oy = 0; oy < g.outH; oy++) {
      for (let ox = 0; ox < g.outW; ox++, o += C) {
        const p0 = ((n * g.inH + 2 * oy) * g.inW + 2 * ox) * C, p1 = p0 + C, p2 = p0 + rowC, p3 = p2 + C;
        for (let c = 0; c < C; c++) {
          let m = x[p0 + c];
          const a = x[p1 + c], b = x[p2 + c], d = x[p3 + c];
          if (a > m) m = a;
          if (b > m) m = b;
          if (d > m) m = d;
          y[o + c] = m;
        }
      }
    }
  }
}

/** Every input element is in exactly one window, so dx is written once per element: no zero-fill pass. */
function maxPoolBackprop2x2(dy: Float32Array, x: Float32Array, g: PoolGeometry, dx: Float32Array, n0: number, n1: number): void {
  const C = g.channels, rowC = g.inW * C;
  let o = n0 * g.outH * g.outW * C;
  for (let n = n0; n < n1; n++) {
    for (let oy = 0; oy < g.outH; oy++) {
      for (let ox = 0; ox < g.outW; ox++, o += C) {
        const p0 = ((n * g.inH + 2 * oy) * g.inW + 2 * ox) * C, p1 = p0 + C, p2 = p0 + rowC, p3 = p2 + C;
        for (let c = 0; c < C; c++) {
          let m = x[p0 + c], k = 0;
          const a = x[p1 + c], b = x[p2 + c], d = x[p3 + c];
          if (a > m) { m = a; k = 1; }
          if (b > m) { m = b; k = 2; }
          if (d > m) k = 3;
          const v = dy[o + c];
          dx[p0 + c] = k === 0 ? v : 0;
          dx[p1 + c] = k === 1 ? v : 0;
          dx[p2 + c] = k === 2 ? v : 0;
          dx[p3 + c] = k === 3 ? v : 0;
        }
      }
    }
  }
}

/** y for images [n0, n1) (all by default). */
export function maxPoolForward(x: Float32Array, g: PoolGeometry, y: Float32Array, n0 = 0, n1 = g.batch): void {
  if (tiles2x2(g)) {
    maxPoolForward2x2(x, g, y, n0, n1);
    return;
  }
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
  if (tiles2x2(g)) {
    maxPoolBackprop2x2(dy, x, g, dx, n0, n1);
    return;
  }
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
