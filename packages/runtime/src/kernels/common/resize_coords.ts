/**
 * TFLite's coordinate transforms for RESIZE_BILINEAR and RESIZE_NEAREST_NEIGHBOR, computed once per output
 * row/column at prepare time. All arithmetic is float32 (Math.fround after every step) because the C++
 * reference computes in float, and the rounding decides which source pixel is picked.
 */
const f = Math.fround;

/** input/output, or (input-1)/(output-1) with align_corners when output > 1. */
export function resizeScale(inSize: number, outSize: number, alignCorners: boolean): number {
  return alignCorners && outSize > 1 ? f((inSize - 1) / (outSize - 1)) : f(inSize / outSize);
}

export interface BilinearTaps {
  readonly lower: Int32Array;
  readonly upper: Int32Array;
  /** Source position minus `lower` (float32; negative near the edge with half-pixel centers, as TFLite). */
  readonly frac: Float32Array;
}

/** ComputeInterpolationValues for each output coordinate along one dimension. */
export function bilinearTaps(inSize: number, outSize: number, alignCorners: boolean, halfPixel: boolean): BilinearTaps {
  const scale = resizeScale(inSize, outSize, alignCorners);
  const lower = new Int32Array(outSize);
  const upper = new Int32Array(outSize);
  const frac = new Float32Array(outSize);
  for (let o = 0; o < outSize; o++) {
    const pos = halfPixel ? f(f(f(o + 0.5) * scale) - 0.5) : f(o * scale);
    lower[o] = Math.max(Math.floor(pos), 0);
    upper[o] = Math.min(Math.ceil(pos), inSize - 1);
    frac[o] = f(pos - lower[o]!);
  }
  return { lower, upper, frac };
}

/** GetNearestNeighbor for each output coordinate along one dimension. */
export function nearestTaps(inSize: number, outSize: number, alignCorners: boolean, halfPixel: boolean): Int32Array {
  const scale = resizeScale(inSize, outSize, alignCorners);
  const offset = halfPixel ? 0.5 : 0;
  const taps = new Int32Array(outSize);
  for (let o = 0; o < outSize; o++) {
    const pos = f(f(o + offset) * scale);
    // TfLiteRound rounds half away from zero; pos is never negative here.
    let src = Math.min(alignCorners ? Math.round(pos) : Math.floor(pos), inSize - 1);
    if (halfPixel) src = Math.max(0, src);
    taps[o] = src;
  }
  return taps;
}
