import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { loadPillowCases, pillowFixtureDir, pngClaiming, readFixtureImage, type PillowCase } from '@tflite-lambda/testing/images';
import { decodeImage } from './decode.js';
import { ImageError } from './errors.js';

const cases = new Map(loadPillowCases().map((c) => [c.name, c]));
function fixture(name: string): Uint8Array {
  const c: PillowCase | undefined = cases.get(name);
  assert.ok(c, `fixture ${name}`);
  return readFixtureImage(c);
}

/** SOS segment and entropy-coded data of the first progressive scan with Ss > 0 and Ah = 0. */
function firstAcScan(jpeg: Uint8Array): Uint8Array {
  for (let at = 2; at + 1 < jpeg.length; at++) {
    if (jpeg[at] !== 0xff || jpeg[at + 1] !== 0xda) continue;
    const length = (jpeg[at + 2] << 8) | jpeg[at + 3];
    const params = at + 2 + length - 3;
    if (jpeg[params] === 0 || jpeg[params + 2] >> 4 !== 0) continue;
    let end = at + 2 + length;
    while (!(jpeg[end] === 0xff && jpeg[end + 1] !== 0 && (jpeg[end + 1] < 0xd0 || jpeg[end + 1] > 0xd7))) end++;
    return jpeg.subarray(at, end);
  }
  throw new Error('no first AC scan');
}

describe('decodeImage keeps the channels and depth Pillow keeps', () => {
  const expected: [string, number, number][] = [
    ['gray1', 1, 8], ['gray2', 1, 8], ['gray4', 1, 8], ['gray8', 1, 8], ['gray16', 1, 16],
    ['gray16_interlaced', 1, 16], ['rgb8', 3, 8], ['rgb16', 3, 8], ['rgba8', 4, 8], ['rgba16', 4, 8],
    ['la8', 2, 8], ['la16', 2, 8], ['pal1', 3, 8], ['pal4_interlaced', 3, 8], ['pal8_trns', 3, 8],
    ['rgb8_interlaced', 3, 8], ['jpeg_baseline_420', 3, 8], ['jpeg_progressive', 3, 8], ['jpeg_gray', 1, 8],
    ['jpeg_gray_progressive', 1, 8], ['jpeg_cmyk', 3, 8], ['jpeg_rgb_colorspace', 3, 8], ['jpeg_restart_gray', 1, 8],
    ['jpeg_440', 3, 8], ['jpeg_tiny_3x5_420', 3, 8],
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
  test('a JPEG that ends right before its EOI marker fails, as it does in Pillow', () => {
    for (const name of ['jpeg_baseline_420', 'jpeg_restart_420']) {
      const jpeg = fixture(name);
      assert.throws(() => decodeImage(jpeg.subarray(0, jpeg.length - 2)), { code: 'IMAGE_DECODE_FAILED', message: /EOI/ });
    }
  });
  test('corrupted JPEGs either decode at their size or fail with IMAGE_DECODE_FAILED, quickly', () => {
    let seed = 99;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return Math.floor((seed / 2 ** 32) * n);
    };
    let failed = 0;
    for (const name of ['jpeg_baseline_420', 'jpeg_progressive', 'jpeg_restart_rows_progressive', 'jpeg_cmyk']) {
      const original = fixture(name);
      for (let i = 0; i < 60; i++) {
        const bytes = original.slice();
        for (let j = 0; j < 3; j++) bytes[rnd(bytes.length)] = rnd(256);
        try {
          const image = decodeImage(bytes, { maxPixels: 1_000_000 });
          assert.equal(image.data.length, image.width * image.height * image.channels);
        } catch (err) {
          assert.ok(err instanceof ImageError, `${name} variant ${i}: ${String(err)}`);
          failed++;
        }
      }
    }
    assert.ok(failed > 20, 'most corruptions are detected');
  });
  test('a progressive JPEG that repeats one scan hundreds of times is refused instead of running on', () => {
    const jpeg = fixture('jpeg_gray_progressive');
    // A first AC pass (Ss > 0, Ah = 0) reads the same bits whatever came before, so it can be repeated.
    const scan = firstAcScan(jpeg);
    const parts = [jpeg.subarray(0, jpeg.length - 2), ...Array.from({ length: 300 }, () => scan), jpeg.subarray(jpeg.length - 2)];
    const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      bytes.set(p, at);
      at += p.length;
    }
    assert.throws(() => decodeImage(bytes), { code: 'IMAGE_DECODE_FAILED', message: /too many scans/ });
    // The same scan repeated a few times is still an acceptable file (its last copy wins those coefficients).
    const few = new Uint8Array(jpeg.length + 3 * scan.length);
    few.set(jpeg.subarray(0, jpeg.length - 2));
    for (let i = 0; i < 3; i++) few.set(scan, jpeg.length - 2 + i * scan.length);
    few.set(jpeg.subarray(jpeg.length - 2), few.length - 2);
    assert.equal(decodeImage(few).data.length, decodeImage(jpeg).data.length);
  });
  test("a progression as deep as mozjpeg's deepest decodes to its baseline source's pixels; one pass more is refused", () => {
    const scans = (file: string) => new Uint8Array(readFileSync(join(pillowFixtureDir(), '..', 'jpeg_scans', file)));
    assert.deepEqual(decodeImage(scans('jpeg_gray_deepest_mozjpeg.jpg')), decodeImage(fixture('jpeg_gray')));
    assert.deepEqual(decodeImage(scans('jpeg_baseline_444_deepest_mozjpeg.jpg')), decodeImage(fixture('jpeg_baseline_444')));
    assert.throws(() => decodeImage(scans('jpeg_gray_one_pass_too_many.jpg')), { code: 'IMAGE_DECODE_FAILED', message: /too many scans/ });
  });
  test('stray bytes between JPEG segments are skipped, as libjpeg does', () => {
    const jpeg = fixture('jpeg_baseline_420');
    let dqt = 2;
    while (!(jpeg[dqt] === 0xff && jpeg[dqt + 1] === 0xdb)) dqt++;
    const padded = new Uint8Array(jpeg.length + 7);
    padded.set(jpeg.subarray(0, dqt));
    padded.set(Buffer.from('garbage'), dqt);
    padded.set(jpeg.subarray(dqt), dqt + 7);
    assert.deepEqual(decodeImage(padded).data, decodeImage(jpeg).data);
  });
  test('GIF, BMP and text are UNSUPPORTED_IMAGE_FORMAT', () => {
    for (const text of ['GIF87a\x02\x00\x02\x00', 'BM\x46\x00\x00\x00\x00\x00', '{"image": "abc"}']) {
      assert.throws(() => decodeImage(Buffer.from(text, 'latin1')), { code: 'UNSUPPORTED_IMAGE_FORMAT' });
    }
  });
});
