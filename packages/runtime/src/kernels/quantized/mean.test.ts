import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { QuantizationParams } from '../../core/model.js';
import {
  clampTo,
  qp,
  randomInt,
  refMultiply,
  refQuantize,
  rint,
  runKernel,
  seededRandom,
} from '@tflite-lambda/testing';
import { foldCountIntoMultiplier, MEAN_QUANTIZED_KERNEL, MEAN_QUANTIZED_XNNPACK_KERNEL } from './mean.js';

function runMean(kernel: typeof MEAN_QUANTIZED_KERNEL, shape: number[], data: number[], axes: number[], keepDims: boolean, inQ: QuantizationParams, outQ: QuantizationParams) {
  const [out] = runKernel(kernel, {
    inputs: [
      { dtype: 'int8', shape, data, quantization: inQ },
      { dtype: 'int32', shape: [axes.length], data: axes, constant: true },
    ],
    outputs: [{ dtype: 'int8', quantization: outQ }],
    options: { kind: 'ReducerOptions', keepDims },
  });
  return { shape: out!.shape, data: Array.from(out!.data as Int8Array) };
}

test('quantized MEAN over H and W folds 1/n into the multiplier like TFLite', () => {
  const r = seededRandom(1);
  const shape = [2, 7, 7, 3];
  const data = Array.from({ length: 294 }, () => randomInt(r, -128, 127));
  const inQ = qp(0.07, -9);
  const outQ = qp(0.03, 4);
  const got = runMean(MEAN_QUANTIZED_KERNEL, shape, data, [1, 2], true, inQ, outQ);
  assert.deepEqual(got.shape, [2, 1, 1, 3]);
  const base = refQuantize(inQ.scale[0]! / outQ.scale[0]!);
  const shift = Math.min(Math.floor(Math.log2(49)), 32, 31 + base.s); // 5
  const m = Number((BigInt(base.m) << BigInt(shift)) / 49n);
  const expected: number[] = [];
  const xnn: number[] = [];
  const scale = Math.fround(Math.fround(inQ.scale[0]! / outQ.scale[0]!) / 49);
  for (let b = 0; b < 2; b++) for (let c = 0; c < 3; c++) {
    let sum = 0;
    for (let i = 0; i < 49; i++) sum += data[(b * 49 + i) * 3 + c]! + 9;
    expected.push(clampTo(refMultiply(sum, m, base.s - shift) + 4, -128, 127));
    xnn.push(clampTo(rint(Math.fround(Math.fround(sum) * scale)) + 4, -128, 127));
  }
  assert.deepEqual(got.data, expected);
  assert.deepEqual(runMean(MEAN_QUANTIZED_XNNPACK_KERNEL, shape, data, [1, 2], true, inQ, outQ).data, xnn);
});

test('quantized MEAN with equal scales averages (hand-checked) and drops axes without keep_dims', () => {
  // rows [1, 2, 4] → 7/3 = 2.33 → 2; [−1, −2, −4] → −2.33 → −2 (zero points 0, scale 1)
  const got = runMean(MEAN_QUANTIZED_KERNEL, [2, 3], [1, 2, 4, -1, -2, -4], [-1], false, qp(1), qp(1));
  assert.deepEqual(got, { shape: [2], data: [2, -2] });
});

test('foldCountIntoMultiplier caps the shift at 31 + the output shift', () => {
  assert.deepEqual(foldCountIntoMultiplier(1 << 30, 0, 4), { multiplier: 1 << 30, shift: -2 });
  const capped = foldCountIntoMultiplier(1 << 30, -30, 1000);
  assert.equal(capped.shift, -31);
  assert.equal(capped.multiplier, Math.floor(2 ** 31 / 1000));
});
