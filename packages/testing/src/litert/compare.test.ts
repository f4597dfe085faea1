import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DType, TypedArray } from '@tflite-lambda/runtime/internal';
import {
  EXACT,
  FLOAT_TOLERANCE,
  QUANTIZED_TOLERANCE,
  SOFTMAX_QUANTIZED_TOLERANCE,
  compareArgmax,
  compareTensors,
  coordsOf,
  toleranceFor,
} from './compare.js';
import type { HostTensor } from './host_tensor.js';

const f32 = (shape: number[], values: number[]): HostTensor => ({ dtype: 'float32', shape, data: Float32Array.from(values) });
const tensor = (dtype: DType, shape: number[], data: TypedArray): HostTensor => ({ dtype, shape, data });

describe('corpus tolerances', () => {
  it('picks 1e-4 + 1e-4·|ref| for float, 1 for quantized, 2 for quantized softmax, exact for int64', () => {
    assert.deepEqual(toleranceFor('float32'), FLOAT_TOLERANCE);
    assert.deepEqual(toleranceFor('int8'), QUANTIZED_TOLERANCE);
    assert.deepEqual(toleranceFor('int32'), QUANTIZED_TOLERANCE);
    assert.deepEqual(toleranceFor('uint8', { softmax: true }), SOFTMAX_QUANTIZED_TOLERANCE);
    assert.deepEqual(toleranceFor('int64'), EXACT);
  });
});

describe('compareTensors', () => {
  it('accepts a float difference at the edge of 1e-4 + 1e-4·|ref| and rejects one just past it', () => {
    // ref 100: allowed 1e-4 + 1e-2 = 0.0101
    assert.equal(compareTensors(f32([2], [100.01, 0.00005]), f32([2], [100, 0]), FLOAT_TOLERANCE), null);
    const m = compareTensors(f32([2], [100, 0.0003]), f32([2], [100, 0]), FLOAT_TOLERANCE);
    assert.ok(m);
    assert.equal(m.count, 1);
    assert.equal(m.worstIndex, 1);
  });

  it('reports the worst element with its index, coordinates and both values', () => {
    const ours = f32([2, 3], [0, 0, 0.5, 0, 0, 2]);
    const ref = f32([2, 3], [0, 0, 0, 0, 0, 0]);
    const m = compareTensors(ours, ref, FLOAT_TOLERANCE, 'logits');
    assert.ok(m);
    assert.equal(m.count, 2);
    assert.equal(m.worstIndex, 5);
    assert.equal(m.actual, 2);
    assert.equal(m.expected, 0);
    assert.match(m.report, /^logits: .*2 of 6 elements .*index 5 \[1,2\]: ours 2, reference 0/);
  });

  it('allows one quantization step and not two', () => {
    const ref = tensor('int8', [3], Int8Array.from([-128, 0, 127]));
    assert.equal(compareTensors(tensor('int8', [3], Int8Array.from([-127, 1, 126])), ref, QUANTIZED_TOLERANCE), null);
    const m = compareTensors(tensor('int8', [3], Int8Array.from([-128, 2, 127])), ref, QUANTIZED_TOLERANCE);
    assert.equal(m?.worstIndex, 1);
    assert.equal(compareTensors(tensor('int8', [3], Int8Array.from([-128, 2, 127])), ref, SOFTMAX_QUANTIZED_TOLERANCE), null);
  });

  it('treats NaN as equal only to NaN and an infinity only to itself', () => {
    assert.equal(compareTensors(f32([2], [NaN, Infinity]), f32([2], [NaN, Infinity]), FLOAT_TOLERANCE), null);
    assert.equal(compareTensors(f32([1], [NaN]), f32([1], [0]), FLOAT_TOLERANCE)?.count, 1);
    assert.equal(compareTensors(f32([1], [-Infinity]), f32([1], [Infinity]), FLOAT_TOLERANCE)?.count, 1);
  });

  it('fails on a different shape or dtype before looking at values', () => {
    assert.match(compareTensors(f32([2, 1], [0, 0]), f32([2], [0, 0]), FLOAT_TOLERANCE)?.report ?? '', /shape differs/);
    const asInt = tensor('int32', [2], Int32Array.from([0, 0]));
    assert.match(compareTensors(asInt, f32([2], [0, 0]), FLOAT_TOLERANCE)?.report ?? '', /dtype or shape/);
  });

  it('compares int64 exactly', () => {
    const ref = tensor('int64', [2], BigInt64Array.from([1n, 2n]));
    assert.equal(compareTensors(tensor('int64', [2], BigInt64Array.from([1n, 2n])), ref, EXACT), null);
    assert.equal(compareTensors(tensor('int64', [2], BigInt64Array.from([1n, 3n])), ref, EXACT)?.worstIndex, 1);
  });
});

describe('coordsOf', () => {
  it('turns a flat index into row-major coordinates', () => {
    assert.deepEqual(coordsOf(0, [2, 3, 4]), [0, 0, 0]);
    assert.deepEqual(coordsOf(23, [2, 3, 4]), [1, 2, 3]);
    assert.deepEqual(coordsOf(13, [2, 3, 4]), [1, 0, 1]);
  });
});

describe('compareArgmax', () => {
  it('requires the same top-1 when the reference margin exceeds the tolerance', () => {
    const ref = f32([1, 3], [0.1, 0.7, 0.2]);
    assert.equal(compareArgmax(f32([1, 3], [0.1, 0.6, 0.3]), ref, FLOAT_TOLERANCE), null);
    assert.match(compareArgmax(f32([1, 3], [0.1, 0.3, 0.6]), ref, FLOAT_TOLERANCE) ?? '', /class 2, the reference's is 1/);
  });

  it('does not judge rows whose reference margin is within the tolerance', () => {
    const ref = tensor('uint8', [1, 3], Uint8Array.from([10, 200, 199]));
    assert.equal(compareArgmax(tensor('uint8', [1, 3], Uint8Array.from([10, 199, 200])), ref, QUANTIZED_TOLERANCE), null);
  });

  it('checks every row of a batch and ignores non-classifier shapes', () => {
    const ref = f32([2, 2], [1, 0, 0, 1]);
    assert.match(compareArgmax(f32([2, 2], [1, 0, 1, 0]), ref, FLOAT_TOLERANCE) ?? '', /row 1:/);
    assert.equal(compareArgmax(f32([4], [0, 1, 0, 0]), f32([4], [1, 0, 0, 0]), FLOAT_TOLERANCE), null);
  });
});
