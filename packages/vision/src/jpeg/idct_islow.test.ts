import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { idctIslow } from './idct_islow.js';

const ones = new Uint16Array(64).fill(1);

function transform(coefs: number[], quant = ones): Uint8Array {
  const block = new Int16Array(64);
  coefs.forEach((v, i) => { (block[i] = v); });
  const out = new Uint8Array(64);
  idctIslow(block, 0, quant, out, 0, 8);
  return out;
}

/** The exact inverse DCT of T.81 A.3.3, level-shifted and clamped: islow must stay within 1 of it. */
function referenceIdct(coefs: number[], quant: Uint16Array): number[] {
  const out: number[] = [];
  const c = (u: number): number => (u === 0 ? Math.SQRT1_2 : 1);
  for (let y = 0; y < 8; y++) {
    for (let x = 0; x < 8; x++) {
      let s = 0;
      for (let v = 0; v < 8; v++) {
        for (let u = 0; u < 8; u++) {
          const f = (coefs[v * 8 + u] ?? 0) * quant[v * 8 + u];
          s += c(u) * c(v) * f * Math.cos(((2 * x + 1) * u * Math.PI) / 16) * Math.cos(((2 * y + 1) * v * Math.PI) / 16);
        }
      }
      out.push(Math.min(255, Math.max(0, Math.round(s / 4 + 128))));
    }
  }
  return out;
}

describe('islow inverse DCT', () => {
  test('a DC-only block is flat at dc*q/8 + 128, rounded half up', () => {
    assert.deepEqual([...new Set(transform([80]))], [138]);
    assert.deepEqual([...new Set(transform([-12]))], [127]); // -1.5 + 128 rounds to 126.5 -> 127
    assert.deepEqual([...new Set(transform([4], new Uint16Array(64).fill(3)))], [130]); // 12/8 = 1.5 -> 2
  });
  test('samples beyond 0..255 saturate', () => {
    assert.deepEqual([...new Set(transform([2000]))], [255]);
    assert.deepEqual([...new Set(transform([-2000]))], [0]);
  });
  test('stays within 1 of the exact transform on pseudo-random blocks', () => {
    let seed = 7;
    const rnd = (): number => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    const quant = Uint16Array.from({ length: 64 }, (_, i) => 1 + (i % 9));
    for (let n = 0; n < 50; n++) {
      const coefs = Array.from({ length: 64 }, (_, i) => (rnd() < 8 / (i + 8) ? Math.round((rnd() - 0.5) * 200 / (1 + i / 4)) : 0));
      const got = transform(coefs, quant);
      const want = referenceIdct(coefs, quant);
      for (let i = 0; i < 64; i++) assert.ok(Math.abs(got[i] - want[i]) <= 1, `block ${n} sample ${i}: ${got[i]} vs ${want[i]}`);
    }
  });
  test('writes with the given stride and offset only', () => {
    const out = new Uint8Array(20 * 9);
    const block = new Int16Array(64);
    block[0] = 8;
    idctIslow(block, 0, ones, out, 20 + 3, 20);
    assert.equal(out[20 + 3], 129);
    assert.equal(out[20 * 8 + 10], 129);
    assert.equal(out[20 + 2], 0);
    assert.equal(out[20 + 11], 0);
    assert.equal(out[3], 0);
  });
});
