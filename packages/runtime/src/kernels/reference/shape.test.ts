import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runOne } from '@tflite-lambda/testing';
import { SHAPE_KERNEL } from './shape.js';

test('shape returns the dimensions as int32 and is marked shape-only', () => {
  const out = runOne(SHAPE_KERNEL, [{ dtype: 'float32', shape: [2, 0, 5] }], 'int32');
  assert.deepEqual(out.shape, [3]);
  assert.deepEqual(out.values, [2, 0, 5]);
  assert.equal(SHAPE_KERNEL.shapeOnly, true);
});

test('shape with out_type int64 writes bigint dimensions', () => {
  const out = runOne(SHAPE_KERNEL, [{ dtype: 'int8', shape: [7, 1] }], 'int64', { kind: 'ShapeOptions', outType: 'int64' });
  assert.deepEqual([...(out.data as BigInt64Array)], [7n, 1n]);
});

test('shape of a scalar is an empty vector', () => {
  const out = runOne(SHAPE_KERNEL, [{ dtype: 'float32', shape: [], data: [1] }], 'int32');
  assert.deepEqual(out.shape, [0]);
});
