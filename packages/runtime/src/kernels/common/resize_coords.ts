/**
 * Coordinate transforms for RESIZE_BILINEAR and RESIZE_NEAREST_NEIGHBOR, computed once per output row/column at
 * prepare time. All arithmetic is float32 (Math.fround after every step) because the engines compute in float,
 * and the rounding decides which source pixel is picked and with what weight. RESIZE_NEAREST_NEIGHBOR follows
 * TFLite's builtin kernel; RESIZE_BILINEAR (constant size) runs on LiteRT's XNNPACK delegate, whose
 * coordinates round differently from TFLite's reference (see bilinearTaps).
 */
const f = Math.fround;

/** input/output, or (input-1)/(output-1) with align_corners when output > 1. */
export function resizeScale(inSize: number, outSize: number, alignCorners: boolean): number {
  return alignCorners && outSize > 1 ? f((inSize - 1) / (outSize - 1)) : f(inSize / outSize);
}

export interface BilinearTaps {
  readonly lower: Int32Array;
  readonly upper: Int32Array;
  /** Source position minus `lower`, in [0, 1) (float32). */
  readonly frac: Float32Array;
}

/**
 * XNNPACK's bilinear indirection for each output coordinate along one dimension: position o·scale (with
 * half-pixel centers plus the offset 0.5·scale − 0.5, computed once, and clamped into the input), the lower
 * tap its truncation, the upper one the next tap (clamped), the weight the remainder.
 */
export function bilinearTaps(inSize: number, outSize: number, alignCorners: boolean, halfPixel: boolean): BilinearTaps {
  const scale = resizeScale(inSize, outSize, alignCorners);
  const offset = f(f(0.5 * scale) - 0.5);
  const lower = new Int32Array(outSize);
  const upper = new Int32Array(outSize);
  const frac = new Float32Array(outSize);
  for (let o = 0; o < outSize; o++) {
    let pos = f(o * scale);
    if (halfPixel) pos = Math.min(Math.max(f(pos + offset), 0), inSize - 1);
    lower[o] = Math.trunc(pos);
    upper[o] = Math.min(lower[o]! + 1, inSize - 1);
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
