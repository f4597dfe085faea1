import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ShapeError } from '../../core/errors.js';
import { constInt32, iota, runOne } from '@tflite-lambda/testing';
import { RESHAPE_KERNEL } from './reshape.js';

const input = { dtype: 'float32' as const, shape: [2, 3, 2], data: iota(12) };

test('reshape takes the shape from a constant shape input and infers one -1', () => {
  const out = runOne(RESHAPE_KERNEL, [input, constInt32([3, -1])], 'float32', { kind: 'ReshapeOptions', newShape: [12] });
  assert.deepEqual(out.shape, [3, 4]);
  assert.deepEqual(out.values, iota(12));
});

test('reshape falls back to new_shape in the options without a shape input', () => {
  const out = runOne(RESHAPE_KERNEL, [input], 'float32', { kind: 'ReshapeOptions', newShape: [-1, 6] });
  assert.deepEqual(out.shape, [2, 6]);
});

test('reshape uses options when the shape input is not a vector (TFLite rule)', () => {
  const shape2d = { dtype: 'int32' as const, shape: [1, 2], data: [4, 3], constant: true };
  const out = runOne(RESHAPE_KERNEL, [input, shape2d], 'float32', { kind: 'ReshapeOptions', newShape: [6, 2] });
  assert.deepEqual(out.shape, [6, 2]);
});

test('reshape to a scalar from legacy new_shape [0] and from an empty shape vector', () => {
  const one = { dtype: 'int8' as const, shape: [1, 1], data: [-7] };
  assert.deepEqual(runOne(RESHAPE_KERNEL, [one], 'int8', { kind: 'ReshapeOptions', newShape: [0] }).shape, []);
  const out = runOne(RESHAPE_KERNEL, [one, constInt32([], [0])], 'int8');
  assert.deepEqual(out.shape, []);
  assert.deepEqual(out.values, [-7]);
});

test('reshape copies int64 and bool tensors unchanged', () => {
  const big = runOne(RESHAPE_KERNEL, [{ dtype: 'int64', shape: [4], data: [1, -2, 3, 2 ** 40] }, constInt32([2, 2])], 'int64');
  assert.deepEqual([...(big.data as BigInt64Array)], [1n, -2n, 3n, 2n ** 40n]);
  const flags = runOne(RESHAPE_KERNEL, [{ dtype: 'bool', shape: [2, 1], data: [1, 0] }, constInt32([2])], 'bool');
  assert.deepEqual(flags.values, [1, 0]);
});

test('reshape of an empty tensor infers -1 from the other dimensions', () => {
  const out = runOne(RESHAPE_KERNEL, [{ dtype: 'float32', shape: [0, 4], data: [] }, constInt32([-1, 2])], 'float32');
  assert.deepEqual(out.shape, [0, 2]);
});

test('reshape rejects mismatched counts and two -1s', () => {
  assert.throws(() => runOne(RESHAPE_KERNEL, [input, constInt32([5, -1])], 'float32'), ShapeError);
  assert.throws(() => runOne(RESHAPE_KERNEL, [input, constInt32([-1, -1])], 'float32'), ShapeError);
});

test('reshape by a shape computed at run time sizes its output at eval, ignoring a stale new_shape', () => {
  const computed = { dtype: 'int32' as const, shape: [2], data: [-1, 4] };
  const out = runOne(RESHAPE_KERNEL, [input, computed], 'float32', { kind: 'ReshapeOptions', newShape: [12] });
  assert.deepEqual(out.shape, [3, 4]);
  assert.deepEqual(out.values, iota(12));
  const wrong = { dtype: 'int32' as const, shape: [2], data: [5, 4] };
  assert.throws(() => runOne(RESHAPE_KERNEL, [input, wrong], 'float32'), /cannot reshape 12 elements into \[5,4\]/);
});
