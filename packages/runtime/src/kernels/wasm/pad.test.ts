import assert from 'node:assert/strict';
import { test } from 'node:test';
import { randomFloats, randomInt, runKernel, seededRandom, type RunKernelSpec } from '@tflite-lambda/testing';
import { PAD_KERNEL } from '../reference/pad.js';
import { PAD_WASM_KERNEL } from './pad.js';

function spec(rand: () => number, dtype: 'float32' | 'int8', shape: number[], pads: number[]): RunKernelSpec {
  const n = shape.reduce((a, b) => a * b, 1);
  return {
    inputs: [
      dtype === 'float32'
        ? { dtype, shape, data: randomFloats(rand, n) }
        : { dtype, shape, data: Array.from({ length: n }, () => randomInt(rand, -128, 127)), quantization: { scale: [0.1], zeroPoint: [-7], quantizedDimension: 0 } },
      { dtype: 'int32', shape: [shape.length, 2], data: pads, constant: true },
    ],
    outputs: [{ dtype, quantization: dtype === 'int8' ? { scale: [0.1], zeroPoint: [-7], quantizedDimension: 0 } : null }],
  };
}

test('wasm pad fills the border with the output zero point on int8 NHWC padded in H and W', () => {
  const rand = seededRandom(1);
  const s = spec(rand, 'int8', [1, 3, 4, 5], [0, 0, 1, 2, 0, 1, 0, 0]);
  const [a] = runKernel(PAD_WASM_KERNEL, s);
  const [b] = runKernel(PAD_KERNEL, s);
  assert.deepEqual(a!.shape, [1, 6, 5, 5]);
  assert.deepEqual(Array.from(a!.data as Int8Array), Array.from(b!.data as Int8Array));
  assert.equal((a!.data as Int8Array)[0], -7);
});

test('wasm pad matches the reference on random ranks, shapes and paddings', () => {
  const rand = seededRandom(2);
  for (let i = 0; i < 40; i++) {
    const rank = randomInt(rand, 1, 4);
    const shape = Array.from({ length: rank }, () => randomInt(rand, 1, 5));
    const pads = Array.from({ length: rank * 2 }, () => (rand() < 0.5 ? 0 : randomInt(rand, 0, 3)));
    const s = spec(rand, i % 2 ? 'int8' : 'float32', shape, pads);
    const [a] = runKernel(PAD_WASM_KERNEL, s);
    const [b] = runKernel(PAD_KERNEL, s);
    assert.deepEqual(a!.shape, b!.shape, `case ${i}`);
    assert.deepEqual(Array.from(a!.data as Float32Array), Array.from(b!.data as Float32Array), `case ${i}`);
  }
});
