import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { jpegClaiming, loadPillowCases, pngClaiming, readFixtureImage } from '@tflite-lambda/testing/images';
import { decodeImage } from './decode.js';
import { readImageHeader } from './header.js';
import { sniffImageFormat } from './sniff.js';

describe('sniffImageFormat', () => {
  test('recognises PNG and JPEG signatures', () => {
    assert.equal(sniffImageFormat(pngClaiming(2, 2)), 'png');
    assert.equal(sniffImageFormat(jpegClaiming(2, 2)), 'jpeg');
  });
  test('returns null for GIF, BMP, text, empty and partial signatures', () => {
    for (const bytes of [
      Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'),
      Buffer.from('BM\x3a\x00\x00\x00', 'latin1'),
      Buffer.from('hello, world', 'utf8'),
      new Uint8Array(0),
      new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
      new Uint8Array([0xff, 0xd8]),
    ]) {
      assert.equal(sniffImageFormat(bytes), null);
    }
  });
});

describe('readImageHeader', () => {
  test('reads every fixture size as Pillow reports it', () => {
    for (const c of loadPillowCases()) {
      const header = readImageHeader(readFixtureImage(c));
      assert.deepEqual([header.width, header.height], [c.width, c.height], c.name);
      assert.equal(header.format, c.file.endsWith('.png') ? 'png' : 'jpeg');
    }
  });
  test('reads a JPEG frame header that follows other segments', () => {
    assert.deepEqual(readImageHeader(jpegClaiming(640, 480)), { format: 'jpeg', width: 640, height: 480, channels: 3, bytesPerSample: 1 });
  });
  test('refuses unknown formats with UNSUPPORTED_IMAGE_FORMAT', () => {
    assert.throws(() => readImageHeader(Buffer.from('GIF89a', 'latin1')), { code: 'UNSUPPORTED_IMAGE_FORMAT' });
  });
  test('a PNG cut inside its IHDR or a JPEG without a frame header fails to decode', () => {
    assert.throws(() => readImageHeader(pngClaiming(5, 5).subarray(0, 20)), { code: 'IMAGE_DECODE_FAILED' });
    assert.throws(() => readImageHeader(jpegClaiming(5, 5).subarray(0, 22)), { code: 'IMAGE_DECODE_FAILED' });
    const scanFirst = new Uint8Array([0xff, 0xd8, 0xff, 0xda, 0x00, 0x08, 1, 1, 0, 0, 0x3f, 0]);
    assert.throws(() => readImageHeader(scanFirst), { code: 'IMAGE_DECODE_FAILED' });
  });
  test('a zero width is a decode failure', () => {
    assert.throws(() => readImageHeader(pngClaiming(0, 7)), { code: 'IMAGE_DECODE_FAILED' });
  });
});

describe('pixel limit checked from the header', () => {
  test('a 30000x30000 PNG bomb is refused before decoding', () => {
    // The IDAT holds one row only: had the decoder run, it would have failed with IMAGE_DECODE_FAILED
    // (or tried to allocate 3.6 GB of RGBA). IMAGE_TOO_LARGE proves only the header was read.
    const bomb = pngClaiming(30000, 30000);
    assert.ok(bomb.length < 1000);
    assert.throws(() => decodeImage(bomb), { name: 'ImageError', code: 'IMAGE_TOO_LARGE', message: /30000x30000/ });
  });
  test('a JPEG whose frame claims 60000x60000 is refused before decoding', () => {
    assert.throws(() => decodeImage(jpegClaiming(60000, 60000)), { code: 'IMAGE_TOO_LARGE' });
  });
  test('maxPixels is configurable and inclusive', () => {
    const png = pngClaiming(10, 10);
    assert.throws(() => decodeImage(png, { maxPixels: 99 }), { code: 'IMAGE_TOO_LARGE' });
    assert.throws(() => decodeImage(png, { maxPixels: 100 }), { code: 'IMAGE_DECODE_FAILED' }); // 1 row of 10
  });
});
