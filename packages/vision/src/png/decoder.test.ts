import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { deflateSync } from 'node:zlib';
import { pngChunk, pngClaiming, pngFromSpec } from '@tflite-lambda/testing/images';
import { decodeImage } from '../decode.js';
import { imageLimits } from '../limits.js';
import { TimeBudget } from '../time_budget.js';
import type { RowSink } from '../types.js';
import { decodePngRows } from './decoder.js';

const samples = (bytes: Uint8Array) => [...decodeImage(bytes).data];

describe('PNG filters are undone as the spec defines them', () => {
  // 8-bit gray, 4 pixels a row: each byte is one pixel, and the filters look one byte back.
  const row0 = [10, 20, 30, 40];
  const gray = (filter: number, second: number[]) => pngFromSpec({ width: 4, height: 2, depth: 8, colorType: 0, raw: [0, ...row0, filter, ...second] });
  test('None, Sub, Up, Average and Paeth on the second row', () => {
    assert.deepEqual(samples(gray(0, [1, 2, 3, 4])).slice(4), [1, 2, 3, 4]);
    assert.deepEqual(samples(gray(1, [1, 2, 3, 4])).slice(4), [1, 3, 6, 10]);
    assert.deepEqual(samples(gray(2, [1, 2, 3, 4])).slice(4), [11, 22, 33, 44]);
    // Average: x + floor((left + up) / 2): 1 + 5 = 6, 2 + 13 = 15, 3 + 22 = 25, 4 + 32 = 36.
    assert.deepEqual(samples(gray(3, [1, 2, 3, 4])).slice(4), [6, 15, 25, 36]);
    // Paeth picks, per byte, whichever of left, up, up-left is closest to left + up - up-left.
    assert.deepEqual(samples(gray(4, [1, 2, 3, 4])).slice(4), [11, 22, 33, 44]);
  });
  test('sums wrap modulo 256', () => {
    assert.deepEqual(samples(pngFromSpec({ width: 2, height: 1, depth: 8, colorType: 0, raw: [1, 200, 100] })), [200, 44]);
  });
  test('the first row sees zeros above it: Average halves the left byte, Paeth takes it', () => {
    assert.deepEqual(samples(pngFromSpec({ width: 3, height: 1, depth: 8, colorType: 0, raw: [3, 100, 10, 10] })), [100, 60, 40]);
    assert.deepEqual(samples(pngFromSpec({ width: 3, height: 1, depth: 8, colorType: 0, raw: [4, 100, 10, 10] })), [100, 110, 120]);
  });
  test('Sub looks one whole pixel back (3 bytes for RGB, 2 for 16-bit gray)', () => {
    const rgb = pngFromSpec({ width: 2, height: 1, depth: 8, colorType: 2, raw: [1, 1, 2, 3, 10, 20, 30] });
    assert.deepEqual(samples(rgb), [1, 2, 3, 11, 22, 33]);
    const gray16 = pngFromSpec({ width: 2, height: 1, depth: 16, colorType: 0, raw: [1, 0x01, 0x02, 0x01, 0x01] });
    assert.deepEqual(samples(gray16), [0x0102, 0x0203]);
  });
  test('an unknown filter type is refused, naming the row', () => {
    assert.throws(() => decodeImage(pngFromSpec({ width: 1, height: 2, depth: 8, colorType: 0, raw: [0, 1, 5, 1] })), {
      code: 'IMAGE_DECODE_FAILED',
      message: /row 1 has an unknown filter type 5/,
    });
  });
});

describe('PNG samples are what Pillow holds', () => {
  test('sub-byte gray is stretched, most significant bits first', () => {
    assert.deepEqual(samples(pngFromSpec({ width: 8, height: 1, depth: 1, colorType: 0, raw: [0, 0b10110000] })), [255, 0, 255, 255, 0, 0, 0, 0]);
    assert.deepEqual(samples(pngFromSpec({ width: 3, height: 1, depth: 2, colorType: 0, raw: [0, 0b00011011] })), [0, 85, 170]);
    assert.deepEqual(samples(pngFromSpec({ width: 2, height: 1, depth: 4, colorType: 0, raw: [0, 0xf1] })), [255, 17]);
  });
  test('16-bit colour and gray+alpha keep the high byte', () => {
    const rgb16 = pngFromSpec({ width: 1, height: 1, depth: 16, colorType: 2, raw: [0, 0x12, 0xff, 0x34, 0x00, 0xab, 0xcd] });
    assert.deepEqual(samples(rgb16), [0x12, 0x34, 0xab]);
    const la16 = pngFromSpec({ width: 1, height: 1, depth: 16, colorType: 4, raw: [0, 0x80, 0x01, 0x7f, 0xff] });
    assert.deepEqual(samples(la16), [0x80, 0x7f]);
  });
  test('palette indices become their RGB entries; an index past the PLTE is refused', () => {
    const palette = [1, 2, 3, 4, 5, 6];
    assert.deepEqual(samples(pngFromSpec({ width: 2, height: 1, depth: 4, colorType: 3, palette, raw: [0, 0x10] })), [4, 5, 6, 1, 2, 3]);
    assert.throws(() => decodeImage(pngFromSpec({ width: 2, height: 1, depth: 4, colorType: 3, palette, raw: [0, 0x12] })), {
      message: /palette index 2, but the PLTE has 2 entries/,
    });
    assert.throws(() => decodeImage(pngFromSpec({ width: 1, height: 1, depth: 8, colorType: 3, raw: [0, 0] })), { message: /without a PLTE/ });
  });
  test('an interlaced image puts each of the seven passes where Adam7 says', () => {
    // 3x2 gray: pass 1 has (0,0); pass 4 (2,0); pass 6 (1,0); pass 7 row (0..2, 1).
    const raw = [0, 1, 0, 3, 0, 2, 0, 4, 5, 6];
    assert.deepEqual(samples(pngFromSpec({ width: 3, height: 2, depth: 8, colorType: 0, interlaced: true, raw })), [1, 2, 3, 4, 5, 6]);
  });
});

describe('PNG chunk layer', () => {
  const good = () => pngFromSpec({ width: 2, height: 1, depth: 8, colorType: 0, raw: [0, 7, 9] });
  test('a file that ends right after complete image data, without IEND, decodes (as in Pillow)', () => {
    assert.deepEqual(samples(pngFromSpec({ width: 2, height: 1, depth: 8, colorType: 0, raw: [0, 7, 9], end: false })), [7, 9]);
  });
  test('image data longer than the header calls for is refused rather than guessed at', () => {
    assert.throws(() => decodeImage(pngFromSpec({ width: 2, height: 1, depth: 8, colorType: 0, raw: [0, 7, 9, 0, 0] })), {
      message: /inflates to more than the 3 bytes/,
    });
  });
  test('a broken zlib stream is refused in our words, with zlib\'s own in the cause only', () => {
    const bytes = Buffer.concat([good().subarray(0, 33), pngChunk('IDAT', new Uint8Array([0x78, 0x9c, 0xff, 0xff])), pngChunk('IEND', new Uint8Array(0))]);
    assert.throws(() => decodeImage(bytes), (err: Error) => {
      assert.match(err.message, /^PNG image data is corrupt: its compressed stream does not inflate$/);
      assert.ok(err.cause instanceof Error);
      return true;
    });
  });
  test('a bad CRC, a second IHDR and a truncated chunk are refused', () => {
    const crc = good();
    crc[crc.length - 20] ^= 1;
    assert.throws(() => decodeImage(crc), { message: /fails its CRC check/ });
    const twice = pngFromSpec({ width: 2, height: 1, depth: 8, colorType: 0, raw: [0, 7, 9], after: [good().subarray(8, 33)] });
    assert.throws(() => decodeImage(twice), { message: /second IHDR/ });
    assert.throws(() => decodeImage(good().subarray(0, 40)), { message: /truncated/ });
  });
  test('only the first run of IDAT chunks is image data, as in Pillow', () => {
    const stream = deflateSync(Buffer.from([0, 7, 9]));
    const head = good().subarray(0, 33);
    const [a, b] = [pngChunk('IDAT', stream.subarray(0, 4)), pngChunk('IDAT', stream.subarray(4))];
    const end = pngChunk('IEND', new Uint8Array(0));
    assert.deepEqual(samples(Buffer.concat([head, a, b, end])), [7, 9]);
    const split = Buffer.concat([head, a, pngChunk('tEXt', Buffer.from('a\0b')), b, end]);
    assert.throws(() => decodeImage(split), { message: /truncated/ });
  });
});

describe('the PNG decoder checks the limits itself, before inflating', () => {
  const sink: RowSink = { start: () => assert.fail('no rows expected'), row: () => assert.fail('no rows expected') };
  test('width, height, pixels and decoded bytes from its own IHDR', () => {
    const budget = new TimeBudget(Infinity);
    assert.throws(() => decodePngRows(pngClaiming(1, 16_000_000), imageLimits(), budget, sink), { code: 'IMAGE_TOO_LARGE', message: /height/ });
    assert.throws(() => decodePngRows(pngClaiming(3000, 3000, 1, 16, 6), imageLimits(), budget, sink), {
      code: 'IMAGE_TOO_LARGE',
      message: /4 16-bit channel\(s\) decode to 72000000 bytes, more than the limit of 64000000/,
    });
    assert.throws(() => decodePngRows(pngClaiming(100, 100), imageLimits({ maxPixels: 9999 }), budget, sink), { code: 'IMAGE_TOO_LARGE' });
  });
});
