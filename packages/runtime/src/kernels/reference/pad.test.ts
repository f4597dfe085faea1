import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ShapeError, UnsupportedError } from '../../core/errors.js';
import type { QuantizationParams } from '../../core/model.js';
import { constInt32, iota, product, randomInt, ravel, runOne, seededRandom, unravel } from '@tflite-lambda/testing';
import { PAD_KERNEL } from './pad.js';

test('pad a 2x2 matrix with one row above and two columns after', () => {
  const out = runOne(PAD_KERNEL, [{ dtype: 'float32', shape: [2, 2], data: [1, 2, 3, 4] }, constInt32([1, 0, 0, 2], [2, 2])], 'float32');
  assert.deepEqual(out.shape, [3, 4]);
  assert.deepEqual(out.values, [0, 0, 0, 0, 1, 2, 0, 0, 3, 4, 0, 0]);
});

test('pad of a quantized uint8 tensor fills with the output zero point', () => {
  const q: QuantizationParams = { scale: [0.02], zeroPoint: [128], quantizedDimension: 0 };
  const out = runOne(PAD_KERNEL, [{ dtype: 'uint8', shape: [1], data: [7], quantization: q }, constInt32([1, 1], [1, 2])], { dtype: 'uint8', quantization: q });
  assert.deepEqual(out.values, [128, 7, 128]);
});

test('pad works on int64 and on an empty input', () => {
  const big = runOne(PAD_KERNEL, [{ dtype: 'int64', shape: [1], data: [3] }, constInt32([0, 1], [1, 2])], 'int64');
  assert.deepEqual([...(big.data as BigInt64Array)], [3n, 0n]);
  const empty = runOne(PAD_KERNEL, [{ dtype: 'float32', shape: [0, 1], data: [] }, constInt32([1, 0, 1, 1], [2, 2])], 'float32');
  assert.deepEqual([empty.shape, empty.values], [[1, 3], [0, 0, 0]]);
});

test('pad matches a naive reference on random 4-d shapes (NHWC spatial padding)', () => {
  const rand = seededRandom(21);
  for (let trial = 0; trial < 10; trial++) {
    const shape = Array.from({ length: 4 }, () => randomInt(rand, 1, 3));
    const pads = Array.from({ length: 8 }, () => randomInt(rand, 0, 2));
    const outShape = shape.map((d, i) => d + pads[2 * i]! + pads[2 * i + 1]!);
    const expected = new Array<number>(product(outShape)).fill(0);
    iota(product(shape)).forEach((i) => {
      expected[ravel(unravel(i, shape).map((v, d) => v + pads[2 * d]!), outShape)] = i + 1;
    });
    const out = runOne(PAD_KERNEL, [{ dtype: 'int32', shape, data: iota(product(shape)).map((i) => i + 1) }, constInt32(pads, [4, 2])], 'int32');
    assert.deepEqual([out.shape, out.values], [outShape, expected]);
  }
});

test('pad rejects negative or mis-shaped paddings and dynamic paddings', () => {
  const x = { dtype: 'float32' as const, shape: [2], data: [1, 2] };
  assert.throws(() => runOne(PAD_KERNEL, [x, constInt32([-1, 0], [1, 2])], 'float32'), ShapeError);
  assert.throws(() => runOne(PAD_KERNEL, [x, constInt32([1, 0, 0, 0], [2, 2])], 'float32'), ShapeError);
  assert.throws(() => runOne(PAD_KERNEL, [x, { dtype: 'int32', shape: [1, 2], data: [0, 0] }], 'float32'), UnsupportedError);
});
