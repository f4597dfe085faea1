/** Hybrid (int8 weights, float activations) CONV_2D and FULLY_CONNECTED against the reference kernels. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Conv2DOptions, FullyConnectedOptions } from '../../core/options.js';
import { fakeQuantizeRowsInt8 } from '../common/hybrid.js';
import { roundHalfEven } from '../common/quantization.js';
import {
  assertClose,
  randomFloats,
  randomInt,
  runKernel,
  seededRandom,
  type RunKernelSpec,
} from '@tflite-lambda/testing';
import type { KernelRegistration } from '../kernel.js';
import { CONV_2D_KERNEL } from '../reference/conv_2d.js';
import { FULLY_CONNECTED_KERNEL } from '../reference/fully_connected.js';
import { CONV_2D_WASM_KERNEL } from './conv_2d.js';
import { dynamicInt8Params } from './dynamic_quant.js';
import { FULLY_CONNECTED_WASM_KERNEL } from './fully_connected.js';

function int8Weights(rand: () => number, shape: number[], channels: number) {
  const n = shape.reduce((a, b) => a * b, 1);
  const scale = Array.from({ length: channels }, () => 0.001 + rand() * 0.01);
  return {
    dtype: 'int8' as const, shape, constant: true,
    data: Int8Array.from({ length: n }, () => randomInt(rand, -127, 127)),
    quantization: { scale, zeroPoint: scale.map(() => 0), quantizedDimension: 0 },
  };
}

function compareFloat<O, D, O2, D2>(spec: RunKernelSpec, ours: KernelRegistration<O, D>, ref: KernelRegistration<O2, D2>, what: string): void {
  const [a] = runKernel(ours, spec);
  const [b] = runKernel(ref, spec);
  assert.deepEqual(a!.shape, b!.shape);
  assertClose(a!.data as Float32Array, b!.data as Float32Array, what, 1e-4, 1e-4);
}

test('dynamic int8 parameters reproduce the grid of fakeQuantizeRowsInt8', () => {
  const rand = seededRandom(5);
  for (let i = 0; i < 20; i++) {
    const n = randomInt(rand, 1, 300);
    const lo = -rand() * 5;
    const x = randomFloats(rand, n, i % 5 === 0 ? 0 : lo, rand() * 5);
    const snapped = new Float32Array(n);
    fakeQuantizeRowsInt8(x, snapped, 1, n);
    const q = dynamicInt8Params(x, 0, n);
    for (let k = 0; k < n; k++) {
      const level = Math.min(127, Math.max(-128, roundHalfEven(Math.fround(x[k]! * q.invScale)) + q.zeroPoint));
      assert.equal(Math.fround((level - q.zeroPoint) * q.scale), snapped[k], `case ${i} element ${k}`);
    }
  }
});

test('hybrid conv2d with int8 filter matches the reference on random shapes', () => {
  const rand = seededRandom(21);
  for (let i = 0; i < 30; i++) {
    const inC = randomInt(rand, 1, 13);
    const outC = randomInt(rand, 1, 17);
    const fh = randomInt(rand, 1, 3);
    const fw = randomInt(rand, 1, 3);
    const batches = randomInt(rand, 1, 2);
    const h = randomInt(rand, 2, 10);
    const w = randomInt(rand, 2, 10);
    const options: Conv2DOptions = {
      kind: 'Conv2DOptions', padding: rand() < 0.5 ? 'SAME' : 'VALID', strideH: randomInt(rand, 1, 2), strideW: randomInt(rand, 1, 2),
      dilationH: randomInt(rand, 1, 2), dilationW: 1, fusedActivation: rand() < 0.5 ? 'RELU' : 'NONE',
    };
    compareFloat({
      inputs: [
        { dtype: 'float32', shape: [batches, h, w, inC], data: randomFloats(rand, batches * h * w * inC, -2, 3) },
        int8Weights(rand, [outC, fh, fw, inC], outC),
        { dtype: 'float32', shape: [outC], data: randomFloats(rand, outC), constant: true },
      ],
      outputs: [{ dtype: 'float32' }],
      options,
    }, CONV_2D_WASM_KERNEL, CONV_2D_KERNEL, `case ${i}`);
  }
});

test('hybrid fully connected quantizes each batch row on its own range', () => {
  const rand = seededRandom(22);
  for (let i = 0; i < 20; i++) {
    const batches = randomInt(rand, 1, 4);
    const depth = randomInt(rand, 1, 90);
    const units = randomInt(rand, 1, 20);
    const options: FullyConnectedOptions = {
      kind: 'FullyConnectedOptions', fusedActivation: 'NONE', weightsFormat: 'DEFAULT', keepNumDims: false, asymmetricQuantizeInputs: false,
    };
    const input = randomFloats(rand, batches * depth, -1, 1);
    for (let k = depth; k < batches * depth; k++) input[k]! *= 10; // rows on different ranges
    compareFloat({
      inputs: [
        { dtype: 'float32', shape: [batches, depth], data: input },
        int8Weights(rand, [units, depth], rand() < 0.5 ? 1 : units),
        null,
      ],
      outputs: [{ dtype: 'float32' }],
      options,
    }, FULLY_CONNECTED_WASM_KERNEL, FULLY_CONNECTED_KERNEL, `case ${i}`);
  }
});
