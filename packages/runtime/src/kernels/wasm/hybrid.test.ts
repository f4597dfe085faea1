/**
 * Hybrid (int8 weights, float activations) CONV_2D and FULLY_CONNECTED on wasm against the bit-exact
 * TypeScript hybrid kernels (LiteRT's arithmetic): the same float32 values, on random shapes, 1×1 stride-1
 * convolutions (quantized per pixel) included.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Conv2DOptions, FusedActivation, FullyConnectedOptions } from '../../core/options.js';
import { randomFloats, randomInt, runKernel, seededRandom, type RunKernelSpec } from '@tflite-lambda/testing';
import type { KernelRegistration } from '../kernel.js';
import { CONV_2D_HYBRID_KERNEL } from '../quantized/hybrid_conv.js';
import { FULLY_CONNECTED_HYBRID_KERNEL } from '../quantized/hybrid_dense.js';
import { CONV_2D_HYBRID_WASM_KERNEL, FULLY_CONNECTED_HYBRID_WASM_KERNEL } from './hybrid_kernels.js';
import { simdSupported } from './module.js';

const skip = !simdSupported() && 'no WebAssembly SIMD';
const ACTS: FusedActivation[] = ['NONE', 'RELU', 'RELU6', 'RELU_N1_TO_1'];

function int8Weights(rand: () => number, shape: number[], channels: number) {
  const n = shape.reduce((a, b) => a * b, 1);
  const scale = Array.from({ length: channels }, () => 0.001 + rand() * 0.01);
  return {
    dtype: 'int8' as const, shape, constant: true,
    data: Int8Array.from({ length: n }, () => randomInt(rand, -127, 127)),
    quantization: { scale, zeroPoint: scale.map(() => 0), quantizedDimension: 0 },
  };
}

function assertSame<O, D, O2, D2>(spec: RunKernelSpec, ours: KernelRegistration<O, D>, ref: KernelRegistration<O2, D2>, what: string): void {
  const [a] = runKernel(ours, spec);
  const [b] = runKernel(ref, spec);
  assert.deepEqual(a!.shape, b!.shape, what);
  const x = a!.data as Float32Array;
  const y = b!.data as Float32Array;
  for (let i = 0; i < y.length; i++) assert.ok(Object.is(x[i], y[i]), `${what}: element ${i} is ${x[i]}, reference ${y[i]}`);
}

test('wasm hybrid conv2d equals the bit-exact TypeScript kernel on random shapes (1×1 stride-1 quantized per pixel)', { skip }, () => {
  const rand = seededRandom(21);
  for (let i = 0; i < 40; i++) {
    const inC = randomInt(rand, 1, 13);
    const outC = randomInt(rand, 1, 17);
    const pointwise = i % 4 === 0;
    const [fh, fw] = pointwise ? [1, 1] : [randomInt(rand, 1, 3), randomInt(rand, 1, 3)];
    const batches = randomInt(rand, 1, 2);
    const [h, w] = [randomInt(rand, 2, 10), randomInt(rand, 2, 10)];
    const options: Conv2DOptions = {
      kind: 'Conv2DOptions', padding: rand() < 0.5 ? 'SAME' : 'VALID', strideH: pointwise ? 1 : randomInt(rand, 1, 2),
      strideW: pointwise ? 1 : randomInt(rand, 1, 2), dilationH: pointwise ? 1 : randomInt(rand, 1, 2), dilationW: 1,
      fusedActivation: ACTS[i % 4]!,
    };
    assertSame({
      inputs: [
        { dtype: 'float32', shape: [batches, h, w, inC], data: randomFloats(rand, batches * h * w * inC, -2, 3) },
        int8Weights(rand, [outC, fh, fw, inC], rand() < 0.5 ? 1 : outC),
        rand() < 0.8 ? { dtype: 'float32', shape: [outC], data: randomFloats(rand, outC), constant: true } : null,
      ],
      outputs: [{ dtype: 'float32' }],
      options,
    }, CONV_2D_HYBRID_WASM_KERNEL, CONV_2D_HYBRID_KERNEL, `case ${i}`);
  }
});

test('wasm hybrid fully connected quantizes each batch row on its own range, as the TypeScript kernel', { skip }, () => {
  const rand = seededRandom(22);
  for (let i = 0; i < 30; i++) {
    const batches = randomInt(rand, 1, 5);
    const depth = randomInt(rand, 1, 90);
    const units = randomInt(rand, 1, 20);
    const options: FullyConnectedOptions = {
      kind: 'FullyConnectedOptions', fusedActivation: ACTS[i % 4]!, weightsFormat: 'DEFAULT', keepNumDims: false, asymmetricQuantizeInputs: false,
    };
    const input = randomFloats(rand, batches * depth, -1, 1);
    for (let k = depth; k < batches * depth; k++) input[k]! *= 10; // rows on different ranges
    assertSame({
      inputs: [
        { dtype: 'float32', shape: [batches, depth], data: input },
        int8Weights(rand, [units, depth], rand() < 0.5 ? 1 : units),
        rand() < 0.5 ? { dtype: 'float32', shape: [units], data: randomFloats(rand, units), constant: true } : null,
      ],
      outputs: [{ dtype: 'float32' }],
      options,
    }, FULLY_CONNECTED_HYBRID_WASM_KERNEL, FULLY_CONNECTED_HYBRID_KERNEL, `case ${i}`);
  }
});
