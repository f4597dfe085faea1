import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeFloat16, float16BitsToNumber } from './float16.js';

test('float16 decodes normals, signed zero, subnormals, infinities and NaN', () => {
  assert.equal(float16BitsToNumber(0x3c00), 1);
  assert.equal(float16BitsToNumber(0xc000), -2);
  assert.equal(float16BitsToNumber(0x3555), 0.333251953125);
  assert.equal(float16BitsToNumber(0x7bff), 65504);
  assert.equal(float16BitsToNumber(0x0001), 2 ** -24);
  assert.equal(float16BitsToNumber(0x03ff), 1023 * 2 ** -24);
  assert.ok(Object.is(float16BitsToNumber(0x8000), -0));
  assert.equal(float16BitsToNumber(0x7c00), Infinity);
  assert.equal(float16BitsToNumber(0xfc00), -Infinity);
  assert.ok(Number.isNaN(float16BitsToNumber(0x7e00)));
});

test('decodeFloat16 fills a float32 array', () => {
  const out = new Float32Array(3);
  decodeFloat16(Uint16Array.of(0x3800, 0x4248, 0xbc00), out);
  assert.deepEqual([...out], [0.5, 3.140625, -1]);
});
