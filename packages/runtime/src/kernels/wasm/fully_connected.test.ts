import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FullyConnectedOptions, FusedActivation } from '../../core/options.js';
import { assertClose, randomFloats, randomInt, runKernel, seededRandom } from '@tflite-lambda/testing';
import { FULLY_CONNECTED_KERNEL } from '../reference/fully_connected.js';
import { FULLY_CONNECTED_WASM_KERNEL } from './fully_connected.js';

function compare(batches: number, depth: number, units: number, bias: boolean, act: FusedActivation, seed: number): void {
  const rand = seededRandom(seed);
  const options: FullyConnectedOptions = {
    kind: 'FullyConnectedOptions', fusedActivation: act, weightsFormat: 'DEFAULT', keepNumDims: false, asymmetricQuantizeInputs: false,
  };
  const spec = {
    inputs: [
      { dtype: 'float32' as const, shape: [batches, depth], data: randomFloats(rand, batches * depth, -3, 3) },
      { dtype: 'float32' as const, shape: [units, depth], data: randomFloats(rand, units * depth), constant: true },
      bias ? { dtype: 'float32' as const, shape: [units], data: randomFloats(rand, units), constant: true } : null,
    ],
    outputs: [{ dtype: 'float32' as const }],
    options,
  };
  const [ours] = runKernel(FULLY_CONNECTED_WASM_KERNEL, spec);
  const [ref] = runKernel(FULLY_CONNECTED_KERNEL, spec);
  assert.deepEqual(ours!.shape, ref!.shape);
  assertClose(ours!.data as Float32Array, ref!.data as Float32Array, `${batches}x${depth}x${units}`, 1e-4, 1e-4);
}

test('wasm fully connected with 10 units (a partial column panel) matches the reference', () => {
  compare(1, 33, 10, true, 'NONE', 1);
});

test('wasm fully connected with 5 batch rows uses the 4-row and 1-row kernels', () => {
  compare(5, 16, 24, false, 'RELU', 2);
});

test('wasm fully connected matches the reference on random sizes', () => {
  const rand = seededRandom(3);
  const acts: FusedActivation[] = ['NONE', 'RELU', 'RELU6', 'RELU_N1_TO_1'];
  for (let i = 0; i < 40; i++) {
    compare(randomInt(rand, 1, 9), randomInt(rand, 1, 70), randomInt(rand, 1, 40), rand() < 0.7, acts[randomInt(rand, 0, 3)]!, 10 + i);
  }
});
