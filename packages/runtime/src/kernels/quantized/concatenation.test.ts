import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { QuantizationParams } from '../../core/model.js';
import { qp, runKernel } from '@tflite-lambda/testing';
import { CONCATENATION_QUANTIZED_KERNEL } from './concatenation.js';

function concat(parts: { shape: number[]; data: number[]; q: QuantizationParams }[], axis: number, outQ: QuantizationParams) {
  const [out] = runKernel(CONCATENATION_QUANTIZED_KERNEL, {
    inputs: parts.map((p) => ({ dtype: 'uint8' as const, shape: p.shape, data: p.data, quantization: p.q })),
    outputs: [{ dtype: 'uint8', quantization: outQ }],
    options: { kind: 'ConcatenationOptions', axis, fusedActivation: 'NONE' },
  });
  return { shape: out!.shape, data: Array.from(out!.data as Uint8Array) };
}

test('quantized concatenation copies inputs that share the output quantization', () => {
  const q = qp(0.1, 128);
  const got = concat([{ shape: [2, 1], data: [1, 2], q }, { shape: [2, 2], data: [3, 4, 5, 6], q }], -1, q);
  assert.deepEqual(got, { shape: [2, 3], data: [1, 3, 4, 2, 5, 6] });
});

test('quantized concatenation requantizes inputs with other scales (hand-checked, saturating)', () => {
  // second input: scale 0.2 zp 100 → output scale 0.1 zp 128: q' = 2·(q − 100) + 128
  const out = qp(0.1, 128);
  const got = concat([{ shape: [3], data: [7, 8, 9], q: out }, { shape: [3], data: [100, 101, 250], q: qp(0.2, 100) }], 0, out);
  assert.deepEqual(got, { shape: [6], data: [7, 8, 9, 128, 130, 255] });
  // half-steps round away from zero: scale 0.15 / 0.1 = 1.5 → (1 − 0)·1.5 = 1.5 → 2; 3 → 4.5 → 5
  const half = concat([{ shape: [2], data: [1, 3], q: qp(0.15, 0) }], 0, qp(0.1, 0));
  assert.deepEqual(half.data, [2, 5]);
});
