import assert from 'node:assert/strict';
import { test } from 'node:test';
import { complexParts } from '../../core/dtype.js';
import { ShapeError } from '../../core/errors.js';
import { runKernel } from '@tflite-lambda/testing';
import { COMPLEX_ABS_KERNEL } from './complex_abs.js';
import { IMAG_KERNEL } from './imag.js';
import { REAL_KERNEL } from './real.js';
import { RFFT2D_KERNEL } from './rfft2d.js';

function rfft(x: number[], shape: number[], fft: [number, number]): number[] {
  const [out] = runKernel(RFFT2D_KERNEL, {
    inputs: [{ dtype: 'float32', shape, data: x }, { dtype: 'int32', shape: [2], data: fft, constant: true }],
    outputs: [{ dtype: 'complex64' }],
  });
  return [...complexParts(out!.data)];
}

test('RFFT2D of an impulse is all ones; of a constant, only the DC term', () => {
  assert.deepEqual(rfft([1, 0, 0, 0, 0, 0, 0, 0], [2, 4], [2, 4]), [1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0]);
  assert.deepEqual(rfft([2, 2, 2, 2], [1, 4], [1, 4]), [8, 0, 0, 0, 0, 0]);
});

test('RFFT2D uses e^(−2πi·kn/N): [0, 1, 0, 0] gives 1, −i, −1', () => {
  assert.deepEqual(rfft([0, 1, 0, 0], [1, 4], [1, 4]).map((v) => Math.round(v * 1e6) / 1e6 || 0), [1, 0, 0, -1, -1, 0]);
});

test('RFFT2D crops the input to fft_length and zero-pads it beyond', () => {
  assert.deepEqual(rfft([1, 1, 5, 5], [1, 4], [1, 2]), [2, 0, 0, 0]);
  assert.deepEqual(rfft([3], [1, 1], [1, 4]), [3, 0, 3, 0, 3, 0]);
});

test('RFFT2D refuses fft lengths that are not powers of two', () => {
  assert.throws(() => rfft([1, 2, 3], [1, 3], [1, 3]), ShapeError);
});

test('COMPLEX_ABS, REAL and IMAG read each (real, imaginary) pair', () => {
  const pairs = Float32Array.from([3, 4, -1, 0, 0, -2]);
  const input = { dtype: 'complex64' as const, shape: [3], data: new Float64Array(pairs.buffer) };
  const run = (k: typeof REAL_KERNEL) => [...runKernel(k, { inputs: [input], outputs: [{ dtype: 'float32' }] })[0]!.data];
  assert.deepEqual(run(COMPLEX_ABS_KERNEL), [5, 1, 2]);
  assert.deepEqual(run(REAL_KERNEL), [3, -1, 0]);
  assert.deepEqual(run(IMAG_KERNEL), [4, 0, -2]);
});
