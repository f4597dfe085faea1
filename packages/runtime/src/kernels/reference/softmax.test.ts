import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ShapeError } from '../../core/errors.js';
import { assertClose, randomFloats, runKernel, seededRandom } from '@tflite-lambda/testing';
import { SOFTMAX_KERNEL } from './softmax.js';

function softmax(input: Float32Array, shape: number[], beta: number | null): { shape: number[]; data: Float32Array } {
  const [out] = runKernel(SOFTMAX_KERNEL, {
    inputs: [{ dtype: 'float32', shape, data: input }],
    outputs: [{ dtype: 'float32' }],
    options: beta === null ? null : { kind: 'SoftmaxOptions', beta },
  });
  return { shape: out!.shape, data: out!.data as Float32Array };
}

function expectedSoftmax(x: ArrayLike<number>, depth: number, beta: number): number[] {
  const out: number[] = [];
  for (let r = 0; r < x.length / depth; r++) {
    const row = Array.from({ length: depth }, (_, i) => x[r * depth + i]!);
    const e = row.map((v) => Math.exp(beta * v));
    const s = e.reduce((a, b) => a + b, 0);
    out.push(...e.map((v) => v / s));
  }
  return out;
}

test('softmax of equal logits is uniform and of (0, ln 3) is (1/4, 3/4)', () => {
  assertClose(softmax(Float32Array.of(2, 2, 2, 2), [4], null).data, [0.25, 0.25, 0.25, 0.25]);
  assertClose(softmax(Float32Array.of(0, Math.log(3)), [1, 2], 1).data, [0.25, 0.75]);
});

test('softmax beta scales the logits', () => {
  const x = Float32Array.of(1, 2, 3);
  assertClose(softmax(x, [1, 3], 0.5).data, expectedSoftmax(x, 3, 0.5));
});

test('softmax works along the last axis of a rank-4 tensor', () => {
  const rand = seededRandom(17);
  const x = randomFloats(rand, 2 * 3 * 2 * 5, -4, 4);
  const out = softmax(x, [2, 3, 2, 5], 1);
  assert.deepEqual(out.shape, [2, 3, 2, 5]);
  assertClose(out.data, expectedSoftmax(x, 5, 1));
});

test('softmax stays finite for large logits', () => {
  assertClose(softmax(Float32Array.of(1000, 1000), [2], 1).data, [0.5, 0.5]);
});

test('softmax of an empty tensor is empty and rank 0 is rejected', () => {
  assert.equal(softmax(new Float32Array(0), [0, 3], 1).data.length, 0);
  assert.throws(() => softmax(Float32Array.of(1), [], 1), ShapeError);
});
