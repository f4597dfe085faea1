import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EXP_BARREL, expOnNegativeValues, oneOverOnePlusX, reciprocalSignificand } from './fixed_point_exp.js';

const Q31 = 2 ** 31;

test('gemmlowp exp constants are exp(−2^k) rounded to Q0.31', () => {
  for (const [k, multiplier] of EXP_BARREL) assert.equal(multiplier, Math.round(Math.exp(-(2 ** k)) * Q31), `k = ${k}`);
  // and the whole function at those points
  for (const [k] of EXP_BARREL) {
    const got = expOnNegativeValues(-(2 ** (26 + k)), 5) / Q31;
    assert.ok(Math.abs(got - Math.exp(-(2 ** k))) < 1e-6, `exp(−2^${k}) = ${got}`);
  }
});

test('expOnNegativeValues approximates exp within 1e-6 over [−31, 0] and returns one at zero', () => {
  assert.equal(expOnNegativeValues(0, 5), 2147483647);
  for (let i = 0; i <= 2000; i++) {
    const x = -(i / 2000) * 31;
    const raw = Math.round(x * 2 ** 26);
    const got = expOnNegativeValues(raw, 5) / Q31;
    assert.ok(Math.abs(got - Math.exp(raw / 2 ** 26)) < 1e-6, `exp(${x}) = ${got}`);
  }
});

test('oneOverOnePlusX and reciprocalSignificand give 1/x in fixed point', () => {
  for (const a of [0, 0.1, 0.5, 0.75, 0.999]) {
    const got = oneOverOnePlusX(Math.round(a * Q31)) / Q31;
    assert.ok(Math.abs(got - 1 / (1 + a)) < 1e-8, `1/(1+${a}) = ${got}`);
  }
  // x = 5.0 in Q12.19: reciprocal 0.2 = significand 0.8 (Q0.31) shifted right by 12 − clz32(x) = 2 bits
  const x = 5 * 2 ** 19;
  assert.equal(12 - Math.clz32(x), 2);
  assert.ok(Math.abs(reciprocalSignificand(x) / Q31 - 0.8) < 1e-8);
});
