import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { pngClaiming } from './crafted_images.js';
import { decodeImage } from './decode.js';
import { loadPillowCases, readFixtureImage, type PillowCase } from './pillow_fixtures.js';

const cases = new Map(loadPillowCases().map((c) => [c.name, c]));
function fixture(name: string): Uint8Array {
  const c: PillowCase | undefined = cases.get(name);
  assert.ok(c, `fixture ${name}`);
  return readFixtureImage(c);
}

describe('decodeImage keeps the channels and depth Pillow keeps', () => {
  const expected: [string, number, number][] = [
    ['gray1', 1, 8], ['gray2', 1, 8], ['gray4', 1, 8], ['gray8', 1, 8], ['gray16', 1, 16],
    ['gray16_interlaced', 1, 16], ['rgb8', 3, 8], ['rgb16', 3, 8], ['rgba8', 4, 8], ['rgba16', 4, 8],
    ['la8', 2, 8], ['la16', 2, 8], ['pal1', 3, 8], ['pal4_interlaced', 3, 8], ['pal8_trns', 3, 8],
    ['rgb8_interlaced', 3, 8], ['jpeg_baseline_420', 3, 8], ['jpeg_progressive', 3, 8], ['jpeg_gray', 1, 8],
    ['jpeg_gray_progressive', 1, 8],
  ];
  for (const [name, channels, bitDepth] of expected) {
    test(`${name}: ${channels} channel(s) at ${bitDepth} bits`, () => {
      const image = decodeImage(fixture(name));
      const c = cases.get(name);
      assert.equal(image.channels, channels);
      assert.equal(image.bitDepth, bitDepth);
      assert.equal(image.data.length, (c?.width ?? 0) * (c?.height ?? 0) * channels);
      assert.ok(bitDepth === 16 ? image.data instanceof Uint16Array : image.data instanceof Uint8Array);
    });
  }
  test('16-bit gray keeps values above 255', () => {
    const image = decodeImage(fixture('gray16'));
    assert.ok(Math.max(...image.data) > 60000);
  });
  test('sub-byte gray is stretched to 0..255 like Pillow (1-bit to 0/255, 2-bit to multiples of 85)', () => {
    assert.deepEqual([...new Set(decodeImage(fixture('gray1')).data)].sort((a, b) => a - b), [0, 255]);
    for (const v of decodeImage(fixture('gray2')).data) assert.equal(v % 85, 0);
    for (const v of decodeImage(fixture('gray4')).data) assert.equal(v % 17, 0);
  });
  test('accepts an ArrayBuffer-backed view at an offset', () => {
    const bytes = fixture('gray8');
    const padded = new Uint8Array(bytes.length + 5);
    padded.set(bytes, 5);
    assert.deepEqual(decodeImage(padded.subarray(5)).data, decodeImage(bytes).data);
  });
});

describe('decodeImage refuses bad input', () => {
  test('truncated PNGs fail with IMAGE_DECODE_FAILED wherever they are cut', () => {
    const png = fixture('rgb8');
    for (const length of [30, 40, 60, Math.floor(png.length / 2), png.length - 13]) {
      assert.throws(() => decodeImage(png.subarray(0, length)), { code: 'IMAGE_DECODE_FAILED' }, `cut at ${length}`);
    }
  });
  test('a PNG whose image data inflates short fails rather than exposing uninitialised memory', () => {
    // pngjs alone unfilters whatever follows the short data; the result varied from run to run.
    for (let i = 0; i < 5; i++) {
      assert.throws(() => decodeImage(pngClaiming(64, 64, 63)), { code: 'IMAGE_DECODE_FAILED', message: /truncated/ });
    }
    assert.deepEqual([...new Set(decodeImage(pngClaiming(64, 64, 64)).data)], [0]);
  });
  test('a PNG with a corrupted data byte fails its CRC check', () => {
    const png = fixture('gray8').slice();
    png[60] ^= 0xff;
    assert.throws(() => decodeImage(png), { code: 'IMAGE_DECODE_FAILED' });
  });
  test('truncated JPEGs fail with IMAGE_DECODE_FAILED', () => {
    for (const name of ['jpeg_baseline_420', 'jpeg_progressive', 'jpeg_gray']) {
      const jpeg = fixture(name);
      for (const length of [40, Math.floor(jpeg.length / 2), jpeg.length - 40]) {
        assert.throws(() => decodeImage(jpeg.subarray(0, length)), { code: 'IMAGE_DECODE_FAILED' }, `${name} cut at ${length}`);
      }
    }
  });
  test('GIF, BMP and text are UNSUPPORTED_IMAGE_FORMAT', () => {
    for (const text of ['GIF87a\x02\x00\x02\x00', 'BM\x46\x00\x00\x00\x00\x00', '{"image": "abc"}']) {
      assert.throws(() => decodeImage(Buffer.from(text, 'latin1')), { code: 'UNSUPPORTED_IMAGE_FORMAT' });
    }
  });
});
