import assert from 'node:assert/strict';
import { test } from 'node:test';
import { windowEnd, windowStart } from './window.js';

/** Taps k in [0, filter) with 0 <= origin + k·dilation < inSize, by enumeration. */
function validTaps(origin: number, dilation: number, inSize: number, filter: number): number[] {
  const taps = Array.from({ length: filter }, (_, k) => k);
  return taps.filter((k) => origin + k * dilation >= 0 && origin + k * dilation < inSize);
}

test('window tap range matches enumeration for origins inside and outside the input', () => {
  for (let dilation = 1; dilation <= 3; dilation++)
    for (let origin = -7; origin <= 7; origin++) {
      const expected = validTaps(origin, dilation, 5, 4);
      const start = windowStart(origin, dilation);
      const end = windowEnd(origin, dilation, 5, 4);
      const got = end > start ? Array.from({ length: end - start }, (_, i) => start + i) : [];
      assert.deepEqual(got, expected, `origin ${origin} dilation ${dilation}`);
    }
});
