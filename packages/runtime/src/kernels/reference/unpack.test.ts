import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ShapeError } from '../../core/errors.js';
import { iota, runAll } from '@tflite-lambda/testing';
import { UNPACK_KERNEL } from './unpack.js';

const input = { dtype: 'float32' as const, shape: [2, 3], data: iota(6) };

test('unpack along axis 1 gives the columns', () => {
  const outs = runAll(UNPACK_KERNEL, [input], [{ dtype: 'float32' }, { dtype: 'float32' }, { dtype: 'float32' }], { kind: 'UnpackOptions', num: 3, axis: 1 });
  assert.deepEqual(outs.map((o) => o.shape), [[2], [2], [2]]);
  assert.deepEqual(outs.map((o) => o.values), [[0, 3], [1, 4], [2, 5]]);
});

test('unpack along axis -2 gives the rows; a vector unpacks into scalars', () => {
  const rows = runAll(UNPACK_KERNEL, [input], [{ dtype: 'float32' }, { dtype: 'float32' }], { kind: 'UnpackOptions', num: 2, axis: -2 });
  assert.deepEqual(rows.map((o) => o.values), [[0, 1, 2], [3, 4, 5]]);
  const scalars = runAll(UNPACK_KERNEL, [{ dtype: 'uint8', shape: [2], data: [7, 9] }], [{ dtype: 'uint8' }, { dtype: 'uint8' }], { kind: 'UnpackOptions', num: 2, axis: 0 });
  assert.deepEqual(scalars.map((o) => [o.shape, o.values]), [[[], [7]], [[], [9]]]);
});

test('unpack rejects a num that does not match the axis', () => {
  assert.throws(() => runAll(UNPACK_KERNEL, [input], [{ dtype: 'float32' }, { dtype: 'float32' }], { kind: 'UnpackOptions', num: 2, axis: 1 }), ShapeError);
});
