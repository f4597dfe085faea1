import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { luma, toGray, toRgb } from './convert.js';
import type { DecodedImage } from './types.js';

describe('luma (Pillow L = R*299/1000 + G*587/1000 + B*114/1000)', () => {
  test('pure primaries give Pillow\'s values', () => {
    // (255*19595 + 32768) >> 16 = 76, (255*38470 + 32768) >> 16 = 150, (255*7471 + 32768) >> 16 = 29
    assert.deepEqual([luma(255, 0, 0), luma(0, 255, 0), luma(0, 0, 255)], [76, 150, 29]);
  });
  test('grays map to themselves', () => {
    for (let v = 0; v < 256; v++) assert.equal(luma(v, v, v), v);
  });
});

describe('toGray / toRgb', () => {
  test('RGBA ignores alpha', () => {
    const image: DecodedImage = { width: 2, height: 1, channels: 4, bitDepth: 8, data: new Uint8Array([255, 0, 0, 0, 0, 255, 0, 128]) };
    assert.deepEqual([...toGray(image).data], [76, 150]);
    assert.deepEqual([...toRgb(image).data], [255, 0, 0, 0, 255, 0]);
  });
  test('16-bit gray is clipped at 255, not rescaled (Pillow I -> L)', () => {
    const image: DecodedImage = { width: 4, height: 1, channels: 1, bitDepth: 16, data: new Uint16Array([0, 200, 256, 65535]) };
    assert.deepEqual([...toGray(image).data], [0, 200, 255, 255]);
    assert.deepEqual([...toRgb(image).data], [0, 0, 0, 200, 200, 200, 255, 255, 255, 255, 255, 255]);
  });
  test('16-bit colour keeps its high byte', () => {
    const image: DecodedImage = { width: 1, height: 1, channels: 3, bitDepth: 16, data: new Uint16Array([0x12ff, 0x3400, 0xffff]) };
    assert.deepEqual([...toRgb(image).data], [0x12, 0x34, 0xff]);
  });
  test('gray+alpha drops alpha', () => {
    const image: DecodedImage = { width: 2, height: 1, channels: 2, bitDepth: 8, data: new Uint8Array([10, 0, 20, 255]) };
    assert.deepEqual([...toGray(image).data], [10, 20]);
  });
  test('a pixel buffer of the wrong length or type is refused', () => {
    const short: DecodedImage = { width: 2, height: 2, channels: 1, bitDepth: 8, data: new Uint8Array(3) };
    const wrongType: DecodedImage = { width: 1, height: 1, channels: 1, bitDepth: 16, data: new Uint8Array(1) };
    assert.throws(() => toGray(short), { code: 'IMAGE_DECODE_FAILED' });
    assert.throws(() => toGray(wrongType), { code: 'IMAGE_DECODE_FAILED' });
  });
});
