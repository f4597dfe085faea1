import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeFailures, imageFuzzTarget, loadReproducers, checkImageInput, runCases } from '@tflite-lambda/testing/fuzz';

/**
 * The bounded image fuzz suite: seeded structure-aware mutations of every Pillow fixture (chunk and
 * segment edits, header fields, Huffman and quantization tables, scan parameters, entropy bytes, re-deflated
 * image data) through decode, convert and resize. Long runs: `npm run fuzz -- --target images`.
 */
const SEED = 0x5eed1;
const CASES = 4000;

test(`${CASES} mutated images each decode to the asked size or fail with an ImageError of ours, within the budget`, () => {
  const report = runCases(imageFuzzTarget(), SEED, 0, CASES);
  assert.equal(report.failures.length, 0, describeFailures(report, SEED));
  // The fuzz limits allow 8 MB of samples per image; the process must not grow by much more.
  assert.ok(report.peakRssGrowth < 300e6, `peak RSS grew by ${Math.round(report.peakRssGrowth / 1e6)} MB`);
});

test('every stored image reproducer now ends in an image or an ImageError, within the budget', () => {
  const cases = loadReproducers('images');
  assert.ok(cases.length > 0, 'the regression folder holds reproducers');
  for (const c of cases) {
    for (const channels of [1, 3] as const) assert.equal(checkImageInput(c.bytes, channels), null, `${c.file} (${channels} channel(s))`);
  }
});
