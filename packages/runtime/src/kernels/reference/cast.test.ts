import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DType } from '../../core/dtype.js';
import { UnsupportedError } from '../../core/errors.js';
import { runOne } from '@tflite-lambda/testing';
import { CAST_KERNEL } from './cast.js';

function cast(from: DType, to: DType, data: readonly number[]): number[] {
  return runOne(CAST_KERNEL, [{ dtype: from, shape: [data.length], data }], to).values;
}

test('cast float32 to int32 truncates toward zero', () => {
  assert.deepEqual(cast('float32', 'int32', [1.9, -1.9, 0.5, -0.5, 123456.7]), [1, -1, 0, 0, 123456]);
});

test('cast float32 to narrow integers truncates within range', () => {
  assert.deepEqual(cast('float32', 'uint8', [255.9, 0.9, -0.9]), [255, 0, 0]);
  assert.deepEqual(cast('float32', 'int8', [127.9, -128.9, -3.99]), [127, -128, -3]);
  assert.deepEqual(cast('float32', 'int16', [32767.5, -32768.5]), [32767, -32768]);
});

test('cast of out-of-range floats saturates and NaN gives 0 (undefined in C++; one rule here)', () => {
  assert.deepEqual(cast('float32', 'uint8', [300.7, -1.5, Infinity]), [255, 0, 255]);
  assert.deepEqual(cast('float32', 'int8', [128.5, -129.2]), [127, -128]);
  assert.deepEqual(cast('float32', 'int16', [40000, -1e20]), [32767, -32768]);
  assert.deepEqual(cast('float32', 'int32', [NaN, 3e9, -3e9]), [0, 2147483647, -2147483648]);
  const big = runOne(CAST_KERNEL, [{ dtype: 'float32', shape: [3], data: [1e20, -Infinity, NaN] }], 'int64');
  assert.deepEqual([...(big.data as BigInt64Array)], [2n ** 63n - 1n, -(2n ** 63n), 0n]);
});

test('cast int32 to narrower integers wraps around', () => {
  assert.deepEqual(cast('int32', 'uint8', [256, 257, -1]), [0, 1, 255]);
  assert.deepEqual(cast('int32', 'int8', [128, -129]), [-128, 127]);
  assert.deepEqual(cast('int16', 'uint8', [-2]), [254]);
});

test('cast to and from bool uses value != 0 and 0/1', () => {
  assert.deepEqual(cast('float32', 'bool', [0, -0, 0.1, NaN, -3]), [0, 0, 1, 1, 1]);
  assert.deepEqual(cast('int8', 'bool', [0, -1]), [0, 1]);
  assert.deepEqual(cast('bool', 'float32', [1, 0]), [1, 0]);
  assert.deepEqual(cast('bool', 'int32', [1, 0]), [1, 0]);
});

test('cast int64 to and from other types', () => {
  const out = runOne(CAST_KERNEL, [{ dtype: 'float32', shape: [3], data: [-2.7, 1e10, 5] }], 'int64');
  assert.deepEqual([...(out.data as BigInt64Array)], [-2n, 10000000000n, 5n]);
  const big = { dtype: 'int64' as const, shape: [3], data: new BigInt64Array([2n ** 32n + 5n, -1n, 2n ** 40n]) };
  assert.deepEqual(runOne(CAST_KERNEL, [big], 'int32').values, [5, -1, 0]);
  assert.deepEqual(runOne(CAST_KERNEL, [big], 'float32').values, [Math.fround(2 ** 32 + 5), -1, 2 ** 40]);
  assert.deepEqual(runOne(CAST_KERNEL, [big], 'bool').values, [1, 1, 1]);
  assert.deepEqual([...(runOne(CAST_KERNEL, [{ dtype: 'uint8', shape: [1], data: [200] }], 'int64').data as BigInt64Array)], [200n]);
});

test('cast integers to float32 rounds to the nearest float', () => {
  assert.deepEqual(cast('int32', 'float32', [16777217, -5]), [16777216, -5]);
  assert.deepEqual(cast('uint8', 'float32', [255]), [255]);
});

test('cast float16 input decodes the half bits first', () => {
  // 0x3e00 = 1.5, 0xc500 = -5, 0x0000 = 0
  assert.deepEqual(runOne(CAST_KERNEL, [{ dtype: 'float16', shape: [3], data: [0x3e00, 0xc500, 0] }], 'int32').values, [1, -5, 0]);
  assert.deepEqual(runOne(CAST_KERNEL, [{ dtype: 'float16', shape: [2], data: [0x3e00, 0x8000] }], 'bool').values, [1, 0]);
});

test('cast keeps the shape, including rank 0 and empty tensors', () => {
  const scalar = runOne(CAST_KERNEL, [{ dtype: 'int32', shape: [], data: [7] }], 'float32');
  assert.deepEqual([scalar.shape, scalar.values], [[], [7]]);
  assert.deepEqual(runOne(CAST_KERNEL, [{ dtype: 'int32', shape: [2, 0], data: [] }], 'float32').shape, [2, 0]);
});

test('cast to float16 is refused', () => {
  assert.throws(() => runOne(CAST_KERNEL, [{ dtype: 'float32', shape: [1], data: [1] }], 'float16'), UnsupportedError);
});
