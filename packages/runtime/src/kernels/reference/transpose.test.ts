import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ShapeError } from '../../core/errors.js';
import { constInt32, iota, product, randomInt, ravel, runOne, seededRandom, unravel } from '@tflite-lambda/testing';
import { TRANSPOSE_KERNEL } from './transpose.js';

test('transpose of a 2x3 matrix', () => {
  const out = runOne(TRANSPOSE_KERNEL, [{ dtype: 'float32', shape: [2, 3], data: iota(6) }, constInt32([1, 0])], 'float32');
  assert.deepEqual([out.shape, out.values], [[3, 2], [0, 3, 1, 4, 2, 5]]);
});

test('transpose NHWC to NCHW on int8', () => {
  const out = runOne(TRANSPOSE_KERNEL, [{ dtype: 'int8', shape: [1, 2, 2, 2], data: iota(8) }, constInt32([0, 3, 1, 2])], 'int8');
  assert.deepEqual([out.shape, out.values], [[1, 2, 2, 2], [0, 2, 4, 6, 1, 3, 5, 7]]);
});

test('transpose matches a naive reference for random permutations up to rank 6', () => {
  const rand = seededRandom(8);
  for (let trial = 0; trial < 20; trial++) {
    const rank = randomInt(rand, 1, 6);
    const shape = Array.from({ length: rank }, () => randomInt(rand, 1, 3));
    const perm = iota(rank).sort(() => rand() - 0.5);
    const outShape = perm.map((p) => shape[p]!);
    const expected = new Array<number>(product(shape));
    for (let i = 0; i < expected.length; i++) {
      const inIdx = unravel(i, shape);
      expected[ravel(perm.map((p) => inIdx[p]!), outShape)] = i;
    }
    const out = runOne(TRANSPOSE_KERNEL, [{ dtype: 'int32', shape, data: iota(product(shape)) }, constInt32(perm)], 'int32');
    assert.deepEqual([out.shape, out.values], [outShape, expected], `perm ${perm} on ${shape}`);
  }
});

test('transpose of empty and rank-0 tensors', () => {
  assert.deepEqual(runOne(TRANSPOSE_KERNEL, [{ dtype: 'float32', shape: [0, 3], data: [] }, constInt32([1, 0])], 'float32').shape, [3, 0]);
  const scalar = runOne(TRANSPOSE_KERNEL, [{ dtype: 'float32', shape: [], data: [2] }, constInt32([], [0])], 'float32');
  assert.deepEqual([scalar.shape, scalar.values], [[], [2]]);
});

test('transpose rejects a perm that is not a permutation', () => {
  const x = { dtype: 'float32' as const, shape: [2, 2], data: iota(4) };
  assert.throws(() => runOne(TRANSPOSE_KERNEL, [x, constInt32([0, 0])], 'float32'), ShapeError);
  assert.throws(() => runOne(TRANSPOSE_KERNEL, [x, constInt32([0])], 'float32'), ShapeError);
});
