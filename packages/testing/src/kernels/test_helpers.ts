/**
 * Helpers for kernel tests only (seeded random tensors, approximate comparison). Not used by any kernel.
 */
import assert from 'node:assert/strict';

/** A small seeded PRNG (mulberry32) so random test cases are reproducible. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `n` floats uniform in [lo, hi). */
export function randomFloats(rand: () => number, n: number, lo = -1, hi = 1): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = lo + (hi - lo) * rand();
  return out;
}

/** A random integer in [lo, hi]. */
export function randomInt(rand: () => number, lo: number, hi: number): number {
  return lo + Math.floor(rand() * (hi - lo + 1));
}

/** Asserts element-wise |a − e| ≤ atol + rtol·|e| (NaN matches NaN, infinities must be equal). */
export function assertClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  message = '',
  atol = 1e-5,
  rtol = 1e-5,
): void {
  assert.equal(actual.length, expected.length, `${message}: length`);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    if (Number.isNaN(e) && Number.isNaN(a)) continue;
    if (!Number.isFinite(e) || !Number.isFinite(a)) {
      assert.equal(a, e, `${message}: element ${i}`);
      continue;
    }
    assert.ok(Math.abs(a - e) <= atol + rtol * Math.abs(e), `${message}: element ${i} is ${a}, expected ${e}`);
  }
}
