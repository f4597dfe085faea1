import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ShapeError, TensorError, TfliteError } from '../../core/errors.js';
import {
  iota,
  product,
  randomInt,
  ravel,
  runOne,
  seededRandom,
  unravel,
  type TestTensorSpec,
} from '@tflite-lambda/testing';
import { GATHER_KERNEL } from './gather.js';

const opts = (axis: number, batchDims = 0) => ({ kind: 'GatherOptions' as const, axis, batchDims });
const indices = (data: number[], shape = [data.length]): TestTensorSpec => ({ dtype: 'int32', shape, data });
const params = { dtype: 'float32' as const, shape: [3, 2], data: iota(6) };

test('gather rows (axis 0) with repeated indices', () => {
  const out = runOne(GATHER_KERNEL, [params, indices([2, 0, 2])], 'float32', opts(0));
  assert.deepEqual([out.shape, out.values], [[3, 2], [4, 5, 0, 1, 4, 5]]);
});

test('gather columns (axis -1) with a 2-d index tensor', () => {
  const out = runOne(GATHER_KERNEL, [params, indices([1, 0, 1, 1], [2, 2])], 'float32', opts(-1));
  assert.deepEqual(out.shape, [3, 2, 2]);
  assert.deepEqual(out.values, [1, 0, 1, 1, 3, 2, 3, 3, 5, 4, 5, 5]);
});

test('gather with a scalar index drops the axis (embedding lookup of one token)', () => {
  const out = runOne(GATHER_KERNEL, [params, indices([1], [])], 'float32', opts(0));
  assert.deepEqual([out.shape, out.values], [[2], [2, 3]]);
});

test('gather with batch_dims 1 picks per batch', () => {
  const p = { dtype: 'int8' as const, shape: [2, 3], data: [10, 11, 12, 20, 21, 22] };
  const out = runOne(GATHER_KERNEL, [p, indices([2, 0, 1, 1], [2, 2])], 'int8', opts(1, 1));
  assert.deepEqual([out.shape, out.values], [[2, 2], [12, 10, 21, 21]]);
});

test('gather with int64 indices on bool params', () => {
  const p = { dtype: 'bool' as const, shape: [3], data: [1, 0, 1] };
  const ix = { dtype: 'int64' as const, shape: [2], data: [1, 2] };
  assert.deepEqual(runOne(GATHER_KERNEL, [p, ix], 'bool', opts(0)).values, [0, 1]);
});

test('gather throws a TfliteError for an out-of-range or negative index', () => {
  for (const bad of [3, -1]) {
    assert.throws(
      () => runOne(GATHER_KERNEL, [params, indices([0, bad])], 'float32', opts(0)),
      (e: unknown) => e instanceof TensorError && e instanceof TfliteError && /GATHER/.test(e.message),
    );
  }
});

test('gather rejects batch_dims greater than axis', () => {
  assert.throws(() => runOne(GATHER_KERNEL, [params, indices([0, 1, 0], [3, 1])], 'float32', opts(0, 1)), ShapeError);
});

test('gather matches numpy.take on random shapes and axes', () => {
  const rand = seededRandom(17);
  for (let trial = 0; trial < 15; trial++) {
    const rank = randomInt(rand, 1, 4);
    const shape = Array.from({ length: rank }, () => randomInt(rand, 1, 4));
    const axis = randomInt(rand, 0, rank - 1);
    const ixShape = Array.from({ length: randomInt(rand, 0, 2) }, () => randomInt(rand, 1, 3));
    const ix = iota(product(ixShape)).map(() => randomInt(rand, 0, shape[axis]! - 1));
    const outShape = [...shape.slice(0, axis), ...ixShape, ...shape.slice(axis + 1)];
    const expected = iota(product(outShape)).map((i) => {
      const o = unravel(i, outShape);
      const k = ix[ravel(o.slice(axis, axis + ixShape.length), ixShape)]!;
      return ravel([...o.slice(0, axis), k, ...o.slice(axis + ixShape.length)], shape);
    });
    const out = runOne(GATHER_KERNEL, [{ dtype: 'int32', shape, data: iota(product(shape)) }, indices(ix, ixShape)], 'int32', opts(axis));
    assert.deepEqual([out.shape, out.values], [outShape, expected]);
  }
});
