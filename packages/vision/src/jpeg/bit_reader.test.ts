import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BitReader } from './bit_reader.js';
import { buildHuffmanTable, decodeSymbol } from './huffman.js';

describe('entropy-coded data reader', () => {
  test('reads MSB first and drops the zero stuffed after 0xFF', () => {
    const r = new BitReader(new Uint8Array([0b10110000, 0xff, 0x00, 0x5a, 0xff, 0xd9]), 0);
    assert.equal(r.read(3), 0b101);
    assert.equal(r.read(5), 0b10000);
    assert.equal(r.read(8), 0xff);
    assert.equal(r.read(8), 0x5a);
    assert.equal(r.nextMarker(), 4);
  });
  test('extends magnitude categories to signed values (T.81 F.12)', () => {
    // Bits: 01 | 0 | 11 | 000 -> size 2 '01' = -2, size 1 '0' = -1, size 2 '11' = 3, size 3 '000' = -7.
    const r = new BitReader(new Uint8Array([0b01011000, 0xff, 0xd9]), 0);
    assert.deepEqual([r.receiveExtend(2), r.receiveExtend(1), r.receiveExtend(2), r.receiveExtend(3)], [-2, -1, 3, -7]);
  });
  test('consuming bits past a marker is an error, peeking is not', () => {
    const r = new BitReader(new Uint8Array([0xab, 0xff, 0xd9]), 0);
    assert.equal(r.peek(16), 0xab00);
    assert.equal(r.read(8), 0xab);
    assert.throws(() => r.read(1), { code: 'IMAGE_DECODE_FAILED' });
  });
  test('a restart consumes the RSTn marker and realigns to the byte after it', () => {
    const r = new BitReader(new Uint8Array([0b11000000, 0xff, 0xd3, 0x80]), 0);
    assert.equal(r.read(2), 3);
    r.restart();
    assert.equal(r.readBit(), 1);
    const bad = new BitReader(new Uint8Array([0x00, 0xff, 0xc4]), 0);
    bad.read(8);
    assert.throws(() => bad.restart(), { code: 'IMAGE_DECODE_FAILED', message: /restart marker/ });
  });
});

describe('Huffman decoding', () => {
  // Canonical codes for counts [0, 2, 1, 0 x 7, 1]: 00 -> 'a', 01 -> 'b', 100 -> 'c', 1010000000 -> 'd'.
  const counts = new Uint8Array(16);
  counts[1] = 2;
  counts[2] = 1;
  counts[9] = 1;
  const table = buildHuffmanTable(counts, new Uint8Array([0x61, 0x62, 0x63, 0x64]));
  test('decodes short codes through the look-ahead table and long ones by length', () => {
    // 01 100 1010000000 00 + padding ones
    const bits = '01' + '100' + '1010000000' + '00';
    const padded = bits.padEnd(24, '1');
    const bytes = [0, 8, 16].map((i) => parseInt(padded.slice(i, i + 8), 2));
    const r = new BitReader(new Uint8Array([...bytes, 0xff, 0xd9]), 0);
    assert.deepEqual([0, 1, 2, 3].map(() => String.fromCharCode(decodeSymbol(r, table))), ['b', 'c', 'd', 'a']);
  });
  test('an unassigned code is an error', () => {
    const r = new BitReader(new Uint8Array([0xff, 0x00, 0xff, 0x00, 0xff, 0xd9]), 0);
    assert.throws(() => decodeSymbol(r, table), { code: 'IMAGE_DECODE_FAILED', message: /invalid Huffman code/ });
  });
  test('more codes than a length can hold is refused', () => {
    const overfull = new Uint8Array(16);
    overfull[0] = 3;
    assert.throws(() => buildHuffmanTable(overfull, new Uint8Array([1, 2, 3])), { code: 'IMAGE_DECODE_FAILED' });
  });
});
