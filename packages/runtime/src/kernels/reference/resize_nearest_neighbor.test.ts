import assert from 'node:assert/strict';
import { test } from 'node:test';
import { constInt32, iota, runOne } from '@tflite-lambda/testing';
import { RESIZE_NEAREST_NEIGHBOR_KERNEL } from './resize_nearest_neighbor.js';

const opts = (alignCorners: boolean, halfPixelCenters: boolean) => ({ kind: 'ResizeNearestNeighborOptions' as const, alignCorners, halfPixelCenters });

/** A 1-row image whose pixel values are their column indices, so the output lists the chosen columns. */
function columns(inW: number, outW: number, align: boolean, half: boolean): number[] {
  const input = { dtype: 'int32' as const, shape: [1, 1, inW, 1], data: iota(inW) };
  return runOne(RESIZE_NEAREST_NEIGHBOR_KERNEL, [input, constInt32([1, outW])], 'int32', opts(align, half)).values;
}

test('nearest neighbor upsampling 2 to 4 repeats pixels (floor of o*scale)', () => {
  assert.deepEqual(columns(2, 4, false, false), [0, 0, 1, 1]);
});

test('nearest neighbor with align_corners rounds half away from zero', () => {
  assert.deepEqual(columns(2, 3, true, false), [0, 1, 1]);
  assert.deepEqual(columns(4, 3, true, false), [0, 2, 3]);
});

test('nearest neighbor with half_pixel_centers samples pixel centres', () => {
  assert.deepEqual(columns(2, 4, false, true), [0, 0, 1, 1]);
  assert.deepEqual(columns(4, 2, false, true), [1, 3]);
  assert.deepEqual(columns(4, 2, false, false), [0, 2]);
  assert.deepEqual(columns(3, 5, false, true), [0, 0, 1, 2, 2]);
});

test('nearest neighbor resizes float32 NHWC images in both dimensions', () => {
  const input = { dtype: 'float32' as const, shape: [1, 2, 2, 2], data: [1, -1, 2, -2, 3, -3, 4, -4] };
  const out = runOne(RESIZE_NEAREST_NEIGHBOR_KERNEL, [input, constInt32([4, 4])], 'float32');
  assert.deepEqual(out.shape, [1, 4, 4, 2]);
  const channel0 = out.values.filter((_, i) => i % 2 === 0);
  assert.deepEqual(channel0, [1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4]);
});
