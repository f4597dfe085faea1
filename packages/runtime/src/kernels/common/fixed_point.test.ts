import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  multiplyByQuantizedMultiplier,
  multiplyByQuantizedMultiplier64,
  roundingDivideByPOT,
  saturatingRoundingMultiplyByPOT,
  srdhm,
} from './fixed_point.js';
import { quantizeMultiplier } from './quantization.js';

import { refMultiply as refMbqm, refRoundingDivide as refRdbpot, refSrdhm } from '@tflite-lambda/testing';

let seed = 12345;
function rnd(): number {
  seed = (Math.imul(seed, 1103515245) + 12345) | 0;
  return seed;
}
const EDGES = [0, 1, -1, 2, -2, 2147483647, -2147483648, -2147483647, 1073741824, -1073741824, 65535, -65536, 32768];

test('srdhm equals the 64-bit reference on edges and random int32 pairs (wide and narrow products)', () => {
  for (const a of EDGES) for (const b of EDGES) assert.equal(srdhm(a, b), refSrdhm(a, b), `${a}*${b}`);
  for (let i = 0; i < 20000; i++) {
    const a = rnd();
    const b = i % 2 ? rnd() : rnd() >> (i % 31);
    assert.equal(srdhm(a, b), refSrdhm(a, b), `${a}*${b}`);
  }
});

test('srdhm saturates MIN*MIN and rounds halves upward', () => {
  assert.equal(srdhm(-2147483648, -2147483648), 2147483647);
  // 2·a·b / 2^32 = 0.5 exactly → 1, but -0.5 → 0 (the negative nudge is 1 - 2^30)
  assert.equal(srdhm(1, 1073741824), 1);
  assert.equal(srdhm(-1, 1073741824), 0);
  assert.equal(srdhm(-3, 1073741824), -1);
  assert.equal(srdhm(1, 1073741823), 0);
});

test('roundingDivideByPOT rounds ties away from zero for every exponent', () => {
  assert.equal(roundingDivideByPOT(5, 1), 3);
  assert.equal(roundingDivideByPOT(-5, 1), -3);
  assert.equal(roundingDivideByPOT(-6, 2), -2);
  assert.equal(roundingDivideByPOT(6, 2), 2);
  for (let i = 0; i < 5000; i++) {
    const x = rnd();
    const e = (i % 32) >>> 0;
    assert.equal(roundingDivideByPOT(x, e), refRdbpot(x, e), `${x} >> ${e}`);
  }
});

test('multiplyByQuantizedMultiplier matches the reference for left shifts, right shifts and wrapping', () => {
  for (let i = 0; i < 20000; i++) {
    const m = 1073741824 + ((rnd() >>> 2) % 1073741824);
    const shift = (Math.abs(rnd()) % 40) - 31; // -31..8
    const x = i % 3 === 0 ? rnd() : rnd() >> 12;
    assert.equal(multiplyByQuantizedMultiplier(x, m, shift), refMbqm(x, m, shift), `${x} ${m} ${shift}`);
  }
  // a multiplier of 2.0 needs a left shift: 100 · 2 = 200
  const two = quantizeMultiplier(2);
  assert.deepEqual(two, { multiplier: 1073741824, shift: 2 });
  assert.equal(multiplyByQuantizedMultiplier(100, two.multiplier, two.shift), 200);
});

test('multiplyByQuantizedMultiplier64 rounds with the reduced 16-bit multiplier', () => {
  function ref(x: number, m: number, shift: number): number {
    const reduced = m < 0x7fff0000 ? (m + 32768) >> 16 : 0x7fff;
    const t = BigInt(15 - shift);
    return Number((BigInt(x) * BigInt(reduced) + (1n << (t - 1n))) >> t);
  }
  for (let i = 0; i < 5000; i++) {
    const m = 1073741824 + ((rnd() >>> 2) % 1073741824);
    const shift = (Math.abs(rnd()) % 30) - 25;
    const x = i % 2 ? rnd() * 4096 + (rnd() & 4095) : rnd() >> 8; // up to ~2^43
    const expected = ref(x, m, shift);
    if (expected < -2147483648 || expected > 2147483647) continue;
    assert.equal(multiplyByQuantizedMultiplier64(x, m, shift), expected, `${x} ${m} ${shift}`);
  }
  // multiplier 0.5 → reduced 16384; (1000·16384 + 2^14) >> 15 = 500 (half rounds up: 1001 → 501)
  assert.equal(multiplyByQuantizedMultiplier64(1000, 1073741824, 0), 500);
  assert.equal(multiplyByQuantizedMultiplier64(1001, 1073741824, 0), 501);
  assert.equal(multiplyByQuantizedMultiplier64(-1001, 1073741824, 0), -500);
});

test('quantizeMultiplier follows frexp with the 2^31 carry and underflow to zero', () => {
  assert.deepEqual(quantizeMultiplier(0.5), { multiplier: 1073741824, shift: 0 });
  assert.deepEqual(quantizeMultiplier(0.75), { multiplier: 1610612736, shift: 0 });
  assert.deepEqual(quantizeMultiplier(1), { multiplier: 1073741824, shift: 1 });
  // mantissa rounding to 2^31 carries into the exponent
  assert.deepEqual(quantizeMultiplier(1 - 2 ** -40), { multiplier: 1073741824, shift: 1 });
  assert.deepEqual(quantizeMultiplier(0.1), { multiplier: 1717986918, shift: -3 });
  assert.deepEqual(quantizeMultiplier(2 ** -40), { multiplier: 0, shift: 0 });
  assert.deepEqual(quantizeMultiplier(0), { multiplier: 0, shift: 0 });
  assert.deepEqual(quantizeMultiplier(-0.75), { multiplier: -1610612736, shift: 0 });
  assert.deepEqual(quantizeMultiplier(3e6), { multiplier: Math.round((3e6 / 2 ** 22) * 2 ** 31), shift: 22 });
});

test('saturatingRoundingMultiplyByPOT saturates left shifts and rounds right shifts', () => {
  assert.equal(saturatingRoundingMultiplyByPOT(1 << 29, 2), 2147483647);
  assert.equal(saturatingRoundingMultiplyByPOT(-(1 << 28), 3), -2147483648);
  assert.equal(saturatingRoundingMultiplyByPOT(1000, 2), 4000);
  assert.equal(saturatingRoundingMultiplyByPOT(6, -2), 2);
});
