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

/** Index into x of the maximum of window (n, oy, ox) for channel c, or -1 if the window is all padding. */
function argmaxAt(x: Float32Array, g: PoolGeometry, n: number, oy: number, ox: number, c: number): number {
  let best = -1;
  let bestValue = -Infinity;
  const y0 = oy * g.strideH - g.padTop;
  const x0 = ox * g.strideW - g.padLeft;
  for (let ky = Math.max(0, -y0); ky < g.fh && y0 + ky < g.inH; ky++) {
    const row = (n * g.inH + y0 + ky) * g.inW;
    for (let kx = Math.max(0, -x0); kx < g.fw && x0 + kx < g.inW; kx++) {
      const i = (row + x0 + kx) * g.channels + c;
      if (x[i] > bestValue || best < 0) {
        bestValue = x[i];
        best = i;
      }
    }
  }
  return best;
}

export function maxPoolForward(x: Float32Array, g: PoolGeometry, y: Float32Array): void {
  let o = 0;
  for (let n = 0; n < g.batch; n++)
    for (let oy = 0; oy < g.outH; oy++)
      for (let ox = 0; ox < g.outW; ox++)
        for (let c = 0; c < g.channels; c++) {
          const i = argmaxAt(x, g, n, oy, ox, c);
          y[o++] = i < 0 ? -Infinity : x[i];
        }
}

/** dx (zeroed here, shaped like x) += dy routed to each window's argmax. */
export function maxPoolBackprop(dy: Float32Array, x: Float32Array, g: PoolGeometry, dx: Float32Array): void {
  dx.fill(0);
  let o = 0;
  for (let n = 0; n < g.batch; n++)
    for (let oy = 0; oy < g.outH; oy++)
      for (let ox = 0; ox < g.outW; ox++)
        for (let c = 0; c < g.channels; c++) {
          const i = argmaxAt(x, g, n, oy, ox, c);
          if (i >= 0) dx[i] += dy[o];
          o++;
        }
}
