import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ShapeError, UnsupportedError } from '../../core/errors.js';
import { constInt32, iota, runOne } from '@tflite-lambda/testing';
import { EXPAND_DIMS_KERNEL } from './expand_dims.js';

const input = { dtype: 'uint8' as const, shape: [2, 3], data: iota(6) };

test('expand_dims inserts a size-1 dimension at a positive axis', () => {
  const out = runOne(EXPAND_DIMS_KERNEL, [input, constInt32([1], [])], 'uint8');
  assert.deepEqual(out.shape, [2, 1, 3]);
  assert.deepEqual(out.values, iota(6));
});

test('expand_dims with axis -1 appends a dimension, and an int64 axis works', () => {
  assert.deepEqual(runOne(EXPAND_DIMS_KERNEL, [input, constInt32([-1])], 'uint8').shape, [2, 3, 1]);
  const axis64 = { dtype: 'int64' as const, shape: [1], data: [0], constant: true };
  assert.deepEqual(runOne(EXPAND_DIMS_KERNEL, [input, axis64], 'uint8').shape, [1, 2, 3]);
});

test('expand_dims of a scalar gives shape [1]', () => {
  const out = runOne(EXPAND_DIMS_KERNEL, [{ dtype: 'float32', shape: [], data: [3] }, constInt32([0], [])], 'float32');
  assert.deepEqual(out.shape, [1]);
  assert.deepEqual(out.values, [3]);
});

test('expand_dims rejects an out-of-range axis and a non-constant axis', () => {
  assert.throws(() => runOne(EXPAND_DIMS_KERNEL, [input, constInt32([3])], 'uint8'), ShapeError);
  assert.throws(() => runOne(EXPAND_DIMS_KERNEL, [input, constInt32([-4])], 'uint8'), ShapeError);
  assert.throws(() => runOne(EXPAND_DIMS_KERNEL, [input, { dtype: 'int32', shape: [1], data: [0] }], 'uint8'), UnsupportedError);
});
