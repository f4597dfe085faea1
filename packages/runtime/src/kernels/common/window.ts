/**
 * Which taps of a sliding window fall inside the input, for windowed ops (convolutions, pooling). With the
 * window's first tap at input coordinate `origin` (negative inside the padding) and taps `dilation` apart,
 * taps k in [windowStart, windowEnd) read real input; the rest read implicit zero padding and are skipped.
 */

/** The first tap index that lands at a coordinate >= 0. */
export function windowStart(origin: number, dilation: number): number {
  return origin >= 0 ? 0 : Math.floor((-origin + dilation - 1) / dilation);
}

/** One past the last tap index (at most `filterSize`) that lands at a coordinate < `inSize`. */
export function windowEnd(origin: number, dilation: number, inSize: number, filterSize: number): number {
  const room = inSize - origin;
  if (room <= 0) return 0;
  return Math.min(filterSize, Math.floor((room + dilation - 1) / dilation));
}

/** What a sliding-window walk needs: NHW extents, window size, strides, padding and (optional) dilation. */
export interface WindowWalk {
  readonly batches: number;
  readonly inH: number;
  readonly inW: number;
  readonly outH: number;
  readonly outW: number;
  readonly filterH: number;
  readonly filterW: number;
  readonly strideH: number;
  readonly strideW: number;
  readonly padTop: number;
  readonly padLeft: number;
  readonly dilationH?: number;
  readonly dilationW?: number;
}

/** One output pixel's window, clipped to the input (one object reused between calls: read it, do not keep it). */
export interface WindowAt {
  b: number;
  /** Input row and column of the window's first (unclipped) tap; negative inside the padding. */
  iy0: number;
  ix0: number;
  /** Output pixel index (b·outH + oy)·outW + ox; times the channel count it is the output offset. */
  pixel: number;
  kyStart: number;
  kyEnd: number;
  kxStart: number;
  kxEnd: number;
}

/** Visits every output pixel in output order with the taps [kyStart, kyEnd) × [kxStart, kxEnd) inside the input. */
export function forEachWindow(g: WindowWalk, visit: (w: WindowAt) => void): void {
  const dilationH = g.dilationH ?? 1;
  const dilationW = g.dilationW ?? 1;
  const w: WindowAt = { b: 0, iy0: 0, ix0: 0, pixel: 0, kyStart: 0, kyEnd: 0, kxStart: 0, kxEnd: 0 };
  for (let b = 0; b < g.batches; b++) {
    w.b = b;
    for (let oy = 0; oy < g.outH; oy++) {
      const iy0 = oy * g.strideH - g.padTop;
      w.iy0 = iy0;
      w.kyStart = windowStart(iy0, dilationH);
      w.kyEnd = windowEnd(iy0, dilationH, g.inH, g.filterH);
      for (let ox = 0; ox < g.outW; ox++) {
        const ix0 = ox * g.strideW - g.padLeft;
        w.ix0 = ix0;
        w.kxStart = windowStart(ix0, dilationW);
        w.kxEnd = windowEnd(ix0, dilationW, g.inW, g.filterW);
        w.pixel = (b * g.outH + oy) * g.outW + ox;
        visit(w);
      }
    }
  }
}
