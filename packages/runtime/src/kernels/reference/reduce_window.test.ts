import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ShapeError, UnsupportedError } from '../../core/errors.js';
import type { DType } from '../../core/dtype.js';
import type { ReduceWindowOptions } from '../../core/options.js';
import { runKernel } from '@tflite-lambda/testing';
import { REDUCE_WINDOW_KERNEL } from './reduce_window.js';

const i64 = (v: number[], constant = true) => ({ dtype: 'int64' as const, shape: [v.length], data: BigInt64Array.from(v.map(BigInt)), constant });

function reduce(dtype: DType, shape: number[], data: number[], init: number, fn: ReduceWindowOptions['reduceFunction'], win: number[], strides: number[], dilations: number[]) {
  const [out] = runKernel(REDUCE_WINDOW_KERNEL, {
    inputs: [{ dtype, shape, data }, { dtype, shape: [], data: [init] }, i64(win), i64(strides), i64(dilations)],
    outputs: [{ dtype }], options: { kind: 'ReduceWindowOptions', reduceFunction: fn },
  });
  return { shape: out!.shape, values: [...(out!.data as Float32Array)] };
}

test('reduce window sums a strided, dilated window in row-major order', () => {
  // 4×4 iota; window 2×2 with dilation 2 along columns, stride 2 along rows: rows {0,1} cols {0,2} and {1,3}.
  const iota = Array.from({ length: 16 }, (_, i) => i);
  assert.deepEqual(reduce('float32', [4, 4], iota, 100, 'ADD', [2, 2], [2, 1], [1, 2]), {
    shape: [2, 2], values: [100 + 0 + 2 + 4 + 6, 100 + 1 + 3 + 5 + 7, 100 + 8 + 10 + 12 + 14, 100 + 9 + 11 + 13 + 15],
  });
});

test('reduce window gives an empty dimension when the dilated window does not fit', () => {
  assert.deepEqual(reduce('float32', [2, 3], [1, 2, 3, 4, 5, 6], 0, 'MAXIMUM', [3, 1], [1, 1], [1, 1]).shape, [0, 3]);
});

test('integer sums wrap in the element type at every step', () => {
  assert.deepEqual(reduce('int8', [3], [100, 100, -50], 0, 'ADD', [3], [1], [1]).values, [-56 - 50]);
  assert.deepEqual(reduce('uint8', [2], [200, 100], 0, 'ADD', [2], [1], [1]).values, [44]);
});

test('ALL and ANY treat any non-zero value, NaN included, as true and give 0 or 1', () => {
  assert.deepEqual(reduce('float32', [3], [NaN, 2, 0.5], 1, 'ALL', [3], [1], [1]).values, [1]);
  assert.deepEqual(reduce('float32', [2], [0, 0], 0, 'ANY', [2], [1], [1]).values, [0]);
});

test('reduce window refuses UNSUPPORTED, non-constant or zero window vectors', () => {
  assert.throws(() => reduce('float32', [2], [1, 2], 0, 'UNSUPPORTED', [1], [1], [1]), UnsupportedError);
  assert.throws(() => reduce('float32', [2], [1, 2], 0, 'ADD', [0], [1], [1]), ShapeError);
  assert.throws(() => runKernel(REDUCE_WINDOW_KERNEL, {
    inputs: [{ dtype: 'float32', shape: [2], data: [1, 2] }, { dtype: 'float32', shape: [], data: [0] }, i64([1], false), i64([1]), i64([1])],
    outputs: [{ dtype: 'float32' }], options: { kind: 'ReduceWindowOptions', reduceFunction: 'ADD' },
  }), UnsupportedError);
});
