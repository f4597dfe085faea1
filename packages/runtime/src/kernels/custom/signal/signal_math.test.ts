import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Rng } from '@tflite-lambda/testing/differential';
import { LOG_LUT, log32, msb32, msb64, pcanShrink, sqrt32, sqrt64, wideDynamicFunction } from './signal_math.js';

test('the log correction table computed by formula matches TFLM kLogLut entries', () => {
  // Entries of signal/src/log.cc's kLogLut: start, peak, both sides of the peak, tail and padding.
  const published: Record<number, number> = { 0: 0, 1: 224, 2: 442, 11: 2163, 56: 5640, 57: 5641, 58: 5638, 64: 5568, 100: 3384, 127: 142, 128: 0, 129: 0 };
  for (const [i, v] of Object.entries(published)) assert.equal(LOG_LUT[Number(i)], v, `LOG_LUT[${i}]`);
  assert.equal(LOG_LUT.length, 130);
});

test('msb counts bit positions from 1, and 0 reports the full width as the GCC build does', () => {
  assert.deepEqual([1, 2, 3, 255, 256, 0x80000000].map(msb32), [1, 2, 2, 8, 9, 32]);
  assert.equal(msb32(0), 32);
  assert.deepEqual([1n, 2n ** 40n, 2n ** 64n - 1n].map(msb64), [1, 41, 64]);
});

test('sqrt32 rounds the square root to the nearest integer, saturating at 0xffff', () => {
  assert.deepEqual([0, 1, 2, 3, 6, 7, 16, 4294967295].map(sqrt32), [0, 1, 1, 2, 2, 3, 4, 65535]);
  const rng = new Rng(7);
  for (let i = 0; i < 2000; i++) {
    const n = Math.floor(rng.next() * 2 ** 32);
    assert.equal(sqrt32(n), Math.min(Math.round(Math.sqrt(n)), 65535), `sqrt32(${n})`);
  }
});

test('sqrt64 rounds to nearest above 32 bits: (2r − 1)² ≤ 4n < (2r + 1)²', () => {
  assert.equal(sqrt64(2n ** 40n), 2 ** 20);
  assert.equal(sqrt64(2n ** 64n - 1n), 0xffffffff);
  const rng = new Rng(11);
  for (let i = 0; i < 500; i++) {
    const n = (BigInt(Math.floor(rng.next() * 2 ** 30)) << 32n) + BigInt(Math.floor(rng.next() * 2 ** 32));
    const r = BigInt(sqrt64(n));
    assert.ok((2n * r - 1n) ** 2n <= 4n * n && 4n * n < (2n * r + 1n) ** 2n, `sqrt64(${n}) = ${r}`);
  }
});

test('log32 is the scaled natural log up to the table error TFLM keeps (under 0.004 in log2)', () => {
  assert.equal(log32(1, 64), 0);
  assert.equal(log32(8, 64), 133); // 3 · 45426 / 2^16 · 64 = 133.08
  // 2260993523: fraction bits 3464 fall in segment 6 (c0 1259, c1 1450); the interpolation adds
  // (191 · 392) >> 16 = 1, so log2 = 31 + 4724/2^16, loge = 1411480/2^16, · 832 → 17919 (exact: 17920.5).
  assert.equal(log32(2260993523, 832), 17919);
  const rng = new Rng(3);
  for (let i = 0; i < 1000; i++) {
    const x = 1 + Math.floor(rng.next() * (2 ** 32 - 2));
    const scale = 1 + Math.floor(rng.next() * 1000);
    assert.ok(Math.abs(log32(x, scale) - scale * Math.log(x)) <= 1 + scale * 0.004 * Math.LN2, `log32(${x}, ${scale})`);
  }
});

test('PCAN shrink is x²/4 below 2 and x − 1 above, in Q12 in and Q6 out', () => {
  assert.equal(pcanShrink(4096), 16); // 1.0 → 0.25
  assert.equal(pcanShrink(2048), 4); // 0.5 → 0.0625
  assert.equal(pcanShrink(8192), 64); // 2.0 → 1.0, continuous at the joint
  assert.equal(pcanShrink(3 * 4096), 128); // 3.0 → 2.0
});

test('PCAN gain lookup reads the first entries directly and interpolates segment by msb', () => {
  const lut = Int16Array.from({ length: 125 }, (_, i) => 100 + i);
  assert.deepEqual([0, 1, 2].map((x) => wideDynamicFunction(x, lut)), [100, 101, 102]);
  // x = 4: segment 4·3 − 6 = 6 with a zero fraction → lut[6].
  assert.equal(wideDynamicFunction(4, lut), 106);
  // x = 6: msb 3, fraction (6 << 8) & 0x3ff = 512; ((lut[8]·512 >> 5) + (lut[7] << 5))·512 rounded >> 15, + lut[6].
  const frac = 512;
  const expected = ((((108 * frac) >> 5) + (107 << 5)) * frac + (1 << 14)) / 2 ** 15;
  assert.equal(wideDynamicFunction(6, lut), 106 + Math.floor(expected));
});
