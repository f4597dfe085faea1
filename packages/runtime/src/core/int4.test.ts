import assert from 'node:assert/strict';
import { test } from 'node:test';
import { packInt4, packedInt4Bytes, unpackInt4 } from './int4.js';

test('int4 nibbles unpack low first and sign-extend (0x12, 0x34 → 2, 1, 4, 3; 0xF8 → -8, -1)', () => {
  assert.deepEqual([...unpackInt4(Uint8Array.from([0x12, 0x34, 0xf8]), 6)], [2, 1, 4, 3, -8, -1]);
});

test('an odd count ignores the last byte\'s upper nibble', () => {
  assert.deepEqual([...unpackInt4(Uint8Array.from([0x7f, 0x9a]), 3)], [-1, 7, -6]);
  assert.equal(packedInt4Bytes(3), 2);
});

test('packing then unpacking gives the values back, and values outside [-8, 7] are refused', () => {
  const values = Int8Array.from([-8, -3, 0, 5, 7]);
  assert.deepEqual([...unpackInt4(packInt4(values), values.length)], [...values]);
  assert.throws(() => packInt4(Int8Array.from([8])), RangeError);
});
