/**
 * Pillow's `Image.resize(size)` with its default BICUBIC filter (Pillow >= 7), reproduced arithmetic for
 * arithmetic so results match to the gray level:
 * - cubic convolution kernel with a = -0.5 and support 2, widened by the scale factor when downsampling
 *   (every source pixel under the output pixel contributes, an antialiasing box);
 * - per output pixel, float weights normalised to sum 1, then turned into 22-bit fixed point, rounded half
 *   away from zero;
 * - a horizontal pass, then a vertical pass, each accumulating from a rounding bias of 0.5 and clamping the
 *   result to 0..255 (so the intermediate image is rounded to 8 bits between the passes).
 *
 * The passes stream: each source row is resampled horizontally as it arrives and added, with its weight,
 * into every output row whose window covers it. The sums are integers below 2^31 held in doubles, so the
 * order of addition cannot change them, and the result is Pillow's exactly while neither the source nor
 * the intermediate image is ever held whole.
 */
import type { TimeBudget } from './time_budget.js';
import type { Image8 } from './types.js';

const PRECISION_BITS = 32 - 8 - 2;
const SUPPORT = 2;
const BIAS = 1 << (PRECISION_BITS - 1);

function bicubic(x: number): number {
  const a = -0.5;
  const t = Math.abs(x);
  if (t < 1) return ((a + 2) * t - (a + 3)) * t * t + 1;
  if (t < 2) return (((t - 5) * t + 8) * t - 4) * a;
  return 0;
}

/** The source span and fixed-point weights of every output pixel along one axis. */
export interface AxisCoefficients {
  /** Number of weights stored per output pixel. */
  readonly ksize: number;
  /** Per output pixel: first source index and count of source pixels used. */
  readonly bounds: Int32Array;
  readonly weights: Int32Array;
}

export function axisCoefficients(inSize: number, outSize: number): AxisCoefficients {
  const scale = inSize / outSize;
  const filterScale = Math.max(scale, 1);
  const support = SUPPORT * filterScale;
  const ksize = Math.ceil(support) * 2 + 1;
  const bounds = new Int32Array(outSize * 2);
  const weights = new Int32Array(outSize * ksize);
  const w = new Float64Array(ksize);
  const ss = 1 / filterScale; // Pillow multiplies by the reciprocal; dividing could differ in the last bit
  for (let xx = 0; xx < outSize; xx++) {
    const center = (xx + 0.5) * scale;
    // C's (int) conversion truncates toward zero.
    const xmin = Math.max(Math.trunc(center - support + 0.5), 0);
    const count = Math.min(Math.trunc(center + support + 0.5), inSize) - xmin;
    let sum = 0;
    for (let x = 0; x < count; x++) {
      w[x] = bicubic((x + xmin - center + 0.5) * ss);
      sum += w[x];
    }
    for (let x = 0; x < count; x++) weights[xx * ksize + x] = toFixedPoint(sum === 0 ? w[x] : w[x] / sum);
    bounds[xx * 2] = xmin;
    bounds[xx * 2 + 1] = count;
  }
  return { ksize, bounds, weights };
}

function toFixedPoint(weight: number): number {
  const scaled = weight * (1 << PRECISION_BITS);
  return Math.trunc(scaled < 0 ? scaled - 0.5 : scaled + 0.5);
}

/** Fixed-point accumulator (below 2^31) to an 8-bit sample: drop the fraction (an arithmetic shift floors) and clamp. */
function clip8(acc: number): number {
  const v = acc >> PRECISION_BITS;
  return v < 0 ? 0 : v > 255 ? 255 : v;
}

/** Resizes like Pillow's `resize((width, height))` (BICUBIC). Same size returns a copy. */
export function resizeBicubic(image: Image8, width: number, height: number): Image8 {
  const resizer = new BicubicResizer(image.width, image.height, image.channels, width, height);
  const stride = image.width * image.channels;
  for (let y = 0; y < image.height; y++) resizer.pushRow(image.data.subarray(y * stride, (y + 1) * stride));
  return resizer.finish();
}

/** Takes the source rows top to bottom (`pushRow`), then gives the resized image (`finish`). */
export class BicubicResizer {
  private readonly horizontal: AxisCoefficients | null;
  private readonly vertical: AxisCoefficients | null;
  /** The current row after the horizontal pass. */
  private readonly hRow: Uint8Array;
  /** Vertical sums per output sample (only when the height changes). */
  private readonly sums: Float64Array | null;
  private readonly out: Uint8Array;
  private y = 0;
  /** First output row whose window has not been passed yet. */
  private firstOpen = 0;

  constructor(
    srcWidth: number,
    private readonly srcHeight: number,
    private readonly channels: 1 | 3,
    private readonly width: number,
    private readonly height: number,
    private readonly budget?: TimeBudget,
  ) {
    this.horizontal = width === srcWidth ? null : axisCoefficients(srcWidth, width);
    this.vertical = height === srcHeight ? null : axisCoefficients(srcHeight, height);
    this.hRow = new Uint8Array(width * channels);
    this.out = new Uint8Array(width * height * channels);
    this.sums = this.vertical ? new Float64Array(this.out.length).fill(BIAS) : null;
  }

  pushRow(row: Uint8Array): void {
    if (this.y >= this.srcHeight) throw new RangeError(`resizer got more than ${this.srcHeight} rows`);
    const resampled = this.horizontal ? this.resampleRow(row, this.horizontal) : row;
    if (this.sums) this.accumulate(resampled, this.y);
    else this.out.set(resampled.subarray(0, this.hRow.length), this.y * this.hRow.length);
    this.y++;
  }

  finish(): Image8 {
    if (this.y !== this.srcHeight) throw new RangeError(`resizer got ${this.y} of ${this.srcHeight} rows`);
    if (this.sums) for (let i = 0; i < this.out.length; i++) this.out[i] = clip8(this.sums[i]);
    return { width: this.width, height: this.height, channels: this.channels, data: this.out };
  }

  private resampleRow(row: Uint8Array, coefficients: AxisCoefficients): Uint8Array {
    const work = this.channels === 1 ? resampleGrayRow(row, coefficients, this.hRow) : resampleRgbRow(row, coefficients, this.hRow);
    this.budget?.spend(work);
    return this.hRow;
  }

  /** Adds source row `y` into the sums of every output row whose window covers it. */
  private accumulate(row: Uint8Array, y: number): void {
    const { ksize, bounds, weights } = this.vertical as AxisCoefficients;
    const sums = this.sums as Float64Array;
    const stride = this.hRow.length;
    while (this.firstOpen < this.height && bounds[this.firstOpen * 2] + bounds[this.firstOpen * 2 + 1] <= y) this.firstOpen++;
    let rows = 0;
    for (let yy = this.firstOpen; yy < this.height && bounds[yy * 2] <= y; yy++) {
      const weight = weights[yy * ksize + (y - bounds[yy * 2])];
      const at = yy * stride;
      for (let i = 0; i < stride; i++) sums[at + i] += row[i] * weight;
      rows++;
    }
    this.budget?.spend(rows * stride);
  }
}

/*
 * The horizontal pass's inner loops keep their sums in int32 (`| 0`): every partial sum is at most
 * 255 x (sum of |weights|) < 1.4 x 2^30, so nothing wraps, and V8 keeps the loop in integer registers.
 */

/** Horizontal pass over one gray row into `out`; returns the multiply-adds done. Two sums halve the dependency chain. */
function resampleGrayRow(row: Uint8Array, { ksize, bounds, weights }: AxisCoefficients, out: Uint8Array): number {
  let work = 0;
  for (let xx = 0; xx < out.length; xx++) {
    const xmin = bounds[xx * 2];
    const end = xmin + bounds[xx * 2 + 1];
    let k = xx * ksize;
    let even = 0;
    let odd = 0;
    let x = xmin;
    for (; x + 1 < end; x += 2, k += 2) {
      even = (even + row[x] * weights[k]) | 0;
      odd = (odd + row[x + 1] * weights[k + 1]) | 0;
    }
    if (x < end) even = (even + row[x] * weights[k]) | 0;
    out[xx] = clip8(BIAS + even + odd);
    work += end - xmin;
  }
  return work;
}

/** The same over an interleaved RGB row, the three channels in one sweep. */
function resampleRgbRow(row: Uint8Array, { ksize, bounds, weights }: AxisCoefficients, out: Uint8Array): number {
  let work = 0;
  for (let xx = 0; xx < out.length / 3; xx++) {
    const xmin = bounds[xx * 2];
    const end = xmin + bounds[xx * 2 + 1];
    let k = xx * ksize;
    let r = 0;
    let g = 0;
    let b = 0;
    for (let x = xmin; x < end; x++, k++) {
      const w = weights[k];
      r = (r + row[3 * x] * w) | 0;
      g = (g + row[3 * x + 1] * w) | 0;
      b = (b + row[3 * x + 2] * w) | 0;
    }
    out[3 * xx] = clip8(BIAS + r);
    out[3 * xx + 1] = clip8(BIAS + g);
    out[3 * xx + 2] = clip8(BIAS + b);
    work += 3 * (end - xmin);
  }
  return work;
}
