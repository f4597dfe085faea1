import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { toGray, toRgb } from './convert.js';
import { decodeImage } from './decode.js';
import { compareSamples, fromBase64, loadPillowCases, readFixtureImage } from '@tflite-lambda/testing/images';
import { resizeBicubic } from './resize.js';
import type { Image8 } from './types.js';

const cases = loadPillowCases();
const pngCases = cases.filter((c) => c.file.endsWith('.png'));
const jpegCases = cases.filter((c) => c.file.endsWith('.jpg'));

/**
 * The bar was every pixel within one gray level of Pillow; our PNG decoder (png/) unpacks samples as
 * Pillow's plugin does, so every sample is equal.
 */
const PNG_TOLERANCE = 0;
/**
 * JPEG: our decoder (jpeg/) follows libjpeg-turbo's default decode step for step — islow IDCT, fancy
 * upsampling, fixed-point colour conversion, Pillow's CMYK handling — so every sample equals Pillow's.
 */
const JPEG_TOLERANCE = 0;

function assertWithin(actual: Image8, expectedB64: string, tolerance: number, what: string): void {
  const { maxDiff, differing } = compareSamples(actual.data, fromBase64(expectedB64));
  assert.ok(maxDiff <= tolerance, `${what}: max difference ${maxDiff} (${differing} samples differ)`);
}

describe('Pillow parity for PNG (decode, convert, resize)', () => {
  assert.ok(pngCases.length >= 30, 'the fixture set covers many PNG kinds');
  for (const c of pngCases) {
    test(`${c.name} (Pillow mode ${c.pillowMode}, ${c.width}x${c.height}) matches convert and resize`, () => {
      const image = decodeImage(readFixtureImage(c));
      const gray = toGray(image);
      const rgb = toRgb(image);
      assertWithin(gray, c.gray, PNG_TOLERANCE, "convert('L')");
      assertWithin(rgb, c.rgb, PNG_TOLERANCE, "convert('RGB')");
      for (const r of c.resized) {
        const resized = resizeBicubic(r.mode === 'L' ? gray : rgb, r.width, r.height);
        assertWithin(resized, r.data, PNG_TOLERANCE, `${r.mode} resize to ${r.width}x${r.height}`);
      }
    });
  }
});

describe('Pillow parity for JPEG', () => {
  assert.ok(jpegCases.length >= 20, 'sampling 4:2:0/4:2:2/4:4:4/4:4:0/4:1:1, progressive, gray, restarts, RGB, CMYK, odd sizes');
  for (const c of jpegCases) {
    test(`${c.name} (${c.width}x${c.height}): convert('L'), convert('RGB') and every resize equal Pillow's`, () => {
      const image = decodeImage(readFixtureImage(c));
      const gray = toGray(image);
      const rgb = toRgb(image);
      assertWithin(gray, c.gray, JPEG_TOLERANCE, "convert('L')");
      assertWithin(rgb, c.rgb, JPEG_TOLERANCE, "convert('RGB')");
      for (const r of c.resized) {
        const resized = resizeBicubic(r.mode === 'L' ? gray : rgb, r.width, r.height);
        assertWithin(resized, r.data, JPEG_TOLERANCE, `${r.mode} resize to ${r.width}x${r.height}`);
      }
    });
  }
});

describe('resampler on Pillow\'s own pixels', () => {
  // Feeding Pillow's converted pixels isolates the resampler from the decoders: it must match exactly.
  for (const c of cases) {
    test(`${c.name}: every resize is identical to Pillow's`, () => {
      for (const r of c.resized) {
        const channels = r.mode === 'L' ? 1 : 3;
        const source: Image8 = { width: c.width, height: c.height, channels, data: fromBase64(r.mode === 'L' ? c.gray : c.rgb) };
        const { maxDiff } = compareSamples(resizeBicubic(source, r.width, r.height).data, fromBase64(r.data));
        assert.equal(maxDiff, 0, `${r.mode} ${r.width}x${r.height}`);
      }
    });
  }
});
