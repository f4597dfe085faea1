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
