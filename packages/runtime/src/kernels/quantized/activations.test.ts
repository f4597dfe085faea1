import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { QuantizationParams } from '../../core/model.js';
import type { BuiltinOptions } from '../../core/options.js';
import { clampTo, qp, refMultiply, refQuantize, runKernel } from '@tflite-lambda/testing';
import type { KernelRegistration } from '../kernel.js';
import { HARD_SWISH_QUANTIZED_KERNEL } from './hard_swish.js';
import { LEAKY_RELU_QUANTIZED_KERNEL } from './leaky_relu.js';
import { LOGISTIC_QUANTIZED_KERNEL } from './logistic.js';
import { RELU_QUANTIZED_KERNEL } from './relu.js';
import { RELU6_QUANTIZED_KERNEL } from './relu6.js';
import { RELU_N1_TO_1_QUANTIZED_KERNEL } from './relu_n1_to_1.js';
import { TANH_QUANTIZED_KERNEL } from './tanh.js';

function unary<O, D>(
  kernel: KernelRegistration<O, D>, dtype: 'int8' | 'uint8' | 'int16', data: number[], inQ: QuantizationParams, outQ: QuantizationParams,
  options: BuiltinOptions | null = null,
): number[] {
  const [out] = runKernel(kernel, {
    inputs: [{ dtype, shape: [data.length], data, quantization: inQ }],
    outputs: [{ dtype, quantization: outQ }],
    options,
  });
  assert.deepEqual(out!.shape, [data.length]);
  return Array.from(out!.data as Int8Array);
}

const ALL_INT8 = Array.from({ length: 256 }, (_, i) => i - 128);

test('quantized RELU, RELU6 and RELU_N1_TO_1 clamp at the quantized bounds (hand-checked)', () => {
  // scale 0.1, zp 10 in and out: 0 ↔ 10, 6 ↔ 70, ±1 ↔ 0 / 20
  const xs = [-128, 0, 9, 10, 11, 70, 71, 127];
  const q = qp(0.1, 10);
  assert.deepEqual(unary(RELU_QUANTIZED_KERNEL, 'int8', xs, q, q), [10, 10, 10, 10, 11, 70, 71, 127]);
  assert.deepEqual(unary(RELU6_QUANTIZED_KERNEL, 'int8', xs, q, q), [10, 10, 10, 10, 11, 70, 70, 70]);
  assert.deepEqual(unary(RELU_N1_TO_1_QUANTIZED_KERNEL, 'int8', xs, q, q), [0, 0, 9, 10, 11, 20, 20, 20]);
});

test('quantized RELU rescales when input and output scales differ', () => {
  const inQ = qp(0.2, -5);
  const outQ = qp(0.05, -128);
  const { m, s } = refQuantize(inQ.scale[0]! / outQ.scale[0]!);
  const expected = ALL_INT8.map((x) => clampTo(refMultiply(x + 5, m, s) - 128, -128, 127));
  assert.deepEqual(unary(RELU_QUANTIZED_KERNEL, 'int8', ALL_INT8, inQ, outQ), expected);
});

test('quantized LEAKY_RELU scales negatives by alpha, int8 and int16', () => {
  for (const [dtype, xs, zpIn, zpOut] of [
    ['int8', ALL_INT8, 3, -7],
    ['int16', [-32768, -1000, -1, 0, 1, 1000, 32767], 0, 0],
  ] as const) {
    const inQ = qp(0.02, zpIn);
    const outQ = qp(0.03, zpOut);
    const alpha = Math.fround(0.2);
    const id = refQuantize(Math.fround(inQ.scale[0]! / outQ.scale[0]!));
    const al = refQuantize(Math.fround(Math.fround(inQ.scale[0]! * alpha) / outQ.scale[0]!));
    const [lo, hi] = dtype === 'int8' ? [-128, 127] : [-32768, 32767];
    const expected = xs.map((x) => {
      const c = x - zpIn;
      return clampTo(zpOut + (c >= 0 ? refMultiply(c, id.m, id.s) : refMultiply(c, al.m, al.s)), lo, hi);
    });
    const got = unary(LEAKY_RELU_QUANTIZED_KERNEL, dtype, [...xs], inQ, outQ, { kind: 'LeakyReluOptions', alpha: 0.2 });
    assert.deepEqual(got, expected, dtype);
  }
});

test('quantized LOGISTIC and TANH follow the float function through a table (within one step)', () => {
  const inQ = qp(0.06, 0);
  const logistic = unary(LOGISTIC_QUANTIZED_KERNEL, 'int8', ALL_INT8, inQ, qp(1 / 256, -128));
  const tanh = unary(TANH_QUANTIZED_KERNEL, 'int8', ALL_INT8, inQ, qp(1 / 128, 0));
  ALL_INT8.forEach((x, i) => {
    const v = 0.06 * x;
    assert.ok(Math.abs(logistic[i]! - clampTo(256 / (1 + Math.exp(-v)) - 128, -128, 127)) <= 0.51, `logistic(${v})`);
    assert.ok(Math.abs(tanh[i]! - clampTo(128 * Math.tanh(v), -128, 127)) <= 0.51, `tanh(${v})`);
  });
  assert.equal(logistic[128], 0); // logistic(0) = 0.5 → 128 steps − 128
  assert.equal(tanh[128], 0);
});

test('quantized HARD_SWISH tracks x·relu6(x+3)/6 within one step over the whole int8 range', () => {
  for (const [inQ, outQ] of [[qp(0.05, 0), qp(0.03, -60)], [qp(0.1, -20), qp(0.1, -20)], [qp(0.01, 5), qp(0.004, -128)]] as const) {
    const got = unary(HARD_SWISH_QUANTIZED_KERNEL, 'int8', ALL_INT8, inQ, outQ);
    ALL_INT8.forEach((x, i) => {
      const v = inQ.scale[0]! * (x - inQ.zeroPoint[0]!);
      const hs = (v * Math.min(6, Math.max(0, v + 3))) / 6;
      const exact = clampTo(hs / outQ.scale[0]! + outQ.zeroPoint[0]!, -128, 127);
      assert.ok(Math.abs(got[i]! - exact) <= 1, `hard_swish(${v}) = ${got[i]}, exact ${exact}`);
    });
  }
  // hand-checked: x ≥ 3 is the identity, x ≤ −3 is zero
  assert.deepEqual(unary(HARD_SWISH_QUANTIZED_KERNEL, 'int8', [-100, -60, 0, 60, 100], qp(0.05, 0), qp(0.05, 0)), [0, 0, 0, 60, 100]);
});

test('quantized element-wise ops take rank-0 and empty tensors', () => {
  const q = qp(0.1, 0);
  const [scalar] = runKernel(RELU_QUANTIZED_KERNEL, {
    inputs: [{ dtype: 'int8', shape: [], data: [-7], quantization: q }],
    outputs: [{ dtype: 'int8', quantization: q }],
  });
  assert.deepEqual({ shape: scalar!.shape, data: Array.from(scalar!.data as Int8Array) }, { shape: [], data: [0] });
  const [empty] = runKernel(LEAKY_RELU_QUANTIZED_KERNEL, {
    inputs: [{ dtype: 'int16', shape: [0, 3], data: [], quantization: q }],
    outputs: [{ dtype: 'int16', quantization: q }],
    options: { kind: 'LeakyReluOptions', alpha: 0.1 },
  });
  assert.deepEqual(empty!.shape, [0, 3]);
  assert.equal(empty!.data.length, 0);
});
