import assert from 'node:assert/strict';
import { test } from 'node:test';
import { constInt32, runOne } from '@tflite-lambda/testing';
import { PADV2_KERNEL } from './pad_v2.js';

test('padv2 fills the border with the constant value input', () => {
  const out = runOne(PADV2_KERNEL, [
    { dtype: 'float32', shape: [1, 2], data: [1, 2] },
    constInt32([0, 0, 1, 1], [2, 2]),
    { dtype: 'float32', shape: [], data: [-5], constant: true },
  ], 'float32');
  assert.deepEqual([out.shape, out.values], [[1, 4], [-5, 1, 2, -5]]);
});

test('padv2 reads a non-constant pad value at invoke time (int8)', () => {
  const out = runOne(PADV2_KERNEL, [
    { dtype: 'int8', shape: [2], data: [1, 2] },
    constInt32([2, 0], [1, 2]),
    { dtype: 'int8', shape: [1], data: [-128] },
  ], 'int8');
  assert.deepEqual(out.values, [-128, -128, 1, 2]);
});

test('padv2 without a constant value pads with zero', () => {
  const out = runOne(PADV2_KERNEL, [{ dtype: 'int32', shape: [1], data: [9] }, constInt32([1, 1], [1, 2])], 'int32');
  assert.deepEqual(out.values, [0, 9, 0]);
});
