import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UnsupportedError } from '../../core/errors.js';
import type { QuantizationParams } from '../../core/model.js';
import { qp, runKernel } from '@tflite-lambda/testing';
import type { KernelRegistration } from '../kernel.js';
import { LOGISTIC_INT16_KERNEL } from './logistic_int16.js';
import { int16SigmoidRescale, type Int16SigmoidData } from './sigmoid_int16.js';
import { TANH_INT16_KERNEL } from './tanh_int16.js';

const OUT_Q = qp(1 / 32768, 0);
const ALL_INT16 = Array.from({ length: 65536 }, (_, i) => i - 32768);

function run(kernel: KernelRegistration<null, Int16SigmoidData>, data: number[], inQ: QuantizationParams, outQ = OUT_Q): number[] {
  const [out] = runKernel(kernel, {
    inputs: [{ dtype: 'int16', shape: [data.length], data, quantization: inQ }],
    outputs: [{ dtype: 'int16', quantization: outQ }],
  });
  assert.deepEqual(out!.shape, [data.length]);
  return Array.from(out!.data as Int16Array);
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

test('int16 rescale: non-power-of-two scales double scale·4096·3 past 32767/2 and truncate (hand-checked)', () => {
  // 1/3000 · 12288 = 4.096; twelve doublings give 16777.216 → multiplier 16777, shift 12
  const d = int16SigmoidRescale(Math.fround(1 / 3000), false);
  assert.deepEqual([d.multiplier, d.shift, d.round, d.fixedPoint], [16777, 12, 2048, false]);
  assert.equal(int16SigmoidRescale(2 ** -12, false).fixedPoint, true);
  // 2^-11 is the fixed-point case for tanh only; logistic rescales it: 2^-11 · 12288 = 6, doubled
  // twelve times to 24576 > 16383.5.
  assert.equal(int16SigmoidRescale(2 ** -11, true).fixedPoint, true);
  assert.deepEqual(
    [int16SigmoidRescale(2 ** -11, false).multiplier, int16SigmoidRescale(2 ** -11, false).shift],
    [24576, 12],
  );
});

test('int16 LOGISTIC and TANH interpolate the sigmoid table at 1.0 and 0 (hand-checked)', () => {
  const q = qp(1 / 3000, 0);
  // 3000 → rescaled 12288 = table index 24 (= 1.0), no fraction: 47911·512 + 512 >> 10 = 23956;
  // −3000 mirrors it: 2^25 − 47911·512 + 511 >> 10 = 8812
  assert.deepEqual(run(LOGISTIC_INT16_KERNEL, [0, 3000, -3000], q), [16384, 23956, 8812]);
  // tanh uses index 48 = sigmoid(2): 57724·256 − 2^23 + 128 >> 8 = 24956
  assert.deepEqual(run(TANH_INT16_KERNEL, [0, 3000, -3000], q), [0, 24956, -24956]);
});

test('int16 LOGISTIC and TANH saturate at the ends of the input range', () => {
  const q = qp(0.01, 0); // ±327.68: far beyond the table
  // TFLite's saturated value 0x7FFF·2^10 mirrored below zero leaves 1, not 0.
  assert.deepEqual(run(LOGISTIC_INT16_KERNEL, [-32768, 32767], q), [1, 32767]);
  assert.deepEqual(run(TANH_INT16_KERNEL, [-32768, 32767], q), [-32767, 32767]);
});

/**
 * The table path is within 3 steps everywhere; gemmlowp's 16-bit fixed point (power-of-two scales) loses
 * more in the tails, up to 12 steps for tanh; both are what LiteRT computes (the differential suite).
 */
test('int16 LOGISTIC and TANH stay close to the real functions over every input', () => {
  for (const [scale, tol] of [[2 ** -12, 12], [2 ** -11, 12], [2 ** -15, 3], [0.00037, 3], [0.0009, 3], [0.003, 3]] as const) {
    const q = qp(scale, 0);
    const s = q.scale[0]!;
    const logistic = run(LOGISTIC_INT16_KERNEL, ALL_INT16, q);
    const tanh = run(TANH_INT16_KERNEL, ALL_INT16, q);
    for (let i = 0; i < ALL_INT16.length; i++) {
      const x = ALL_INT16[i]! * s;
      assert.ok(Math.abs(logistic[i]! - Math.min(32767, sigmoid(x) * 32768)) <= tol, `logistic(${x}) scale ${scale}`);
      assert.ok(Math.abs(tanh[i]! - Math.max(-32768, Math.min(32767, Math.tanh(x) * 32768))) <= tol, `tanh(${x}) scale ${scale}`);
    }
  }
});

test('int16 TANH is odd on both the table and the fixed-point paths', () => {
  const xs = Array.from({ length: 300 }, (_, i) => i * 109);
  for (const scale of [2 ** -12, 0.0007]) {
    const pos = run(TANH_INT16_KERNEL, xs, qp(scale, 0));
    const neg = run(TANH_INT16_KERNEL, xs.map((x) => -x), qp(scale, 0));
    assert.deepEqual(neg, pos.map((v) => (v === 0 ? 0 : -v)));
  }
});

test('int16 LOGISTIC and TANH reject a non-zero zero point and an output scale other than 1/32768', () => {
  for (const kernel of [LOGISTIC_INT16_KERNEL, TANH_INT16_KERNEL]) {
    assert.throws(() => run(kernel, [1], qp(0.001, 3)), UnsupportedError);
    assert.throws(() => run(kernel, [1], qp(0.001, 0), qp(1 / 256, 0)), UnsupportedError);
  }
});
