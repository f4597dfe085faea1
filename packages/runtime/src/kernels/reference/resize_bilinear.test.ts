import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UnsupportedError } from '../../core/errors.js';
import { assertClose, constInt32, randomFloats, randomInt, runOne, seededRandom } from '@tflite-lambda/testing';
import { RESIZE_BILINEAR_KERNEL } from './resize_bilinear.js';

const square = { dtype: 'float32' as const, shape: [1, 2, 2, 1], data: [0, 1, 2, 3] };
const opts = (alignCorners: boolean, halfPixelCenters: boolean) => ({ kind: 'ResizeBilinearOptions' as const, alignCorners, halfPixelCenters });

test('resize bilinear 2x2 to 4x4 without flags repeats the last row and column', () => {
  const out = runOne(RESIZE_BILINEAR_KERNEL, [square, constInt32([4, 4])], 'float32');
  assert.deepEqual(out.shape, [1, 4, 4, 1]);
  assert.deepEqual(out.values, [0, 0.5, 1, 1, 1, 1.5, 2, 2, 2, 2.5, 3, 3, 2, 2.5, 3, 3]);
});

test('resize bilinear with align_corners 2x2 to 3x3 hits the corners exactly', () => {
  const out = runOne(RESIZE_BILINEAR_KERNEL, [square, constInt32([3, 3])], 'float32', opts(true, false));
  assert.deepEqual(out.values, [0, 0.5, 1, 1, 1.5, 2, 2, 2.5, 3]);
});

test('resize bilinear with half_pixel_centers 2x2 to 4x4 (edge weights extrapolate as TFLite)', () => {
  const out = runOne(RESIZE_BILINEAR_KERNEL, [square, constInt32([4, 4])], 'float32', opts(false, true));
  assert.deepEqual(out.values, [0, 0.25, 0.75, 1, 0.5, 0.75, 1.25, 1.5, 1.5, 1.75, 2.25, 2.5, 2, 2.25, 2.75, 3]);
});

/** The textbook formula in float64: source = f(dst) per flag, taps clamped into the image. */
function naiveResize(data: Float32Array, [n, h, w, c]: number[], oh: number, ow: number, align: boolean, half: boolean): number[] {
  const scale = (i: number, o: number) => (align && o > 1 ? (i - 1) / (o - 1) : i / o);
  const src = (o: number, s: number) => (half ? (o + 0.5) * s - 0.5 : o * s);
  const out: number[] = [];
  for (let b = 0; b < n; b++)
    for (let y = 0; y < oh; y++) {
      const sy = src(y, scale(h, oh));
      const y0 = Math.max(Math.floor(sy), 0), y1 = Math.min(Math.ceil(sy), h - 1), dy = sy - y0;
      for (let x = 0; x < ow; x++) {
        const sx = src(x, scale(w, ow));
        const x0 = Math.max(Math.floor(sx), 0), x1 = Math.min(Math.ceil(sx), w - 1), dx = sx - x0;
        for (let ch = 0; ch < c; ch++) {
          const at = (yy: number, xx: number) => data[((b * h + yy) * w + xx) * c + ch]!;
          out.push(at(y0, x0) * (1 - dy) * (1 - dx) + at(y1, x0) * dy * (1 - dx) + at(y0, x1) * (1 - dy) * dx + at(y1, x1) * dy * dx);
        }
      }
    }
  return out;
}

test('resize bilinear matches the float64 formula on random up- and down-sampling', () => {
  const rand = seededRandom(4);
  for (let trial = 0; trial < 12; trial++) {
    const shape = [randomInt(rand, 1, 2), randomInt(rand, 1, 5), randomInt(rand, 1, 5), randomInt(rand, 1, 3)];
    const [oh, ow] = [randomInt(rand, 1, 9), randomInt(rand, 1, 9)];
    const [align, half] = [[false, false], [true, false], [false, true]][trial % 3]!;
    const data = randomFloats(rand, shape.reduce((p, d) => p * d, 1));
    const out = runOne(RESIZE_BILINEAR_KERNEL, [{ dtype: 'float32', shape, data }, constInt32([oh, ow])], 'float32', opts(align!, half!));
    assert.deepEqual(out.shape, [shape[0], oh, ow, shape[3]]);
    assertClose(out.values, naiveResize(data, shape, oh, ow, align!, half!), `trial ${trial}`, 1e-5);
  }
});

test('resize bilinear refuses align_corners together with half_pixel_centers', () => {
  assert.throws(() => runOne(RESIZE_BILINEAR_KERNEL, [square, constInt32([3, 3])], 'float32', opts(true, true)), UnsupportedError);
});
