import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UnsupportedError } from '../../core/errors.js';
import type { FusedActivation, Padding } from '../../core/options.js';
import { qp, runKernel } from '@tflite-lambda/testing';
import { AVERAGE_POOL_2D_QUANTIZED_KERNEL } from './average_pool_2d.js';
import { MAX_POOL_2D_QUANTIZED_KERNEL } from './max_pool_2d.js';

function pool(
  kernel: typeof MAX_POOL_2D_QUANTIZED_KERNEL, shape: number[], data: number[], f: number, s: number, padding: Padding,
  act: FusedActivation = 'NONE', outZp = -3,
) {
  const [out] = runKernel(kernel, {
    inputs: [{ dtype: 'int8', shape, data, quantization: qp(0.5, -3) }],
    outputs: [{ dtype: 'int8', quantization: qp(0.5, outZp) }],
    options: { kind: 'Pool2DOptions', padding, strideH: s, strideW: s, filterHeight: f, filterWidth: f, fusedActivation: act },
  });
  return { shape: out!.shape, data: Array.from(out!.data as Int8Array) };
}

// 3x3 single-channel image
const IMAGE = [1, -2, 3, -4, 5, -6, 7, -8, -128];

test('quantized max pool 2x2 SAME with stride 2 on odd input takes in-bounds maxima', () => {
  assert.deepEqual(pool(MAX_POOL_2D_QUANTIZED_KERNEL, [1, 3, 3, 1], IMAGE, 2, 2, 'SAME'), { shape: [1, 2, 2, 1], data: [5, 3, 7, -128] });
});

test('quantized max pool RELU clamps at the zero point', () => {
  // all values below zp −3 become −3
  assert.deepEqual(pool(MAX_POOL_2D_QUANTIZED_KERNEL, [1, 1, 2, 1], [-10, -128], 1, 1, 'VALID', 'RELU').data, [-3, -3]);
});

test('quantized average pool divides by the in-bounds count rounding half away from zero', () => {
  // windows: [1,−2,−4,5] = 0/4 = 0; [3,−6] = −3/2 = −1.5 → −2; [7,−8] = −0.5 → −1; [−128] / 1
  assert.deepEqual(pool(AVERAGE_POOL_2D_QUANTIZED_KERNEL, [1, 3, 3, 1], IMAGE, 2, 2, 'SAME'), { shape: [1, 2, 2, 1], data: [0, -2, -1, -128] });
  // 3x3 VALID: sum −132 / 9 = −14.67 → −15
  assert.deepEqual(pool(AVERAGE_POOL_2D_QUANTIZED_KERNEL, [1, 3, 3, 1], IMAGE, 3, 1, 'VALID').data, [-15]);
});

test('quantized pooling refuses different input and output quantization', () => {
  assert.throws(() => pool(MAX_POOL_2D_QUANTIZED_KERNEL, [1, 3, 3, 1], IMAGE, 2, 2, 'SAME', 'NONE', 0), UnsupportedError);
});
