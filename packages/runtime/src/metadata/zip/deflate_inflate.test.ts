import assert from 'node:assert/strict';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { describe, it } from 'node:test';
import { MemoryLimitError, ModelFormatError } from '../../core/errors.js';
import { crc32 } from './crc32.js';
import { deflateRaw } from './deflate.js';
import { inflateRaw } from './inflate.js';

/** Deterministic pseudo-random bytes (mulberry32). */
function noise(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let a = seed >>> 0;
  for (let i = 0; i < n; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    out[i] = (t ^ (t >>> 14)) & 0xff;
  }
  return out;
}

const labels = new TextEncoder().encode(Array.from({ length: 600 }, (_, i) => `label_${i % 97} category ${i}`).join('\n'));
const SAMPLES: [string, Uint8Array][] = [
  ['empty', new Uint8Array(0)],
  ['one byte', new Uint8Array([42])],
  ['a label file', labels],
  ['a long run of one byte', new Uint8Array(100_000).fill(7)],
  ['random bytes over 64 KiB', noise(70_000, 3)],
];
const limit = { maxOutputBytes: 1 << 20 };

describe('inflate reads what zlib deflates', () => {
  for (const [name, data] of SAMPLES) {
    for (const level of [0, 1, 9]) {
      it(`${name}, zlib level ${level}`, () => {
        const packed = deflateRawSync(data, { level });
        assert.deepEqual(inflateRaw(packed, limit), data);
      });
    }
  }
  it('a fixed-Huffman stream (zlib strategy Z_FIXED)', () => {
    const packed = deflateRawSync(labels, { strategy: 4 });
    assert.deepEqual(inflateRaw(packed, limit), labels);
  });
});

describe('zlib reads what deflate writes', () => {
  for (const [name, data] of SAMPLES) {
    it(name, () => {
      const packed = deflateRaw(data);
      assert.deepEqual(new Uint8Array(inflateRawSync(packed)), data);
      assert.deepEqual(inflateRaw(packed, limit), data);
    });
  }
  it('compresses repetitive text and never grows incompressible data by more than the stored-block headers', () => {
    assert.ok(deflateRaw(labels).length < labels.length / 3);
    const random = noise(70_000, 9);
    assert.ok(deflateRaw(random).length <= random.length + 5 * 2);
  });
});

describe('inflate refuses bad streams', () => {
  it('a truncated stream is a ModelFormatError', () => {
    const packed = deflateRawSync(labels);
    assert.throws(() => inflateRaw(packed.subarray(0, packed.length - 10), limit), ModelFormatError);
  });
  it('block type 3 is invalid', () => {
    assert.throws(() => inflateRaw(new Uint8Array([0b111]), limit), /invalid block type/);
  });
  it('a stored block whose length check fails', () => {
    assert.throws(() => inflateRaw(new Uint8Array([1, 5, 0, 0, 0, 1, 2, 3, 4, 5]), limit), /length check/);
  });
  it('a back-reference before the start of the output', () => {
    // Fixed block: length code 257 (length 3, 7 bits 0000001), distance code 0 (distance 1), nothing before it.
    assert.throws(() => inflateRaw(new Uint8Array([0x03, 0x02, 0x00]), limit), /reaches before the start/);
  });
  it('output beyond the limit is a MemoryLimitError (a zip bomb stops at the cap)', () => {
    const bomb = deflateRawSync(new Uint8Array(10_000_000));
    assert.ok(bomb.length < 20_000);
    assert.throws(() => inflateRaw(bomb, { maxOutputBytes: 1_000_000 }), MemoryLimitError);
  });
});

describe('crc32', () => {
  it('gives the standard check value and continues across chunks', () => {
    const digits = new TextEncoder().encode('123456789');
    assert.equal(crc32(digits), 0xcbf43926);
    assert.equal(crc32(digits.subarray(4), crc32(digits.subarray(0, 4))), 0xcbf43926);
  });
});
