import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UnsupportedError } from '../../core/errors.js';
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
import { SUM_KERNEL } from './sum.js';

const keep = (keepDims: boolean) => ({ kind: 'ReducerOptions' as const, keepDims });

/** Naive sum over `axes` (already non-negative, unique) in float64. */
function naiveSum(data: ArrayLike<number>, shape: number[], axes: number[]): number[] {
  const outShape = shape.map((d, i) => (axes.includes(i) ? 1 : d));
  const out = new Array<number>(product(outShape)).fill(0);
  for (let i = 0; i < data.length; i++) {
    const idx = unravel(i, shape).map((v, d) => (axes.includes(d) ? 0 : v));
    out[ravel(idx, outShape)]! += data[i]!;
  }
  return out;
}

test('sum over one axis of a 2x3 matrix', () => {
  const out = runOne(SUM_KERNEL, [{ dtype: 'float32', shape: [2, 3], data: iota(6) }, constInt32([1])], 'float32');
  assert.deepEqual(out.shape, [2]);
  assert.deepEqual(out.values, [3, 12]);
});

test('sum with keep_dims, a negative axis and a duplicate axis', () => {
  const out = runOne(SUM_KERNEL, [{ dtype: 'float32', shape: [2, 3], data: iota(6) }, constInt32([-2, 0])], 'float32', keep(true));
  assert.deepEqual(out.shape, [1, 3]);
  assert.deepEqual(out.values, [3, 5, 7]);
});

test('sum of int32 wraps around like int32 arithmetic', () => {
  const out = runOne(SUM_KERNEL, [{ dtype: 'int32', shape: [3], data: [2147483647, 1, 5] }, constInt32([0])], 'int32');
  assert.deepEqual(out.shape, []);
  assert.deepEqual(out.values, [-2147483643]);
});

test('sum with an empty axes list copies the input; over an empty dimension gives zeros', () => {
  const copy = runOne(SUM_KERNEL, [{ dtype: 'float32', shape: [2], data: [1, 2] }, constInt32([], [0])], 'float32');
  assert.deepEqual([copy.shape, copy.values], [[2], [1, 2]]);
  const empty = runOne(SUM_KERNEL, [{ dtype: 'float32', shape: [2, 0], data: [] }, constInt32([1])], 'float32');
  assert.deepEqual([empty.shape, empty.values], [[2], [0, 0]]);
});

test('sum of a rank-0 tensor over no axes is the value', () => {
  const out = runOne(SUM_KERNEL, [{ dtype: 'int32', shape: [], data: [9] }, constInt32([], [0])], 'int32');
  assert.deepEqual([out.shape, out.values], [[], [9]]);
});

test('sum matches a naive reference on random shapes and axes', () => {
  const rand = seededRandom(11);
  for (let trial = 0; trial < 20; trial++) {
    const rank = randomInt(rand, 1, 4);
    const shape = Array.from({ length: rank }, () => randomInt(rand, 1, 5));
    const axes = [...new Set(Array.from({ length: randomInt(rand, 1, rank) }, () => randomInt(rand, 0, rank - 1)))].sort();
    const data = randomFloats(rand, product(shape));
    const out = runOne(SUM_KERNEL, [{ dtype: 'float32', shape, data }, constInt32(axes.map((a) => (rand() < 0.5 ? a - rank : a)))], 'float32', keep(true));
    assertClose(out.values, naiveSum(data, shape, axes), `shape ${shape} axes ${axes}`);
  }
});

test('sum refuses a non-constant axes tensor and quantized inputs', () => {
  const x = { dtype: 'float32' as const, shape: [2], data: [1, 2] };
  assert.throws(() => runOne(SUM_KERNEL, [x, { dtype: 'int32', shape: [1], data: [0] }], 'float32'), UnsupportedError);
  const q = { scale: [0.5], zeroPoint: [0], quantizedDimension: 0 };
  assert.equal(SUM_KERNEL.supports!({ index: 0, opName: 'SUM', version: 1, inputs: [{ index: 0, name: 'x', dtype: 'int8', shape: [2], data: new Int8Array(2), quantization: q, isConstant: false }], outputs: [], options: null }), false);
});
