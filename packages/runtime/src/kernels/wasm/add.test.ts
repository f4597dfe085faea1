import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ArithmeticOptions, FusedActivation } from '../../core/options.js';
import { randomInt, runKernel, seededRandom, type RunKernelSpec } from '@tflite-lambda/testing';
import { ADD_QUANTIZED_XNNPACK_KERNEL } from '../quantized/add.js';
import { ADD_INT8_WASM_KERNEL } from './add.js';

const q = (scale: number, zeroPoint: number) => ({ scale: [scale], zeroPoint: [zeroPoint], quantizedDimension: 0 });
const ACTS: FusedActivation[] = ['NONE', 'RELU', 'RELU6'];

function spec(rand: () => number, shape: number[], act: FusedActivation): RunKernelSpec {
  const n = shape.reduce((a, b) => a * b, 1);
  const data = () => Array.from({ length: n }, () => randomInt(rand, -128, 127));
  const options: ArithmeticOptions = { kind: 'AddOptions', fusedActivation: act, potScaleInt16: true };
  return {
    inputs: [
      { dtype: 'int8', shape, data: data(), quantization: q(0.01 + rand() * 0.2, randomInt(rand, -128, 127)) },
      { dtype: 'int8', shape, data: data(), quantization: q(0.01 + rand() * 0.2, randomInt(rand, -128, 127)) },
    ],
    outputs: [{ dtype: 'int8', quantization: q(0.02 + rand() * 0.3, randomInt(rand, -128, 127)) }],
    options,
  };
}

test('wasm int8 add is bit-exact with the XNNPACK-arithmetic reference on random scales, zero points and sizes', () => {
  const rand = seededRandom(41);
  for (let i = 0; i < 60; i++) {
    const shape = [1, randomInt(rand, 1, 9), randomInt(rand, 1, 9), randomInt(rand, 1, 17)];
    const s = spec(rand, shape, ACTS[i % 3]!);
    const [a] = runKernel(ADD_INT8_WASM_KERNEL, s);
    const [b] = runKernel(ADD_QUANTIZED_XNNPACK_KERNEL, s);
    assert.deepEqual(a!.shape, b!.shape);
    assert.deepEqual(Array.from(a!.data as Int8Array), Array.from(b!.data as Int8Array), `case ${i}`);
  }
});

test('wasm int8 add leaves broadcasting to the TypeScript kernel', () => {
  const rand = seededRandom(42);
  const s = spec(rand, [1, 2, 2, 3], 'NONE');
  const broadcast = { ...s, inputs: [s.inputs[0]!, { ...s.inputs[1]!, shape: [3], data: [1, 2, 3] }] };
  assert.throws(() => runKernel(ADD_INT8_WASM_KERNEL, broadcast), /does not support/);
});
