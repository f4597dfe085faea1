import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DType } from '../../core/dtype.js';
import type { QuantizationParams } from '../../core/model.js';
import {
  clampTo,
  qp,
  qpc,
  randomInt,
  refMultiply,
  refQuantize,
  runKernel,
  seededRandom,
} from '@tflite-lambda/testing';
import { QUANTIZE_KERNEL } from './quantize.js';

function runQuantize(inDType: DType, outDType: DType, shape: number[], data: number[], inQ: QuantizationParams | null, outQ: QuantizationParams): number[] {
  const [out] = runKernel(QUANTIZE_KERNEL, {
    inputs: [{ dtype: inDType, shape, data, quantization: inQ }],
    outputs: [{ dtype: outDType, quantization: outQ }],
  });
  assert.deepEqual(out!.shape, shape);
  return Array.from(out!.data as Int32Array);
}

test('QUANTIZE float32 → int8 rounds halves away from zero and clamps (hand-checked)', () => {
  // scale 0.5, zp −1: 0.25 → 0.5 → 1 − 1 = 0; −0.25 → −1 − 1 = −2; 100 → 200 − 1 → 127; −100 → −128
  assert.deepEqual(runQuantize('float32', 'int8', [5], [0.25, -0.25, 100, -100, 0.74], null, qp(0.5, -1)), [0, -2, 127, -128, 0]);
  assert.deepEqual(runQuantize('float32', 'uint8', [3], [-1, 0.3, 1e9], null, qp(0.1, 0)), [0, 3, 255]);
  assert.deepEqual(runQuantize('float32', 'int16', [2], [1, -1], null, qp(2 ** -15, 0)), [32767, -32768]);
});

test('QUANTIZE float32 → int8 per channel uses each channel\'s scale', () => {
  // shape [2, 3] quantized along axis 1 with scales [1, 0.5, 0.25]
  const got = runQuantize('float32', 'int8', [2, 3], [1, 1, 1, -2, -2, -2], null, qpc([1, 0.5, 0.25], 1));
  assert.deepEqual(got, [1, 2, 4, -2, -4, -8]);
});

test('QUANTIZE requantizes int32 → int16 and int16 → int32 with the multiplier in/out', () => {
  const r = seededRandom(1);
  const n = 50;
  const big = Array.from({ length: n }, () => randomInt(r, -(2 ** 31), 2 ** 31 - 1));
  const inQ = qp(1.4901161193847656e-7, 0);
  const outQ = qp(0.0009219714556820691, 0);
  const { m, s } = refQuantize(inQ.scale[0]! / outQ.scale[0]!);
  assert.deepEqual(runQuantize('int32', 'int16', [n], big, inQ, outQ), big.map((v) => clampTo(refMultiply(v, m, s), -32768, 32767)));
  const small = Array.from({ length: n }, () => randomInt(r, -32768, 32767));
  const back = refQuantize(outQ.scale[0]! / inQ.scale[0]!); // > 1: a left shift
  assert.ok(back.s > 0);
  assert.deepEqual(runQuantize('int16', 'int32', [n], small, outQ, inQ), small.map((v) => refMultiply(v, back.m, back.s)));
});

test('QUANTIZE int8 ↔ uint8 with equal scales shifts the zero point by 128', () => {
  const data = [-128, -1, 0, 127];
  assert.deepEqual(runQuantize('int8', 'uint8', [4], data, qp(0.1, -3), qp(0.1, 125)), [0, 127, 128, 255]);
  // and a rescale between int8 tensors, saturating: 2× with zp 0
  assert.deepEqual(runQuantize('int8', 'int8', [4], data, qp(0.2, 0), qp(0.1, 0)), [-128, -2, 0, 127]);
});
