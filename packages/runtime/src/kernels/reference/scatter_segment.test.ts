import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ShapeError, TensorError } from '../../core/errors.js';
import { runKernel } from '@tflite-lambda/testing';
import { SCATTER_ND_KERNEL } from './scatter_nd.js';
import { SEGMENT_SUM_KERNEL } from './segment_sum.js';
import { UNSORTED_SEGMENT_MAX_KERNEL } from './unsorted_segment_max.js';
import { UNSORTED_SEGMENT_SUM_KERNEL } from './unsorted_segment_sum.js';

const scatter = (indices: number[], updates: number[], shape: number[]) =>
  runKernel(SCATTER_ND_KERNEL, {
    inputs: [
      { dtype: 'int32', shape: [indices.length, 1], data: indices },
      { dtype: 'float32', shape: [updates.length], data: updates },
      { dtype: 'int32', shape: [shape.length], data: shape, constant: true },
    ],
    outputs: [{ dtype: 'float32' }],
  })[0]!;

test('SCATTER_ND adds updates that share an index and leaves the rest zero', () => {
  assert.deepEqual([...scatter([1, 3, 1], [2, 5, 0.5], [4]).data], [0, 2.5, 0, 5]);
});

test('SCATTER_ND fails the invoke on an index outside the output', () => {
  assert.throws(() => scatter([4], [1], [4]), TensorError);
  assert.throws(() => scatter([-1], [1], [4]), TensorError);
});

const segmentSum = (ids: number[]) =>
  runKernel(SEGMENT_SUM_KERNEL, {
    inputs: [
      { dtype: 'int32', shape: [ids.length, 2], data: ids.flatMap((_, i) => [i, 10 * i]) },
      { dtype: 'int32', shape: [ids.length], data: ids, constant: true },
    ],
    outputs: [{ dtype: 'int32' }],
  })[0]!;

test('SEGMENT_SUM sums rows that share a sorted id', () => {
  const out = segmentSum([0, 0, 1, 2, 2]);
  assert.deepEqual(out.shape, [3, 2]);
  assert.deepEqual([...out.data], [1, 10, 2, 20, 7, 70]);
});

test('SEGMENT_SUM refuses ids that do not start at 0 or skip a value', () => {
  assert.throws(() => segmentSum([1, 1]), ShapeError);
  assert.throws(() => segmentSum([0, 2]), ShapeError);
});

const unsorted = (kernel: typeof UNSORTED_SEGMENT_SUM_KERNEL, ids: number[], segments: number, data: number[]) =>
  runKernel(kernel, {
    inputs: [
      { dtype: 'float32', shape: [ids.length], data },
      { dtype: 'int32', shape: [ids.length], data: ids },
      { dtype: 'int32', shape: [], data: [segments], constant: true },
    ],
    outputs: [{ dtype: 'float32' }],
  })[0]!;

test('UNSORTED_SEGMENT ops skip negative ids and leave empty segments at the identity', () => {
  assert.deepEqual([...unsorted(UNSORTED_SEGMENT_SUM_KERNEL, [2, -1, 2, 0], 4, [1, 100, 2, 5]).data], [5, 0, 3, 0]);
  const max = unsorted(UNSORTED_SEGMENT_MAX_KERNEL, [0, 0], 2, [-3, -1]).data;
  assert.equal(max[0], -1);
  assert.equal(max[1], -3.4028234663852886e38);
});

test('UNSORTED_SEGMENT ops fail the invoke on an id not below num_segments', () => {
  assert.throws(() => unsorted(UNSORTED_SEGMENT_SUM_KERNEL, [0, 3], 3, [1, 2]), TensorError);
});
