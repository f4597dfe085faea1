import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DType } from '../../core/dtype.js';
import type { AnyKernel } from '../kernel.js';
import { randomFloats, runKernel, seededRandom, type TestTensorSpec } from '@tflite-lambda/testing';
import { EQUAL_KERNEL } from './equal.js';
import { GREATER_KERNEL } from './greater.js';
import { GREATER_EQUAL_KERNEL } from './greater_equal.js';
import { LESS_KERNEL } from './less.js';
import { LESS_EQUAL_KERNEL } from './less_equal.js';
import { LOGICAL_AND_KERNEL } from './logical_and.js';
import { LOGICAL_NOT_KERNEL } from './logical_not.js';
import { LOGICAL_OR_KERNEL } from './logical_or.js';
import { NOT_EQUAL_KERNEL } from './not_equal.js';
import { SELECT_KERNEL } from './select.js';
import { SELECT_V2_KERNEL } from './select_v2.js';

function compare(k: AnyKernel, a: TestTensorSpec, b: TestTensorSpec) {
  const [out] = runKernel(k, { inputs: [a, b], outputs: [{ dtype: 'bool' }] });
  assert.equal(out!.dtype, 'bool');
  return { shape: out!.shape, data: [...(out!.data as Uint8Array)] };
}

const t = (dtype: DType, shape: number[], data: number[]): TestTensorSpec => ({ dtype, shape, data });

test('the six comparisons give a bool tensor, ties included', () => {
  const a = t('float32', [4], [1, 2, 3, 4]);
  const b = t('float32', [4], [2, 2, 2, 2]);
  assert.deepEqual(compare(LESS_KERNEL, a, b).data, [1, 0, 0, 0]);
  assert.deepEqual(compare(LESS_EQUAL_KERNEL, a, b).data, [1, 1, 0, 0]);
  assert.deepEqual(compare(GREATER_KERNEL, a, b).data, [0, 0, 1, 1]);
  assert.deepEqual(compare(GREATER_EQUAL_KERNEL, a, b).data, [0, 1, 1, 1]);
  assert.deepEqual(compare(EQUAL_KERNEL, a, b).data, [0, 1, 0, 0]);
  assert.deepEqual(compare(NOT_EQUAL_KERNEL, a, b).data, [1, 0, 1, 1]);
});

test('comparisons broadcast numpy-style against a naive double loop', () => {
  const rand = seededRandom(5);
  const a = [...randomFloats(rand, 6)].map((v) => Math.round(v * 3));
  const b = [...randomFloats(rand, 4)].map((v) => Math.round(v * 3));
  const out = compare(GREATER_KERNEL, t('int32', [3, 2, 1], a), t('int32', [1, 4], b));
  assert.deepEqual(out.shape, [3, 2, 4]);
  const expected: number[] = [];
  for (let i = 0; i < 6; i++) for (let j = 0; j < 4; j++) expected.push(a[i]! > b[j]! ? 1 : 0);
  assert.deepEqual(out.data, expected);
});

test('int8 comparisons with shared parameters compare raw values; int64 and rank 0 work', () => {
  const q = { scale: [0.5], zeroPoint: [3], quantizedDimension: 0 };
  const out = compare(LESS_KERNEL, { dtype: 'int8', shape: [3], data: [-5, 0, 7], quantization: q }, { dtype: 'int8', shape: [], data: [0], quantization: q });
  assert.deepEqual(out.data, [1, 0, 0]);
  assert.deepEqual(compare(EQUAL_KERNEL, t('int64', [2], [5, 6]), t('int64', [2], [5, 7])).data, [1, 0]);
  assert.deepEqual(compare(NOT_EQUAL_KERNEL, t('bool', [], [1]), t('bool', [], [0])), { shape: [], data: [1] });
});

test('int8 comparisons rescale each input like TFLite: different scales compare by real value', () => {
  const q = (scale: number, zp: number) => ({ scale: [scale], zeroPoint: [zp], quantizedDimension: 0 });
  // Real values: a = (10, 20, 30) · 0.5 = (5, 10, 15); b = (20, 40, 60) · 0.25 = (5, 10, 15), then shifted by zero points.
  const a: TestTensorSpec = { dtype: 'int8', shape: [3], data: [10, 20, 31], quantization: q(0.5, 0) };
  const b: TestTensorSpec = { dtype: 'int8', shape: [3], data: [21, 41, 61], quantization: q(0.25, 1) };
  assert.deepEqual(compare(EQUAL_KERNEL, a, b).data, [1, 1, 0]);
  assert.deepEqual(compare(GREATER_KERNEL, a, b).data, [0, 0, 1]);
});

test('int8 comparisons with a scale below 1/256 can see neighbouring codes as equal, as TFLite does', () => {
  const q = { scale: [0.001], zeroPoint: [0], quantizedDimension: 0 };
  // (3·256)·0.001 and (4·256)·0.001 both round to 1.
  const a: TestTensorSpec = { dtype: 'int8', shape: [1], data: [3], quantization: q };
  const b: TestTensorSpec = { dtype: 'int8', shape: [1], data: [4], quantization: q };
  assert.deepEqual(compare(LESS_KERNEL, a, b).data, [0]);
  assert.deepEqual(compare(EQUAL_KERNEL, a, b).data, [1]);
});

test('LOGICAL_AND, LOGICAL_OR broadcast and LOGICAL_NOT negates', () => {
  const a = t('bool', [2, 2], [1, 1, 0, 0]);
  const b = t('bool', [2], [1, 0]);
  assert.deepEqual(compare(LOGICAL_AND_KERNEL, a, b).data, [1, 0, 0, 0]);
  assert.deepEqual(compare(LOGICAL_OR_KERNEL, a, b).data, [1, 1, 1, 0]);
  const [not] = runKernel(LOGICAL_NOT_KERNEL, { inputs: [a], outputs: [{ dtype: 'bool' }] });
  assert.deepEqual([...(not!.data as Uint8Array)], [0, 0, 1, 1]);
});

test('SELECT_V2 broadcasts condition, x and y to one shape', () => {
  const [out] = runKernel(SELECT_V2_KERNEL, {
    inputs: [t('bool', [2, 1], [1, 0]), t('float32', [1, 3], [1, 2, 3]), t('float32', [], [-1])],
    outputs: [{ dtype: 'float32' }],
  });
  assert.deepEqual(out!.shape, [2, 3]);
  assert.deepEqual([...(out!.data as Float32Array)], [1, 2, 3, -1, -1, -1]);
});

test('SELECT takes a condition vector along the first axis of x', () => {
  const [out] = runKernel(SELECT_KERNEL, {
    inputs: [t('bool', [2], [0, 1]), t('int32', [2, 2], [1, 2, 3, 4]), t('int32', [2, 2], [10, 20, 30, 40])],
    outputs: [{ dtype: 'int32' }],
  });
  assert.deepEqual([...(out!.data as Int32Array)], [10, 20, 3, 4]);
  assert.throws(
    () => runKernel(SELECT_KERNEL, {
      inputs: [t('bool', [3], [0, 1, 1]), t('int32', [2, 2], [1, 2, 3, 4]), t('int32', [2, 2], [1, 2, 3, 4])],
      outputs: [{ dtype: 'int32' }],
    }),
    /condition/,
  );
});

test('SELECT_V2 handles empty tensors', () => {
  const [out] = runKernel(SELECT_V2_KERNEL, {
    inputs: [t('bool', [0, 2], []), t('float32', [0, 2], []), t('float32', [1], [5])],
    outputs: [{ dtype: 'float32' }],
  });
  assert.deepEqual(out!.shape, [0, 2]);
});
