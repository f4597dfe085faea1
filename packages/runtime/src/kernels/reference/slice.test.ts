import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ShapeError } from '../../core/errors.js';
import { constInt32, iota, runOne } from '@tflite-lambda/testing';
import { SLICE_KERNEL } from './slice.js';

const input = { dtype: 'float32' as const, shape: [3, 4], data: iota(12) };

test('slice a 2x2 block from a 3x4 matrix', () => {
  const out = runOne(SLICE_KERNEL, [input, constInt32([1, 1]), constInt32([2, 2])], 'float32');
  assert.deepEqual([out.shape, out.values], [[2, 2], [5, 6, 9, 10]]);
});

test('slice size -1 takes the rest of the dimension; int64 begin/size work', () => {
  const begin = { dtype: 'int64' as const, shape: [2], data: [2, 1], constant: true };
  const size = { dtype: 'int64' as const, shape: [2], data: [-1, -1], constant: true };
  const out = runOne(SLICE_KERNEL, [input, begin, size], 'float32');
  assert.deepEqual([out.shape, out.values], [[1, 3], [9, 10, 11]]);
});

test('slice with a zero size gives an empty tensor', () => {
  const out = runOne(SLICE_KERNEL, [input, constInt32([0, 4]), constInt32([3, 0])], 'float32');
  assert.deepEqual([out.shape, out.values], [[3, 0], []]);
});

test('slice rejects a region outside the input', () => {
  assert.throws(() => runOne(SLICE_KERNEL, [input, constInt32([2, 0]), constInt32([2, 1])], 'float32'), ShapeError);
  assert.throws(() => runOne(SLICE_KERNEL, [input, constInt32([-1, 0]), constInt32([1, 1])], 'float32'), ShapeError);
});
