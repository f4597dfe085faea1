/**
 * Pillow's `Image.resize(size)` with its default BICUBIC filter (Pillow >= 7), reproduced arithmetic for
 * arithmetic so results match to the gray level:
 * - cubic convolution kernel with a = -0.5 and support 2, widened by the scale factor when downsampling
 *   (every source pixel under the output pixel contributes, an antialiasing box);
 * - per output pixel, float weights normalised to sum 1, then turned into 22-bit fixed point, rounded half
 *   away from zero;
 * - a horizontal pass, then a vertical pass, each accumulating from a rounding bias of 0.5 and clamping the
 *   result to 0..255 (so the intermediate image is rounded to 8 bits between the passes).
 */
import type { Image8 } from './types.js';

const PRECISION_BITS = 32 - 8 - 2;
const SUPPORT = 2;

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

/** Fixed-point accumulator to an 8-bit sample: drop the fraction (floor) and clamp. */
function clip8(acc: number): number {
  const v = acc >> PRECISION_BITS;
  return v < 0 ? 0 : v > 255 ? 255 : v;
}

/** Resizes like Pillow's `resize((width, height))` (BICUBIC). Same size returns a copy. */
export function resizeBicubic(image: Image8, width: number, height: number): Image8 {
  let out: Image8 = { ...image, data: image.data.slice() };
  if (width !== image.width) out = resampleHorizontal(out, width);
  if (height !== image.height) out = resampleVertical(out, height);
  return out;
}

function resampleHorizontal(src: Image8, outWidth: number): Image8 {
  const { ksize, bounds, weights } = axisCoefficients(src.width, outWidth);
  const ch = src.channels;
  const out = new Uint8Array(outWidth * src.height * ch);
  const bias = 1 << (PRECISION_BITS - 1);
  for (let y = 0; y < src.height; y++) {
    const row = y * src.width * ch;
    for (let xx = 0; xx < outWidth; xx++) {
      const xmin = bounds[xx * 2];
      const count = bounds[xx * 2 + 1];
      const k = xx * ksize;
      for (let c = 0; c < ch; c++) {
        let acc = bias;
        for (let x = 0; x < count; x++) acc += src.data[row + (xmin + x) * ch + c] * weights[k + x];
        out[(y * outWidth + xx) * ch + c] = clip8(acc);
      }
    }
  }
  return { width: outWidth, height: src.height, channels: ch, data: out };
}

function resampleVertical(src: Image8, outHeight: number): Image8 {
  const { ksize, bounds, weights } = axisCoefficients(src.height, outHeight);
  const ch = src.channels;
  const stride = src.width * ch;
  const out = new Uint8Array(stride * outHeight);
  const bias = 1 << (PRECISION_BITS - 1);
  for (let yy = 0; yy < outHeight; yy++) {
    const ymin = bounds[yy * 2];
    const count = bounds[yy * 2 + 1];
    const k = yy * ksize;
    for (let i = 0; i < stride; i++) {
      let acc = bias;
      for (let y = 0; y < count; y++) acc += src.data[(ymin + y) * stride + i] * weights[k + y];
      out[yy * stride + i] = clip8(acc);
    }
  }
  return { width: src.width, height: outHeight, channels: ch, data: out };
}
