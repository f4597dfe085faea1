/**
 * MediaPipe's face-landmark operators (Landmarks2TransformMatrix, TransformTensorBilinear, TransformLandmarks,
 * version 2) on hand-checked values: no reference engine in JavaScript runs them.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ModelFormatError, ShapeError, UnsupportedError } from '../../core/errors.js';
import { flexMap } from '../../schema/builder/flexbuffer_map.js';
import { assertClose, runKernel } from '@tflite-lambda/testing';
import { LANDMARKS_TO_TRANSFORM_MATRIX_KERNEL } from './landmarks_to_transform_matrix.js';
import { TRANSFORM_LANDMARKS_KERNEL } from './transform_landmarks.js';
import { TRANSFORM_TENSOR_BILINEAR_KERNEL } from './transform_tensor_bilinear.js';

/** Landmarks as (x, y, 0) triples. */
function matrixFor(points: [number, number][], options: Record<string, number | number[]>, version = 2): Float32Array {
  const [out] = runKernel(LANDMARKS_TO_TRANSFORM_MATRIX_KERNEL, {
    inputs: [{ dtype: 'float32', shape: [1, points.length, 3], data: points.flatMap(([x, y]) => [x, y, 0]) }],
    outputs: [{ dtype: 'float32' }], version,
    customCode: 'Landmarks2TransformMatrix',
    customOptions: flexMap({ output_height: 8, output_width: 16, scale_x: 1, scale_y: 1, target_rotation_radians: 0, ...options }),
  });
  assert.deepEqual(out!.shape, [1, 4, 4]);
  return out!.data as Float32Array;
}

test('Landmarks2TransformMatrix without rotation maps the output frame onto the subset bounding box', () => {
  // Rotation line (0,0)→(2,0) is level. Box x 1..5, y 2..4 → scale 4/16 and 2/8, centre (3, 3):
  // shift(3,3)·scale(0.25)·shift(−8,−4) → x' = 0.25·x + 1, y' = 0.25·y + 2.
  const m = matrixFor([[0, 0], [2, 0], [1, 2], [5, 4], [3, 3]], { left_rotation_idx: 0, right_rotation_idx: 1, subset_idxs: [2, 3, 4, 4] });
  assertClose(m, [0.25, 0, 0, 1, 0, 0.25, 0, 2, 0, 0, 1, 0, 0, 0, 0, 1], 'matrix', 1e-6, 0);
});

test('Landmarks2TransformMatrix measures the box in the frame rotated level and rotates it back', () => {
  // Rotation line (0,0)→(0,1) points down: rotation −π/2, so (x, y) → (y, −x). Subset (1,1), (3,5) → box
  // 4 × 2 centred at (2, 3). Result: R(π/2)·scale(0.25) then shifts → rows [0, −0.25, 0, 3], [0.25, 0, 0, 1].
  const m = matrixFor([[0, 0], [0, 1], [1, 1], [3, 5]], { left_rotation_idx: 0, right_rotation_idx: 1, subset_idxs: [2, 3] });
  assertClose(m, [0, -0.25, 0, 3, 0.25, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 1], 'matrix', 1e-6, 0);
});

test('Landmarks2TransformMatrix applies scale_x/scale_y and target rotation, and pairs an odd last index with itself', () => {
  // Subset [2, 3, 4]: pairs (2,3) and (4,4); landmark 4 widens the box to x 1..9, so width 8.
  const m = matrixFor([[0, 0], [2, 0], [1, 2], [5, 4], [9, 3]], { left_rotation_idx: 0, right_rotation_idx: 1, subset_idxs: [2, 3, 4], scale_x: 2, scale_y: 0.5 });
  // scale_x 2·8/16 = 1, scale_y 0.5·2/8 = 0.125, centre (5, 3): x' = x − 8 + 5, y' = 0.125·y − 0.5 + 3.
  assertClose(m, [1, 0, 0, -3, 0, 0.125, 0, 2.5, 0, 0, 1, 0, 0, 0, 0, 1], 'matrix', 1e-6, 0);
  // A target rotation of π/2 on a level line turns the frame a quarter turn the other way.
  const turned = matrixFor([[0, 0], [2, 0], [1, 1], [3, 5]], { left_rotation_idx: 0, right_rotation_idx: 1, subset_idxs: [2, 3], target_rotation_radians: Math.PI / 2 });
  assertClose(turned.subarray(0, 2), [0, 4 / 16], 'first row', 1e-6, 0);
});

test('Landmarks2TransformMatrix refuses indices outside the landmarks, an empty subset and other versions', () => {
  const pts: [number, number][] = [[0, 0], [1, 0]];
  assert.throws(() => matrixFor(pts, { left_rotation_idx: 0, right_rotation_idx: 2, subset_idxs: [0, 1] }), ModelFormatError);
  assert.throws(() => matrixFor(pts, { left_rotation_idx: 0, right_rotation_idx: 1, subset_idxs: [] }), ModelFormatError);
  assert.throws(() => matrixFor(pts, { left_rotation_idx: 0, right_rotation_idx: 1, subset_idxs: [0, 1] }, 1), UnsupportedError);
});

function crop(image: number[], shape: [number, number, number], matrix: number[], out: [number, number]): number[] {
  const [h, w, c] = shape;
  const [result] = runKernel(TRANSFORM_TENSOR_BILINEAR_KERNEL, {
    inputs: [{ dtype: 'float32', shape: [1, h, w, c], data: image }, { dtype: 'float32', shape: [1, 4, 4], data: matrix }],
    outputs: [{ dtype: 'float32', shape: [1, ...out, c] }], version: 2,
    customCode: 'TransformTensorBilinear', customOptions: flexMap({ output_height: out[0], output_width: out[1] }),
  });
  return [...(result!.data as Float32Array)];
}

const IDENTITY = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];
// 3×3 image, 2 channels: channel 0 = 10·row + col, channel 1 = its negative.
const IMAGE = Array.from({ length: 9 }, (_, i) => [10 * Math.floor(i / 3) + (i % 3), -(10 * Math.floor(i / 3) + (i % 3))]).flat();

test('TransformTensorBilinear with the identity copies the top-left window (the half-pixel terms cancel)', () => {
  assert.deepEqual(crop(IMAGE, [3, 3, 2], IDENTITY, [2, 2]), [0, -0, 1, -1, 10, -10, 11, -11]);
});

test('TransformTensorBilinear interpolates between pixels and zeroes samples outside the image', () => {
  // x' = x + 0.5, y' = y: halfway between columns; the last column samples at 2.5 > 2 → outside → 0.
  const shifted = [1, 0, 0, 0.5, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];
  assertClose(new Float32Array(crop(IMAGE, [3, 3, 2], shifted, [1, 3]).filter((_, i) => i % 2 === 0)), [0.5, 1.5, 0], 'row 0', 1e-6, 0);
  // Scale 0.5 with the half-pixel correction: x' = 0.5·x − 0.25, so pixel 0 samples at −0.25 (outside → 0)
  // and pixel 1 at 0.25 (value 0.25 in row 0.25 → 0.25 + 10·0.25 = 2.75).
  const half = [0.5, 0, 0, 0, 0, 0.5, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];
  assertClose(new Float32Array(crop(IMAGE, [3, 3, 2], half, [2, 2]).filter((_, i) => i % 2 === 0)), [0, 0, 0, 2.75], 'scaled', 1e-6, 0);
});

test('TransformTensorBilinear rotates: a quarter turn reads columns as rows', () => {
  // x' = y, y' = x (a transpose through the first two rows).
  const transpose = [0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];
  assert.deepEqual(crop(IMAGE, [3, 3, 2], transpose, [3, 3]).filter((_, i) => i % 2 === 0), [0, 10, 20, 1, 11, 21, 2, 12, 22]);
});

test('TransformTensorBilinear keeps the declared output shape and needs matching channels', () => {
  assert.throws(() => runKernel(TRANSFORM_TENSOR_BILINEAR_KERNEL, {
    inputs: [{ dtype: 'float32', shape: [1, 3, 3, 2], data: IMAGE }, { dtype: 'float32', shape: [1, 4, 4], data: IDENTITY }],
    outputs: [{ dtype: 'float32', shape: [1, 2, 2, 3] }], version: 2, customCode: 'TransformTensorBilinear',
  }), ShapeError);
});

function landmarks(points: number[], dims: 2 | 3, matrix: number[]): number[] {
  const [out] = runKernel(TRANSFORM_LANDMARKS_KERNEL, {
    inputs: [{ dtype: 'float32', shape: [1, points.length / dims, dims], data: points }, { dtype: 'float32', shape: [1, 4, 4], data: matrix }],
    outputs: [{ dtype: 'float32' }], version: 2, customCode: 'TransformLandmarks',
  });
  return [...(out!.data as Float32Array)];
}

test('TransformLandmarks maps x, y through the first two rows and copies z', () => {
  const m = [2, 0, 0, 1, 0, 3, 0, -1, 0, 0, 1, 0, 0, 0, 0, 1];
  assert.deepEqual(landmarks([1, 2, 3, 4], 2, m), [3, 5, 7, 11]);
  assert.deepEqual(landmarks([1, 2, 7, 3, 4, -8], 3, m), [3, 5, 7, 7, 11, -8]);
  // The third column multiplies z = 0 in MediaPipe's (x, y, 0, 1): it has no effect.
  assert.deepEqual(landmarks([1, 2], 2, [0, -1, 5, 0, 1, 0, 5, 0, 0, 0, 1, 0, 0, 0, 0, 1]), [-2, 1]);
});

test('TransformLandmarks refuses landmarks of other widths and batches', () => {
  assert.throws(() => landmarks([1, 2, 3, 4], 4 as 2, IDENTITY), ShapeError);
  assert.throws(() => runKernel(TRANSFORM_LANDMARKS_KERNEL, {
    inputs: [{ dtype: 'float32', shape: [2, 1, 2], data: [1, 2, 3, 4] }, { dtype: 'float32', shape: [1, 4, 4], data: IDENTITY }],
    outputs: [{ dtype: 'float32' }], version: 2, customCode: 'TransformLandmarks',
  }), ShapeError);
});
