import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ShapeError, UnsupportedError } from '../../core/errors.js';
import type { StridedSliceOptions } from '../../core/options.js';
import { constInt32, iota, product, randomInt, ravel, runOne, seededRandom, unravel } from '@tflite-lambda/testing';
import { STRIDED_SLICE_KERNEL } from './strided_slice.js';

function opts(o: Partial<StridedSliceOptions> = {}): StridedSliceOptions {
  return { kind: 'StridedSliceOptions', beginMask: 0, endMask: 0, ellipsisMask: 0, newAxisMask: 0, shrinkAxisMask: 0, offset: false, ...o };
}

function slice(shape: number[], begin: number[], end: number[], strides: number[], o: Partial<StridedSliceOptions> = {}) {
  const input = { dtype: 'int32' as const, shape, data: iota(product(shape)) };
  return runOne(STRIDED_SLICE_KERNEL, [input, constInt32(begin), constInt32(end), constInt32(strides)], 'int32', opts(o));
}

test('strided slice x[1:, ::-1] on a 3x4 matrix (begin/end masks, negative stride)', () => {
  const out = slice([3, 4], [1, 0], [0, 0], [1, -1], { beginMask: 0b10, endMask: 0b11 });
  assert.deepEqual([out.shape, out.values], [[2, 4], [7, 6, 5, 4, 11, 10, 9, 8]]);
});

test('strided slice x[::-2] on a vector of 5 and x[3:0:-1]', () => {
  assert.deepEqual(slice([5], [0], [0], [-2], { beginMask: 1, endMask: 1 }).values, [4, 2, 0]);
  assert.deepEqual(slice([5], [3], [0], [-1]).values, [3, 2, 1]);
});

test('strided slice x[..., 1] with an ellipsis and shrink_axis', () => {
  const out = slice([2, 3, 4], [0, 1], [0, 2], [1, 1], { ellipsisMask: 1, shrinkAxisMask: 0b10 });
  assert.deepEqual([out.shape, out.values], [[2, 3], [1, 5, 9, 13, 17, 21]]);
});

test('strided slice x[:, newaxis, 1:] inserts a size-1 dimension', () => {
  const out = slice([2, 3], [0, 0, 1], [0, 0, 0], [1, 1, 1], { beginMask: 0b001, endMask: 0b101, newAxisMask: 0b010 });
  assert.deepEqual([out.shape, out.values], [[2, 1, 2], [1, 2, 4, 5]]);
});

test('strided slice x[-1] shrinks with a negative index', () => {
  const out = slice([3, 2], [-1], [0], [1], { shrinkAxisMask: 1 });
  assert.deepEqual([out.shape, out.values], [[2], [4, 5]]);
});

test('strided slice of a SHAPE vector to a scalar, as Keras exports do', () => {
  const out = slice([4], [0], [1], [1], { shrinkAxisMask: 1 });
  assert.deepEqual([out.shape, out.values], [[], [0]]);
});

test('strided slice with offset treats end as a length from begin', () => {
  assert.deepEqual(slice([6], [2], [3], [1], { offset: true }).values, [2, 3, 4]);
});

test('strided slice clamps out-of-range begin/end and gives empty outputs for empty ranges', () => {
  assert.deepEqual(slice([4], [-10], [10], [1]).values, [0, 1, 2, 3]);
  const empty = slice([4], [3], [1], [1]);
  assert.deepEqual([empty.shape, empty.values], [[0], []]);
});

test('strided slice with fewer spec entries than dimensions keeps the rest whole', () => {
  const out = slice([3, 2], [1], [2], [1]);
  assert.deepEqual([out.shape, out.values], [[1, 2], [2, 3]]);
});

/** Python's slice.indices(): an independent statement of the start/stop rules for a plain slice. */
function pySliceIndices(len: number, start: number | null, stop: number | null, step: number): number[] {
  const lo = step < 0 ? -1 : 0;
  const hi = step < 0 ? len - 1 : len;
  const norm = (v: number) => Math.min(Math.max(v < 0 ? v + len : v, lo), hi);
  const s = start === null ? (step < 0 ? hi : lo) : norm(start);
  const e = stop === null ? (step < 0 ? lo : hi) : norm(stop);
  const out: number[] = [];
  for (let i = s; step > 0 ? i < e : i > e; i += step) out.push(i);
  return out;
}

test('strided slice matches Python slicing on random specs with masks', () => {
  const rand = seededRandom(99);
  for (let trial = 0; trial < 40; trial++) {
    const rank = randomInt(rand, 1, 4);
    const shape = Array.from({ length: rank }, () => randomInt(rand, 1, 5));
    const begin: number[] = [];
    const end: number[] = [];
    const strides: number[] = [];
    let beginMask = 0;
    let endMask = 0;
    const picks = shape.map((len, d) => {
      begin.push(randomInt(rand, -6, 6));
      end.push(randomInt(rand, -6, 6));
      strides.push(randomInt(rand, 1, 3) * (rand() < 0.4 ? -1 : 1));
      if (rand() < 0.3) beginMask |= 1 << d;
      if (rand() < 0.3) endMask |= 1 << d;
      return pySliceIndices(len, beginMask & (1 << d) ? null : begin[d]!, endMask & (1 << d) ? null : end[d]!, strides[d]!);
    });
    const outShape = picks.map((p) => p.length);
    const expected = iota(product(outShape)).map((i) => ravel(unravel(i, outShape).map((v, d) => picks[d]![v]!), shape));
    const out = slice(shape, begin, end, strides, { beginMask, endMask });
    assert.deepEqual([out.shape, out.values], [outShape, expected], `shape ${shape} begin ${begin} end ${end} strides ${strides}`);
  }
});

test('strided slice rejects zero strides, out-of-range shrinks and dynamic begin', () => {
  assert.throws(() => slice([3], [0], [3], [0]), ShapeError);
  assert.throws(() => slice([3], [5], [6], [1], { shrinkAxisMask: 1 }), ShapeError);
  const x = { dtype: 'float32' as const, shape: [3], data: [1, 2, 3] };
  const dyn = { dtype: 'int32' as const, shape: [1], data: [0] };
  assert.throws(() => runOne(STRIDED_SLICE_KERNEL, [x, dyn, constInt32([1]), constInt32([1])], 'float32', opts()), UnsupportedError);
});
