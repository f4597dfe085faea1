import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  assertClose,
  constInt32,
  iota,
  product,
  randomFloats,
  randomInt,
  ravel,
  runOne,
  seededRandom,
  unravel,
} from '@tflite-lambda/testing';
import { MEAN_KERNEL } from './mean.js';

const keep = (keepDims: boolean) => ({ kind: 'ReducerOptions' as const, keepDims });

function naiveMean(data: ArrayLike<number>, shape: number[], axes: number[]): number[] {
  const outShape = shape.map((d, i) => (axes.includes(i) ? 1 : d));
  const sums = new Array<number>(product(outShape)).fill(0);
  for (let i = 0; i < data.length; i++) {
    sums[ravel(unravel(i, shape).map((v, d) => (axes.includes(d) ? 0 : v)), outShape)]! += data[i]!;
  }
  const n = axes.reduce((p, a) => p * shape[a]!, 1);
  return sums.map((s) => s / n);
}

test('mean over the spatial axes of an NHWC tensor (global average pooling)', () => {
  // [1, 2, 2, 2]: channel 0 holds 0,2,4,6 and channel 1 holds 1,3,5,7
  const out = runOne(MEAN_KERNEL, [{ dtype: 'float32', shape: [1, 2, 2, 2], data: iota(8) }, constInt32([1, 2])], 'float32', keep(true));
  assert.deepEqual(out.shape, [1, 1, 1, 2]);
  assert.deepEqual(out.values, [3, 4]);
});

test('mean of int32 truncates toward zero like C++ division', () => {
  const out = runOne(MEAN_KERNEL, [{ dtype: 'int32', shape: [2, 2], data: [3, 4, -3, -4] }, constInt32([1])], 'int32');
  assert.deepEqual(out.values, [3, -3]);
});

test('mean of int32 sums without int32 overflow (int64 accumulator)', () => {
  const out = runOne(MEAN_KERNEL, [{ dtype: 'int32', shape: [2], data: [2147483647, 2147483647] }, constInt32([0])], 'int32');
  assert.deepEqual(out.values, [2147483647]);
});

test('mean over duplicate and negative axes without keep_dims', () => {
  const out = runOne(MEAN_KERNEL, [{ dtype: 'float32', shape: [2, 3], data: iota(6) }, constInt32([-1, 1])], 'float32');
  assert.deepEqual([out.shape, out.values], [[2], [1, 4]]);
});

test('mean over an empty dimension gives zeros (TFLite skips the division)', () => {
  const out = runOne(MEAN_KERNEL, [{ dtype: 'float32', shape: [0, 3], data: [] }, constInt32([0])], 'float32');
  assert.deepEqual([out.shape, out.values], [[3], [0, 0, 0]]);
});

test('mean matches a naive reference on random shapes and axes', () => {
  const rand = seededRandom(5);
  for (let trial = 0; trial < 20; trial++) {
    const rank = randomInt(rand, 1, 4);
    const shape = Array.from({ length: rank }, () => randomInt(rand, 1, 6));
    const axes = [...new Set(Array.from({ length: randomInt(rand, 1, rank) }, () => randomInt(rand, 0, rank - 1)))].sort();
    const data = randomFloats(rand, product(shape), -10, 10);
    const out = runOne(MEAN_KERNEL, [{ dtype: 'float32', shape, data }, constInt32(axes)], 'float32', keep(true));
    assertClose(out.values, naiveMean(data, shape, axes), `shape ${shape} axes ${axes}`, 1e-4);
  }
});
