import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ShapeError } from '../../core/errors.js';
import type { FullyConnectedOptions } from '../../core/options.js';
import { assertClose, randomFloats, randomInt, runKernel, seededRandom } from '@tflite-lambda/testing';
import { FULLY_CONNECTED_KERNEL } from './fully_connected.js';

function fcOptions(o: Partial<FullyConnectedOptions> = {}): FullyConnectedOptions {
  return {
    kind: 'FullyConnectedOptions', fusedActivation: 'NONE', weightsFormat: 'DEFAULT', keepNumDims: false,
    asymmetricQuantizeInputs: false, ...o,
  };
}

function fc(
  input: Float32Array, inShape: number[], weights: Float32Array, wShape: number[], bias: Float32Array | null,
  options: FullyConnectedOptions | null,
): { shape: number[]; data: Float32Array } {
  const [out] = runKernel(FULLY_CONNECTED_KERNEL, {
    inputs: [
      { dtype: 'float32', shape: inShape, data: input },
      { dtype: 'float32', shape: wShape, data: weights, constant: true },
      bias ? { dtype: 'float32', shape: [bias.length], data: bias, constant: true } : null,
    ],
    outputs: [{ dtype: 'float32' }],
    options,
  });
  return { shape: out!.shape, data: out!.data as Float32Array };
}

test('fully connected computes input · weightsᵀ + bias (hand-checked)', () => {
  // x = [1, 2, 3]; W rows (1,0,0) (0,1,1); b = (0.5, -1)
  const out = fc(Float32Array.of(1, 2, 3), [1, 3], Float32Array.of(1, 0, 0, 0, 1, 1), [2, 3], Float32Array.of(0.5, -1), fcOptions());
  assert.deepEqual(out.shape, [1, 2]);
  assert.deepEqual([...out.data], [1.5, 4]);
});

test('fully connected without bias and without stored options defaults to no activation', () => {
  const out = fc(Float32Array.of(-1, -2), [1, 2], Float32Array.of(1, 1), [1, 2], null, null);
  assert.deepEqual([...out.data], [-3]);
});

test('fully connected flattens leading axes into the batch unless keep_num_dims', () => {
  const input = Float32Array.from({ length: 12 }, (_, i) => i);
  const weights = Float32Array.of(1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0);
  // input [2,3,2] with depth 6 → batch 2
  const flat = fc(input, [2, 3, 2], weights, [2, 6], null, fcOptions());
  assert.deepEqual(flat.shape, [2, 2]);
  assert.deepEqual([...flat.data], [15, 0, 51, 0]);
  // keep_num_dims: input [2,3,2] with depth 2 → [2,3,units]
  const kept = fc(input, [2, 3, 2], Float32Array.of(1, -1), [1, 2], null, fcOptions({ keepNumDims: true }));
  assert.deepEqual(kept.shape, [2, 3, 1]);
  assert.deepEqual([...kept.data], [-1, -1, -1, -1, -1, -1]);
});

test('fully connected applies a fused RELU', () => {
  const out = fc(Float32Array.of(1, -1), [2, 1], Float32Array.of(2), [1, 1], null, fcOptions({ fusedActivation: 'RELU' }));
  assert.deepEqual([...out.data], [2, 0]);
});

test('fully connected rejects an input that is not a whole number of rows', () => {
  assert.throws(() => fc(new Float32Array(5), [5], new Float32Array(6), [2, 3], null, fcOptions()), ShapeError);
});

test('fully connected with an empty batch gives an empty output', () => {
  const out = fc(new Float32Array(0), [0, 3], new Float32Array(6), [2, 3], null, fcOptions());
  assert.deepEqual(out.shape, [0, 2]);
});

test('fully connected matches a direct reference on random shapes', () => {
  const rand = seededRandom(13);
  for (let i = 0; i < 30; i++) {
    const batch = randomInt(rand, 1, 4);
    const depth = randomInt(rand, 1, 20);
    const units = randomInt(rand, 1, 10);
    const x = randomFloats(rand, batch * depth);
    const w = randomFloats(rand, units * depth);
    const b = randomFloats(rand, units);
    const expected: number[] = [];
    for (let r = 0; r < batch; r++)
      for (let u = 0; u < units; u++) {
        let s = b[u]!;
        for (let k = 0; k < depth; k++) s += x[r * depth + k]! * w[u * depth + k]!;
        expected.push(s);
      }
    const out = fc(x, [batch, depth], w, [units, depth], b, fcOptions());
    assert.deepEqual(out.shape, [batch, units]);
    assertClose(out.data, expected, `case ${i}`);
  }
});

test('hybrid fully connected snaps each input row to LiteRT\'s int8 grid before multiplying', () => {
  // row (0.123, 2.55): inverse scale 100 → (0.12, 2.55); weights int8 (1, 2) · 0.5
  const [out] = runKernel(FULLY_CONNECTED_KERNEL, {
    inputs: [
      { dtype: 'float32', shape: [2, 2], data: [0.123, 2.55, -1, 0.5] },
      { dtype: 'int8', shape: [1, 2], data: [1, 2], constant: true, quantization: { scale: [0.5], zeroPoint: [0], quantizedDimension: 0 } },
      { dtype: 'float32', shape: [1], data: [1], constant: true },
    ],
    outputs: [{ dtype: 'float32' }],
    options: fcOptions(),
  });
  assert.deepEqual(out!.shape, [2, 1]);
  // second row (−1, 0.5) is exactly on its grid: (−1 + 1)·0.5 + 1 = 1
  assertClose(out!.data as Float32Array, [(0.12 + 2 * 2.55) * 0.5 + 1, 1], 'hybrid', 1e-6, 1e-6);
});
