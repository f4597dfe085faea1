import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ShapeError } from '../../core/errors.js';
import { constInt32, runOne } from '@tflite-lambda/testing';
import { ARG_MAX_KERNEL } from './arg_max.js';

const opts = (outputType: 'int32' | 'int64') => ({ kind: 'ArgMaxOptions' as const, outputType });

test('arg max over the last axis of logits', () => {
  const x = { dtype: 'float32' as const, shape: [2, 3], data: [0.1, 0.7, 0.2, -1, -3, -2] };
  const out = runOne(ARG_MAX_KERNEL, [x, constInt32([-1], [])], 'int32', opts('int32'));
  assert.deepEqual([out.shape, out.values], [[2], [1, 0]]);
});

test('arg max keeps the first of equal maxima', () => {
  const x = { dtype: 'int32' as const, shape: [5], data: [2, 5, 1, 5, 5] };
  assert.deepEqual(runOne(ARG_MAX_KERNEL, [x, constInt32([0])], 'int32', opts('int32')).values, [1]);
});

test('arg max over axis 0 with int64 output on uint8 input', () => {
  const x = { dtype: 'uint8' as const, shape: [3, 2], data: [1, 200, 255, 3, 7, 200] };
  const out = runOne(ARG_MAX_KERNEL, [x, constInt32([0])], 'int64', opts('int64'));
  assert.deepEqual(out.shape, [2]);
  assert.deepEqual([...(out.data as BigInt64Array)], [1n, 0n]);
});

test('arg max on int8 compares signed values', () => {
  const x = { dtype: 'int8' as const, shape: [3], data: [-128, -1, -5] };
  assert.deepEqual(runOne(ARG_MAX_KERNEL, [x, constInt32([0])], 'int32', opts('int32')).values, [1]);
});

test('arg max rejects an out-of-range axis', () => {
  const x = { dtype: 'float32' as const, shape: [2], data: [1, 2] };
  assert.throws(() => runOne(ARG_MAX_KERNEL, [x, constInt32([1])], 'int32', opts('int32')), ShapeError);
});
