import assert from 'node:assert/strict';
import { test } from 'node:test';
import { boxMullerFloat, Philox, uint32ToFloat, uint64ToDouble } from './philox.js';

const hex = (words: Uint32Array) => [...words].map((w) => w.toString(16).padStart(8, '0'));

test('Philox4x32-10 matches the Random123 known-answer vectors', () => {
  // Counter 0, key 0.
  assert.deepEqual(hex(new Philox(0n, 0n).next()), ['6627e8d5', 'e169c58d', 'bc57ac4c', '9b00dbd8']);
  // Counter (0, 0, 0xffffffff, 0xffffffff) is not reachable from the seeds alone, so the all-ones vector is
  // checked through skip: counter words 0–1 come from skipping 2^64 − 1 calls.
  const ones = new Philox(0xffffffffffffffffn, 0xffffffffffffffffn);
  ones.skip(0xffffffffffffffffn);
  assert.deepEqual(hex(ones.next()), ['408f276d', '41c83b0e', 'a20bc7c6', '6d5451fd']);
});

test('each call advances the 128-bit counter by one, carrying across words', () => {
  const a = new Philox(7n, 9n);
  a.next();
  const second = hex(a.next());
  const b = new Philox(7n, 9n);
  b.skip(1n);
  assert.deepEqual(hex(b.next()), second);
  const c = a.copy();
  assert.deepEqual(hex(c.next()), hex(a.next()));
});

test('the float conversions keep 23 (float) and 52 (double) random bits in [0, 1)', () => {
  assert.equal(uint32ToFloat(0), 0);
  assert.equal(uint32ToFloat(0xffffffff), Math.fround(1 - 2 ** -23));
  assert.equal(uint32ToFloat(0x00400000), 0.5);
  assert.equal(uint64ToDouble(0x00080000, 0), 0.5);
  assert.equal(uint64ToDouble(0xfffff, 0xffffffff), 1 - 2 ** -52);
  // u1 = 0.5, v1 = 0: z0 = sin(0)·√(2 ln 2) = 0, z1 = cos(0)·√(2 ln 2).
  const [z0, z1] = boxMullerFloat(0x00400000, 0);
  assert.equal(z0, 0);
  assert.ok(Math.abs(z1 - Math.sqrt(2 * Math.LN2)) < 1e-6);
});
