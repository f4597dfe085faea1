import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { grayPng, jpegClaiming, loadPillowCases, pngClaiming, readFixtureImage } from '@tflite-lambda/testing/images';
import { decodeImage, decodeImageRows } from './decode.js';
import { ImageDecoderBug } from './errors.js';
import { decodeJpegRows } from './jpeg/decoder.js';
import { checkImageLimits, DEFAULT_IMAGE_LIMITS, imageLimits } from './limits.js';
import { prepareImage } from './prepare.js';
import { TimeBudget } from './time_budget.js';
import type { DecodedImage, RowSink } from './types.js';

const target = { width: 28, height: 28, channels: 1 } as const;

describe('image limits, judged from the header before any pixel memory exists', () => {
  test('each limit is named when it refuses', () => {
    const limits = imageLimits({ maxWidth: 100, maxHeight: 50, maxPixels: 3000, maxDecodedBytes: 6000 });
    const size = (width: number, height: number, channels = 1, bytesPerSample: 1 | 2 = 1) => ({ width, height, channels, bytesPerSample });
    assert.throws(() => checkImageLimits(size(101, 1), limits), { code: 'IMAGE_TOO_LARGE', message: /width is more than the limit of 100/ });
    assert.throws(() => checkImageLimits(size(1, 51), limits), { message: /height is more than the limit of 50/ });
    assert.throws(() => checkImageLimits(size(100, 31), limits), { message: /3100 pixels, more than the limit of 3000/ });
    assert.throws(() => checkImageLimits(size(50, 50, 3), limits), { message: /3 channel\(s\) decode to 7500 bytes/ });
    assert.throws(() => checkImageLimits(size(40, 40, 2, 2), limits), { message: /2 16-bit channel\(s\) decode to 6400 bytes/ });
    assert.doesNotThrow(() => checkImageLimits(size(100, 30, 2), limits));
  });
  test('a 1 x 16 000 000 strip, inside the pixel limit, is refused for its height', () => {
    assert.throws(() => decodeImage(pngClaiming(1, 16_000_000)), { code: 'IMAGE_TOO_LARGE', message: /1x16000000: its height/ });
  });
  test('a 5000 x 5000 PNG is refused for its pixels, a 3000 x 3000 16-bit RGBA one for its 72 MB of samples', () => {
    assert.throws(() => prepareImage(pngClaiming(5000, 5000, 1, 16, 6), target), { code: 'IMAGE_TOO_LARGE', message: /25000000 pixels/ });
    assert.throws(() => prepareImage(pngClaiming(3000, 3000, 1, 16, 6), target), { code: 'IMAGE_TOO_LARGE', message: /72000000 bytes/ });
  });
  test('the JPEG decoder checks its own frame header before allocating coefficients', () => {
    const sink: RowSink = { start: () => assert.fail('no rows'), row: () => assert.fail('no rows') };
    const limits = imageLimits({ maxPixels: 640 * 480 - 1 });
    assert.throws(() => decodeJpegRows(jpegClaiming(640, 480), limits, new TimeBudget(Infinity), sink), { code: 'IMAGE_TOO_LARGE' });
  });
  test('the coefficient visits a JPEG\'s scans need are capped, judged from each scan header', () => {
    const cases = new Map(loadPillowCases().map((c) => [c.name, c]));
    const jpeg = (name: string) => readFixtureImage(cases.get(name) ?? assert.fail(name));
    // 45x33 at 4:2:0: 3x3 MCUs of 16x16, so 36 luma and 9 + 9 chroma blocks of 64 coefficients, visited once.
    assert.equal(decodeImage(jpeg('jpeg_baseline_420'), { maxScanWork: 54 * 64 }).width, 45);
    assert.throws(() => decodeImage(jpeg('jpeg_baseline_420'), { maxScanWork: 54 * 64 - 1 }), {
      code: 'IMAGE_TOO_LARGE',
      message: /^JPEG of 45x33: its scans need more than the limit of 3455 coefficient visits/,
    });
    // The same image progressive visits every coefficient more than once.
    assert.throws(() => decodeImage(jpeg('jpeg_progressive'), { maxScanWork: 54 * 64 }), { code: 'IMAGE_TOO_LARGE' });
  });
  test('pixels handed in already decoded are held to the same limits', () => {
    const image: DecodedImage = { width: 300, height: 2, channels: 1, bitDepth: 8, data: new Uint8Array(600) };
    assert.throws(() => prepareImage(image, target, { maxWidth: 299 }), { code: 'IMAGE_TOO_LARGE', message: /^image is 300x2/ });
    assert.equal(prepareImage(image, target, { maxWidth: 300 }).data.length, 28 * 28);
  });
  test('limits that are not positive numbers are a programming error', () => {
    assert.throws(() => imageLimits({ maxPixels: 0 }), TypeError);
    assert.throws(() => imageLimits({ maxWidth: Number.NaN }), TypeError);
    assert.deepEqual(imageLimits({ maxPixels: undefined }), DEFAULT_IMAGE_LIMITS);
  });
});

describe('the time budget', () => {
  const png = grayPng(1200, 1200, (x, y) => (x * 7 + y * 3) & 255);
  test('a deadline already passed refuses before decoding', () => {
    const sink: RowSink = { start: () => assert.fail('no rows'), row: () => assert.fail('no rows') };
    assert.throws(() => decodeImageRows(png, sink, { deadline: performance.now() - 1 }), { code: 'IMAGE_DECODE_TIMEOUT', message: /time left/ });
  });
  test('a deadline reached during decoding and resizing stops them with IMAGE_DECODE_TIMEOUT', () => {
    let rows = 0;
    const counting: RowSink = { start: () => undefined, row: () => void rows++ };
    assert.throws(() => decodeImageRows(png, counting, { deadline: performance.now() + 1 }), { code: 'IMAGE_DECODE_TIMEOUT' });
    assert.ok(rows < 1200, `stopped after ${rows} of 1200 rows`);
  });
  test('without a deadline the same image decodes', () => {
    assert.equal(prepareImage(png, target).data.length, 28 * 28);
  });
});

describe('decoder bugs are not blamed on the image', () => {
  test('an unexpected exception inside decoding surfaces as an ImageDecoderBug carrying the original', () => {
    const bytes = readFixtureImage(loadPillowCases()[0]);
    const broken: RowSink = { start: () => undefined, row: () => { throw new TypeError('boom'); } };
    assert.throws(() => decodeImageRows(bytes, broken), (err: unknown) => {
      assert.ok(err instanceof ImageDecoderBug);
      assert.match(err.message, /^bug in the PNG decoder: boom$/);
      assert.ok(err.cause instanceof TypeError);
      return true;
    });
  });
});
