/**
 * From a segmenter's output tensor to masks. Per-class scores [1, H, W, C] become confidences (softmax across
 * classes, or a sigmoid for one channel, unless the graph already ends in SOFTMAX/LOGISTIC) and a category
 * mask (the most likely class per pixel; for one channel, 1 where the confidence exceeds 0.5); a
 * [1, H, W] output is already a category mask. Masks are scaled to the image size when asked: nearest
 * neighbour for categories, bilinear (pixel centres aligned) for confidences.
 */
import type { Mask } from '../core/results.js';

export interface ScoreGrid {
  readonly width: number;
  readonly height: number;
  readonly classes: number;
  /** Row-major [H, W, C], already activated. */
  readonly data: Float32Array;
}

export function activateGrid(grid: ScoreGrid, activation: 'softmax' | 'sigmoid' | 'none'): ScoreGrid {
  if (activation === 'none') return grid;
  const { classes: c, data } = grid;
  const out = new Float32Array(data.length);
  if (activation === 'sigmoid') {
    for (let i = 0; i < data.length; i++) out[i] = 1 / (1 + Math.exp(-data[i]));
    return { ...grid, data: out };
  }
  for (let p = 0; p < data.length; p += c) {
    let max = -Infinity;
    for (let k = 0; k < c; k++) max = Math.max(max, data[p + k]);
    let sum = 0;
    for (let k = 0; k < c; k++) sum += out[p + k] = Math.exp(data[p + k] - max);
    for (let k = 0; k < c; k++) out[p + k] /= sum;
  }
  return { ...grid, data: out };
}

export function categoryMaskOf(grid: ScoreGrid): Mask<Uint8Array> {
  const { width, height, classes: c, data } = grid;
  const mask = new Uint8Array(width * height);
  for (let p = 0; p < mask.length; p++) {
    if (c === 1) {
      mask[p] = data[p] > 0.5 ? 1 : 0;
      continue;
    }
    let best = 0;
    for (let k = 1; k < c; k++) if (data[p * c + k] > data[p * c + best]) best = k;
    mask[p] = best;
  }
  return { width, height, data: mask };
}

/** Nearest-neighbour scaling: each target pixel takes the source pixel its centre falls in. */
export function scaleNearest(mask: Mask<Uint8Array>, width: number, height: number): Mask<Uint8Array> {
  if (mask.width === width && mask.height === height) return mask;
  const data = new Uint8Array(width * height);
  const xs = Array.from({ length: width }, (_, x) => Math.min(mask.width - 1, Math.floor(((x + 0.5) * mask.width) / width)));
  for (let y = 0; y < height; y++) {
    const row = Math.min(mask.height - 1, Math.floor(((y + 0.5) * mask.height) / height)) * mask.width;
    for (let x = 0; x < width; x++) data[y * width + x] = mask.data[row + xs[x]];
  }
  return { width, height, data };
}

/** Source coordinate and weight of the upper neighbour for each target position (bilinear, centres aligned). */
function axis(inSize: number, outSize: number): { lo: Int32Array; hi: Int32Array; w: Float32Array } {
  const lo = new Int32Array(outSize);
  const hi = new Int32Array(outSize);
  const w = new Float32Array(outSize);
  for (let i = 0; i < outSize; i++) {
    const src = Math.max(0, ((i + 0.5) * inSize) / outSize - 0.5);
    lo[i] = Math.min(inSize - 1, Math.floor(src));
    hi[i] = Math.min(inSize - 1, lo[i] + 1);
    w[i] = src - lo[i];
  }
  return { lo, hi, w };
}

/** One confidence mask per class, bilinearly scaled to width × height. */
export function confidenceMasksOf(grid: ScoreGrid, width: number, height: number): Mask<Float32Array>[] {
  const { classes: c, data } = grid;
  const xs = axis(grid.width, width);
  const ys = axis(grid.height, height);
  const at = (y: number, x: number, k: number) => data[(y * grid.width + x) * c + k];
  return Array.from({ length: c }, (_, k) => {
    const out = new Float32Array(width * height);
    for (let y = 0; y < height; y++) {
      const [y0, y1, wy] = [ys.lo[y], ys.hi[y], ys.w[y]];
      for (let x = 0; x < width; x++) {
        const [x0, x1, wx] = [xs.lo[x], xs.hi[x], xs.w[x]];
        const top = at(y0, x0, k) * (1 - wx) + at(y0, x1, k) * wx;
        const bottom = at(y1, x0, k) * (1 - wx) + at(y1, x1, k) * wx;
        out[y * width + x] = top * (1 - wy) + bottom * wy;
      }
    }
    return { width, height, data: out };
  });
}

/** A mask of the region the model saw, placed in a mask of the whole image (zero outside the region). */
export function placeInImage<T extends Uint8Array | Float32Array>(mask: Mask<T>, width: number, height: number, at: { x: number; y: number }): Mask<T> {
  if (mask.width === width && mask.height === height) return mask;
  const data = new (mask.data.constructor as new (n: number) => T)(width * height);
  for (let y = 0; y < mask.height; y++) data.set(mask.data.subarray(y * mask.width, (y + 1) * mask.width), (at.y + y) * width + at.x);
  return { width, height, data };
}
