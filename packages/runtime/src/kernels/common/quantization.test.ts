import assert from 'node:assert/strict';
import { test } from 'node:test';
import { multiplyByQuantizedMultiplier } from './fixed_point.js';
import { channelMultipliers, frexp, quantizeMultiplier, quantizedActivationRange, roundHalfAway, roundHalfEven } from './quantization.js';

test('frexp splits finite numbers into a mantissa in [0.5, 1) and an exponent, powers of two included', () => {
  assert.deepEqual(frexp(1), { mantissa: 0.5, exponent: 1 });
  assert.deepEqual(frexp(0.75), { mantissa: 0.75, exponent: 0 });
  assert.deepEqual(frexp(2 ** -30), { mantissa: 0.5, exponent: -29 });
  assert.deepEqual(frexp(3 * 2 ** 40), { mantissa: 0.75, exponent: 42 });
  assert.deepEqual(frexp(-6), { mantissa: -0.75, exponent: 3 });
  const tiny = frexp(Number.MIN_VALUE);
  assert.equal(tiny.mantissa * 2 ** tiny.exponent, Number.MIN_VALUE);
});

test('very small and very large scales: multipliers underflow to zero or need large left shifts', () => {
  assert.deepEqual(quantizeMultiplier(1e-12), { multiplier: 0, shift: 0 }); // below 2^-32
  const small = quantizeMultiplier(3e-9);
  assert.equal(small.shift, -28);
  // 2^31 · 3e-9 = 6.44 → 6
  assert.equal(multiplyByQuantizedMultiplier(2147483647, small.multiplier, small.shift), 6);
  const large = quantizeMultiplier(1000);
  assert.equal(large.shift, 10);
  assert.equal(multiplyByQuantizedMultiplier(7, large.multiplier, large.shift), 7000);
  // the int32 left shift wraps exactly as the C++ does: 3e6·2^10 wraps to −1222967296, then ·1000/1024
  assert.equal(Math.imul(3_000_000, 1024), -1222967296);
  assert.equal(multiplyByQuantizedMultiplier(3_000_000, large.multiplier, large.shift), -1194304000);
});

test('rounding helpers: half away from zero (std::round) and half to even (rintf)', () => {
  assert.deepEqual([2.5, -2.5, 0.5, -0.5, 1.4].map(roundHalfAway), [3, -3, 1, -1, 1]);
  assert.deepEqual([2.5, -2.5, 0.5, -0.5, 1.5, 1.6].map(roundHalfEven), [2, -2, 0, -0, 2, 2]);
});

test('fused activation ranges quantize their bounds on the output scale (float32 division, half away)', () => {
  assert.deepEqual(quantizedActivationRange('NONE', 'int8', 0.1, 3), { min: -128, max: 127 });
  assert.deepEqual(quantizedActivationRange('RELU', 'int8', 0.1, 3), { min: 3, max: 127 });
  // 6 / 0.048 = 125 → 5 + 125 = 130 → clamped to 127
  assert.deepEqual(quantizedActivationRange('RELU6', 'int8', 0.048, 5), { min: 5, max: 127 });
  // 6 / 0.08 = 75 exactly in float32; uint8 zero point 10
  assert.deepEqual(quantizedActivationRange('RELU6', 'uint8', 0.08, 10), { min: 10, max: 85 });
  assert.deepEqual(quantizedActivationRange('RELU_N1_TO_1', 'int16', 1 / 1024, 0), { min: -1024, max: 1024 });
  assert.throws(() => quantizedActivationRange('TANH', 'int8', 0.1, 0), /TANH/);
});

test('channel multipliers broadcast a per-tensor filter scale and can use the float32 product', () => {
  const { multipliers, shifts } = channelMultipliers(0.5, [0.25, 0.125], 1, 2, false);
  assert.deepEqual(Array.from(multipliers), [1 << 30, 1 << 30]);
  assert.deepEqual(Array.from(shifts), [-2, -3]);
  const broadcast = channelMultipliers(0.5, [0.25], 1, 3, false);
  assert.deepEqual(Array.from(broadcast.shifts), [-2, -2, -2]);
  // float32 product of two float32 scales can differ from the double product in the last bits
  const a = Math.fround(0.0039215688);
  const b = Math.fround(0.0135);
  const legacy = channelMultipliers(a, [b], 0.1, 1, true);
  assert.equal(legacy.multipliers[0], quantizeMultiplier(Math.fround(a * b) / 0.1).multiplier);
});
