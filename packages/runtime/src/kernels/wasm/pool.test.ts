import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FusedActivation, Pool2DOptions } from '../../core/options.js';
import { assertClose, randomFloats, randomInt, runKernel, seededRandom } from '@tflite-lambda/testing';
import { AVERAGE_POOL_2D_KERNEL } from '../reference/average_pool_2d.js';
import { MAX_POOL_2D_KERNEL } from '../reference/max_pool_2d.js';
import { AVERAGE_POOL_2D_WASM_KERNEL } from './average_pool_2d.js';
import { MAX_POOL_2D_8BIT_WASM_KERNEL, MAX_POOL_2D_WASM_KERNEL } from './max_pool_2d.js';
import { MAX_POOL_2D_QUANTIZED_KERNEL } from '../quantized/max_pool_2d.js';

const ACTS: FusedActivation[] = ['NONE', 'RELU', 'RELU6', 'RELU_N1_TO_1'];

function randomCase(rand: () => number, i: number) {
  const shape = [randomInt(rand, 1, 2), randomInt(rand, 1, 11), randomInt(rand, 1, 11), randomInt(rand, 1, 13)];
  const options: Pool2DOptions = {
    kind: 'Pool2DOptions', padding: rand() < 0.5 ? 'SAME' : 'VALID', strideH: randomInt(rand, 1, 3), strideW: randomInt(rand, 1, 3),
    filterHeight: randomInt(rand, 1, Math.min(4, shape[1]!)), filterWidth: randomInt(rand, 1, Math.min(4, shape[2]!)),
    fusedActivation: ACTS[i % 4]!,
  };
  return {
    inputs: [{ dtype: 'float32' as const, shape, data: randomFloats(rand, shape.reduce((a, b) => a * b, 1), -3, 3) }],
    outputs: [{ dtype: 'float32' as const }],
    options,
  };
}

test('wasm max pool matches the reference on random shapes, SAME padding on odd sizes included', () => {
  const rand = seededRandom(31);
  for (let i = 0; i < 50; i++) {
    const spec = randomCase(rand, i);
    const [a] = runKernel(MAX_POOL_2D_WASM_KERNEL, spec);
    const [b] = runKernel(MAX_POOL_2D_KERNEL, spec);
    assert.deepEqual(a!.shape, b!.shape);
    assertClose(a!.data as Float32Array, b!.data as Float32Array, `case ${i}`, 0, 0);
  }
});

test('wasm average pool divides by the in-bounds tap count like the reference', () => {
  const rand = seededRandom(32);
  for (let i = 0; i < 50; i++) {
    const spec = randomCase(rand, i);
    const [a] = runKernel(AVERAGE_POOL_2D_WASM_KERNEL, spec);
    const [b] = runKernel(AVERAGE_POOL_2D_KERNEL, spec);
    assert.deepEqual(a!.shape, b!.shape);
    assertClose(a!.data as Float32Array, b!.data as Float32Array, `case ${i}`, 1e-5, 1e-5);
  }
});

test('wasm 8-bit max pool is bit-exact with the quantized kernel on random int8 and uint8 shapes (ragged 16-channel tails)', () => {
  const rand = seededRandom(33);
  for (let i = 0; i < 40; i++) {
    const dtype = i % 2 === 0 ? 'int8' as const : 'uint8' as const;
    const shape = [randomInt(rand, 1, 2), randomInt(rand, 1, 11), randomInt(rand, 1, 11), randomInt(rand, 1, 37)];
    const [lo, hi] = dtype === 'int8' ? [-128, 127] : [0, 255];
    const quantization = { scale: [0.02 + rand() * 0.1], zeroPoint: [randomInt(rand, lo + 20, hi - 20)], quantizedDimension: 0 };
    const options: Pool2DOptions = {
      kind: 'Pool2DOptions', padding: rand() < 0.5 ? 'SAME' : 'VALID', strideH: randomInt(rand, 1, 3), strideW: randomInt(rand, 1, 3),
      filterHeight: randomInt(rand, 1, Math.min(4, shape[1]!)), filterWidth: randomInt(rand, 1, Math.min(4, shape[2]!)),
      fusedActivation: ACTS[i % 4]!,
    };
    const data = Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => randomInt(rand, lo, hi));
    const spec = { inputs: [{ dtype, shape, data, quantization }], outputs: [{ dtype, quantization }], options };
    const [a] = runKernel(MAX_POOL_2D_8BIT_WASM_KERNEL, spec);
    const [b] = runKernel(MAX_POOL_2D_QUANTIZED_KERNEL, spec);
    assert.deepEqual(a!.shape, b!.shape);
    assert.deepEqual(Array.from(a!.data as Int8Array), Array.from(b!.data as Int8Array), `case ${i}`);
  }
});
