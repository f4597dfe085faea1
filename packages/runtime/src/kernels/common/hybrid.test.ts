import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RuntimeTensor } from '../kernel.js';
import { dequantizeWeights, fakeQuantizeRowsInt8, isHybridWeight } from './hybrid.js';
import { assertClose } from '@tflite-lambda/testing';

const f = Math.fround;

test('fake int8 quantization of a non-negative row uses zero point −128 and rounds half to even', () => {
  // range [0, 2.55] → inverse scale 100, zero point −128: values snap to multiples of 0.01
  const input = Float32Array.of(0, 0.123, 0.125, 0.135, 2.55);
  const out = new Float32Array(5);
  fakeQuantizeRowsInt8(input, out, 1, 5);
  const scale = f(1 / f(255 / f(2.55)));
  // 0.125·100 = 12.5 → 12 (even), 0.135·100 ≈ 13.5 in float32 → rounds to its nearest
  const q = (x: number) => {
    const v = f(x * f(255 / f(2.55)));
    const r = Math.round(v);
    return r - v === 0.5 && r % 2 !== 0 ? r - 1 : r;
  };
  assertClose(out, [0, q(0.123) * scale, 12 * scale, q(f(0.135)) * scale, 255 * scale].map(f), 'row', 0, 0);
  assert.equal(q(0.125), 12);
});

test('fake int8 quantization of a mixed-sign row keeps both ends exact', () => {
  // range [−1, 0.5] → inverse scale 170, zero point 127 − 85 = 42
  const out = new Float32Array(4);
  fakeQuantizeRowsInt8(Float32Array.of(-1, 0.5, 0.1, 0), out, 1, 4);
  const scale = f(1 / 170);
  assertClose(out, [-170 * scale, 85 * scale, 17 * scale, 0].map(f), 'row', 0, 0);
});

test('fake int8 quantization treats each row on its own and leaves zero rows at zero', () => {
  const out = new Float32Array(4);
  fakeQuantizeRowsInt8(Float32Array.of(0, 0, 0.5, 1), out, 2, 2);
  assert.deepEqual([...out.slice(0, 2)], [0, 0]);
  // range [0, 1]: 0.5·255 = 127.5 rounds to the even 128
  const scale = f(1 / 255);
  assertClose(out.slice(2), [f(128 * scale), f(255 * scale)], 'second row', 0, 0);
});

function int8Tensor(shape: number[], data: number[], scale: number[], axis = 0): RuntimeTensor {
  return {
    index: 1, name: 'w', dtype: 'int8', shape, data: Int8Array.from(data), isConstant: true,
    quantization: { scale, zeroPoint: scale.map(() => 0), quantizedDimension: axis },
  };
}

const node = { index: 4, opName: 'CONV_2D', version: 2, inputs: [], outputs: [], options: null };

test('dequantizeWeights applies per-tensor and per-channel scales', () => {
  assert.deepEqual([...dequantizeWeights(node, int8Tensor([2, 2], [1, -2, 3, 4], [0.5]))], [0.5, -1, 1.5, 2]);
  assert.deepEqual([...dequantizeWeights(node, int8Tensor([2, 2], [1, -2, 3, 4], [0.5, 2]))], [0.5, -1, 6, 8]);
});

test('isHybridWeight needs a constant int8 tensor with scales', () => {
  assert.equal(isHybridWeight(int8Tensor([1], [1], [1])), true);
  assert.equal(isHybridWeight({ ...int8Tensor([1], [1], [1]), isConstant: false }), false);
  assert.equal(isHybridWeight({ ...int8Tensor([1], [1], [1]), quantization: null }), false);
});
