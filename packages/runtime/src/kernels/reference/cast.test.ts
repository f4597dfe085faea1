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

test('cast to float16 rounds to the nearest half (ties to even), overflow to infinity', () => {
  const bits = cast('float32', 'float16', [1.5, -5, 0, 65504, 65520, 1 + 2 ** -11, 1 + 3 * 2 ** -11, 2 ** -24, 2 ** -26, NaN]);
  assert.deepEqual(bits, [0x3e00, 0xc500, 0, 0x7bff, 0x7c00, 0x3c00, 0x3c02, 0x0001, 0, 0x7e00]);
  assert.deepEqual(cast('int32', 'float16', [-2049]), [0xe800]);
});

test('cast between the unsigned and 64-bit float types keeps C++ conversions', () => {
  assert.deepEqual(cast('uint32', 'int32', [4294967295, 5]), [-1, 5]);
  assert.deepEqual(cast('int32', 'uint32', [-1, 7]), [4294967295, 7]);
  assert.deepEqual(cast('int32', 'uint16', [-1, 65536]), [65535, 0]);
  assert.deepEqual(cast('uint16', 'float32', [65535]), [65535]);
  assert.deepEqual(cast('float32', 'uint32', [3.9, -2, 5e9]), [3, 0, 4294967295]);
  assert.deepEqual(cast('float64', 'float32', [0.1]), [Math.fround(0.1)]);
  assert.deepEqual(cast('float64', 'int16', [-7.9]), [-7]);
  const big = { dtype: 'int64' as const, shape: [1], data: new BigInt64Array([-1n]) };
  assert.deepEqual(runOne(CAST_KERNEL, [big], 'uint32').values, [4294967295]);
});

test('cast from complex64 keeps the real part; to complex64 the imaginary part is 0', () => {
  const z = { dtype: 'complex64' as const, shape: [2], data: new Float64Array(new Float32Array([1.5, 9, -2.5, 3]).buffer) };
  assert.deepEqual(runOne(CAST_KERNEL, [z], 'float32').values, [1.5, -2.5]);
  assert.deepEqual(runOne(CAST_KERNEL, [z], 'int32').values, [1, -2]);
  const back = runOne(CAST_KERNEL, [{ dtype: 'int32', shape: [2], data: [4, -1] }], 'complex64');
  assert.deepEqual([...new Float32Array(back.data.buffer, back.data.byteOffset, 4)], [4, 0, -1, 0]);
  const same = runOne(CAST_KERNEL, [z], 'complex64');
  assert.deepEqual([...new Float32Array(same.data.buffer, same.data.byteOffset, 4)], [1.5, 9, -2.5, 3]);
});

test('cast refuses string tensors', () => {
  assert.throws(() => runOne(CAST_KERNEL, [{ dtype: 'int32', shape: [1], data: [1] }], 'string'), UnsupportedError);
});
