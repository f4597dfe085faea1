import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UnsupportedError } from '../../core/errors.js';
import type { QuantizationParams } from '../../core/model.js';
import { qp, randomInt, runKernel, seededRandom } from '@tflite-lambda/testing';
import { SOFTMAX_QUANTIZED_KERNEL, softmaxScaling } from './softmax.js';

function runSoftmax(dtype: 'int8' | 'uint8', shape: number[], data: number[], inQ: QuantizationParams, beta = 1, outQ?: QuantizationParams) {
  const [out] = runKernel(SOFTMAX_QUANTIZED_KERNEL, {
    inputs: [{ dtype, shape, data, quantization: inQ }],
    outputs: [{ dtype, quantization: outQ ?? qp(1 / 256, dtype === 'int8' ? -128 : 0) }],
    options: { kind: 'SoftmaxOptions', beta },
  });
  return { shape: out!.shape, data: Array.from(out!.data as Int8Array) };
}

test('softmax int8 of equal logits gives 1/n of 256 steps (hand-checked)', () => {
  // four equal values: 0.25 · 256 = 64 → int8 64 − 128 = −64
  assert.deepEqual(runSoftmax('int8', [1, 4], [5, 5, 5, 5], qp(0.1, 0)), { shape: [1, 4], data: [-64, -64, -64, -64] });
  // uint8, two equal values: 128 each
  assert.deepEqual(runSoftmax('uint8', [2], [200, 200], qp(0.5, 128)).data, [128, 128]);
});

test('softmax int8/uint8 stays within one step of the exact softmax over rows, with beta', () => {
  const r = seededRandom(1);
  for (const [dtype, scale, beta] of [['int8', 0.1, 1], ['uint8', 0.05, 2], ['int8', 0.02, 0.5], ['int8', 1.5, 1]] as const) {
    const rows = 3;
    const depth = 10;
    const [lo, hi] = dtype === 'int8' ? [-128, 127] : [0, 255];
    const data = Array.from({ length: rows * depth }, () => randomInt(r, lo, hi));
    const got = runSoftmax(dtype, [rows, depth], data, qp(scale, 7), beta).data;
    for (let row = 0; row < rows; row++) {
      const xs = data.slice(row * depth, (row + 1) * depth).map((v) => Math.fround(scale) * (v - 7) * beta);
      const max = Math.max(...xs);
      const sum = xs.reduce((s, x) => s + Math.exp(x - max), 0);
      xs.forEach((x, c) => {
        const exact = (Math.exp(x - max) / sum) * 256 + lo;
        const v = got[row * depth + c]!;
        assert.ok(Math.abs(v - Math.min(hi, exact)) <= 1.01, `${dtype} row ${row} col ${c}: ${v} vs ${exact}`);
      });
    }
  }
});

test('softmax differences below diff_min contribute nothing and output the minimum', () => {
  // scale 1: a difference of 100 makes exp(−100), far below diff_min's range of −31
  const { diffMin } = softmaxScaling(1, 1);
  assert.ok(diffMin > -100 && diffMin < 0);
  assert.deepEqual(runSoftmax('int8', [3], [100, 0, 100], qp(1, 0)).data, [0, -128, 0]);
});

test('softmax refuses an output scale other than 1/256', () => {
  assert.throws(() => runSoftmax('int8', [2], [1, 2], qp(0.1), 1, qp(0.1, -128)), UnsupportedError);
});
