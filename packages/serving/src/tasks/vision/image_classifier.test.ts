import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { DecodedImage } from '@tflite-lambda/vision';
import { fromBase64, loadPillowCases, readFixtureImage } from '@tflite-lambda/testing/images';
import { ImageClassifier, type ImageClassifierOptions } from './image_classifier.js';
import { passThroughModel, perTensor, type PassThroughSpec } from '@tflite-lambda/testing/serving';

/** Softmax in double precision, written independently of the classifier's. */
function softmaxOf(values: number[]): number[] {
  const max = Math.max(...values);
  const e = values.map((v) => Math.exp(v - max));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}

function assertClose(actual: Float32Array, expected: number[], tolerance = 1e-6): void {
  assert.equal(actual.length, expected.length);
  expected.forEach((e, i) => { assert.ok(Math.abs(actual[i] - e) <= tolerance, `score ${i}: ${actual[i]} vs ${e}`); });
}

async function classifierFor(spec: PassThroughSpec, options: ImageClassifierOptions = {}): Promise<ImageClassifier> {
  return ImageClassifier.load(passThroughModel(spec), options);
}

const gray2x2 = (values: number[]): DecodedImage => ({ width: 2, height: 2, channels: 1, bitDepth: 8, data: new Uint8Array(values) });
const PIXELS = [0, 64, 128, 255];

describe('input adaptation by shape and dtype', () => {
  test('float32 [1,H,W] gets 0..255 pixels by default; logits are softmaxed', async () => {
    const c = await classifierFor({ dtype: 'float32', inputShape: [1, 2, 2] });
    assertClose(c.predict(gray2x2(PIXELS)), softmaxOf(PIXELS));
    const [best] = c.classify(gray2x2(PIXELS), { maxResults: 1 }).classifications[0].categories;
    assert.deepEqual(best, { index: 3, score: c.predict(gray2x2(PIXELS))[3], categoryName: '', displayName: '' });
  });
  test("float32 [1,H,W,1] with 'zero-one' divides by 255", async () => {
    const c = await classifierFor({ dtype: 'float32', inputShape: [1, 2, 2, 1] }, { normalization: 'zero-one' });
    assertClose(c.predict(gray2x2(PIXELS)), softmaxOf(PIXELS.map((p) => p / 255)));
  });
  test("float32 with 'minus-one-one' maps 0..255 to -1..1", async () => {
    const c = await classifierFor({ dtype: 'float32', inputShape: [1, 2, 2, 1] }, { normalization: 'minus-one-one' });
    assertClose(c.predict(gray2x2(PIXELS)), softmaxOf([-1, 64 / 127.5 - 1, 128 / 127.5 - 1, 1]));
  });
  test('float32 [1,H,W,3] RGB with per-channel mean/std', async () => {
    const rgb: DecodedImage = { width: 2, height: 1, channels: 3, bitDepth: 8, data: new Uint8Array([10, 20, 30, 200, 100, 50]) };
    const c = await classifierFor({ dtype: 'float32', inputShape: [1, 1, 2, 3] }, { normalization: { mean: [10, 20, 30], std: [2, 4, 5] } });
    assertClose(c.predict(rgb), softmaxOf([0, 0, 0, 95, 20, 4]));
  });
  test('RGB models get gray images replicated, gray models get RGB as Pillow luma', async () => {
    const rgbModel = await classifierFor({ dtype: 'float32', inputShape: [1, 1, 2, 3] });
    const gray: DecodedImage = { width: 2, height: 1, channels: 1, bitDepth: 8, data: new Uint8Array([3, 5]) };
    assertClose(rgbModel.predict(gray), softmaxOf([3, 3, 3, 5, 5, 5]));
    const grayModel = await classifierFor({ dtype: 'float32', inputShape: [1, 1, 1] });
    assert.equal(grayModel.numClasses, 1);
  });
  test('uint8 input takes the pixels as-is; the quantized output is dequantized', async () => {
    const q = perTensor(1 / 255, 0);
    const c = await classifierFor({ dtype: 'uint8', inputShape: [1, 2, 2, 1], inputQuantization: q, outputQuantization: q });
    assertClose(c.predict(gray2x2(PIXELS)), softmaxOf(PIXELS.map((p) => p / 255)));
  });
  test('int8 input treats pixels as the real 0..255 value and quantizes them', async () => {
    const q = perTensor(1, -128);
    const c = await classifierFor({ dtype: 'int8', inputShape: [1, 2, 2, 1], inputQuantization: q, outputQuantization: q });
    assertClose(c.predict(gray2x2(PIXELS)), softmaxOf(PIXELS));
  });
  test("int8 input with 'zero-one' quantizes p/255 with the input's scale and zero point", async () => {
    const q = perTensor(1 / 255, -128);
    const c = await classifierFor({ dtype: 'int8', inputShape: [1, 2, 2, 1], inputQuantization: q, outputQuantization: q }, { normalization: 'zero-one' });
    assertClose(c.predict(gray2x2(PIXELS)), softmaxOf(PIXELS.map((p) => p / 255)), 1e-5);
  });
  test('int8 quantization saturates at 127', async () => {
    const q = perTensor(2, 0);
    const c = await classifierFor({ dtype: 'int8', inputShape: [1, 2, 2, 1], inputQuantization: q, outputQuantization: q });
    // q = round(p / 2) = 0, 32, 64, 128 -> 127; dequantized 0, 64, 128, 254.
    assertClose(c.predict(gray2x2(PIXELS)), softmaxOf([0, 64, 128, 254]));
  });
});

describe('scores', () => {
  test('an output that is not computed by SOFTMAX holds logits and gets a softmax, whatever its values', async () => {
    const c = await classifierFor({ dtype: 'float32', inputShape: [1, 2, 2, 1] }, { normalization: 'zero-one' });
    assertClose(c.predict(gray2x2([0, 0, 51, 204])), softmaxOf([0, 0, 0.2, 0.8]));
  });
  test('a model ending in SOFTMAX is not softmaxed twice', async () => {
    const c = await classifierFor({ dtype: 'float32', inputShape: [1, 2, 2, 1], softmax: true }, { normalization: 'zero-one' });
    assertClose(c.predict(gray2x2(PIXELS)), softmaxOf(PIXELS.map((p) => p / 255)), 1e-6);
  });
  test("outputActivation 'none' keeps a dequantized uint8 output as it is", async () => {
    const c = await classifierFor({ dtype: 'uint8', inputShape: [1, 2, 2, 1], outputQuantization: perTensor(1 / 256, 0) }, { outputActivation: 'none' });
    assertClose(c.predict(gray2x2([0, 0, 64, 192])), [0, 0, 0.25, 0.75]);
  });
  test('classify orders classes by score and attaches labels; maxResults caps them', async () => {
    const c = await classifierFor({ dtype: 'float32', inputShape: [1, 2, 2, 1] }, { normalization: 'zero-one', labels: ['a', 'b', 'c', 'd'] });
    const { categories } = c.classify(gray2x2([10, 0, 51, 194]), { maxResults: 3 }).classifications[0];
    assert.deepEqual(categories.map((t) => t.categoryName), ['d', 'c', 'a']);
    assert.deepEqual(categories.map((t) => t.index), [3, 2, 0]);
    assert.equal(c.classify(gray2x2(PIXELS)).classifications[0].categories.length, 4);
    assert.throws(() => c.classify(gray2x2(PIXELS), { maxResults: 0 }), { code: 'BAD_OPTIONS' });
  });
  test('options given at load are defaults that a call can override', async () => {
    const c = await classifierFor({ dtype: 'float32', inputShape: [1, 2, 2, 1] }, { normalization: 'zero-one', labels: ['a', 'b', 'c', 'd'], maxResults: 1, categoryDenylist: ['d'] });
    assert.deepEqual(c.classify(gray2x2(PIXELS)).classifications[0].categories.map((t) => t.categoryName), ['c']);
    assert.deepEqual(c.classify(gray2x2(PIXELS), { maxResults: 2 }).classifications[0].categories.map((t) => t.categoryName), ['c', 'b']);
  });
});

describe('labels and model checks', () => {
  const dir = mkdtempSync(join(tmpdir(), 'classifier-labels-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  test('labels load from a file, one per line (CRLF and a trailing newline tolerated)', async () => {
    const file = join(dir, 'labels.txt');
    writeFileSync(file, 'zero\r\none\r\ntwo\r\nthree\r\n\n');
    const c = await classifierFor({ dtype: 'float32', inputShape: [1, 2, 2] }, { labels: file });
    assert.deepEqual(c.labels, ['zero', 'one', 'two', 'three']);
    assert.equal(c.classify(gray2x2(PIXELS)).classifications[0].categories[0].categoryName, 'three');
  });
  test('a label count that differs from the class count is refused at load', async () => {
    await assert.rejects(classifierFor({ dtype: 'float32', inputShape: [1, 2, 2] }, { labels: ['a', 'b'] }), { code: 'BAD_OPTIONS' });
    await assert.rejects(classifierFor({ dtype: 'float32', inputShape: [1, 2, 2] }, { labels: join(dir, 'missing.txt') }), { code: 'LABELS_UNREADABLE' });
  });
  test('input shapes and dtypes that are not images are refused at load', async () => {
    await assert.rejects(classifierFor({ dtype: 'float32', inputShape: [1, 4] }), { code: 'UNSUPPORTED_MODEL' });
    await assert.rejects(classifierFor({ dtype: 'float32', inputShape: [1, 2, 2, 2] }), { code: 'UNSUPPORTED_MODEL' });
    await assert.rejects(classifierFor({ dtype: 'int16', inputShape: [1, 2, 2, 1] }), { code: 'UNSUPPORTED_MODEL' });
  });
  test('a malformed mean/std is refused at load', async () => {
    await assert.rejects(classifierFor({ dtype: 'float32', inputShape: [1, 2, 2, 3] }, { normalization: { mean: [1, 2], std: [1] } }), { code: 'BAD_OPTIONS' });
  });
  test('inputDetails and numClasses describe the model', async () => {
    const c = await classifierFor({ dtype: 'uint8', inputShape: [1, 2, 2, 1] });
    assert.deepEqual(c.inputDetails.shape, [1, 2, 2, 1]);
    assert.equal(c.inputDetails.dtype, 'uint8');
    assert.equal(c.numClasses, 4);
    assert.equal(c.labels, null);
  });
});

describe('encoded images end to end', () => {
  const digit = loadPillowCases().find((c) => c.name === 'digit_dark_on_light');
  assert.ok(digit);
  const pillow28 = [...fromBase64(digit.resized.find((r) => r.width === 28 && r.mode === 'L')?.data ?? '')];
  const mnistLike: PassThroughSpec = { dtype: 'float32', inputShape: [1, 28, 28, 1] };

  test("a 140x120 PNG reaches the model as Pillow's convert('L').resize((28, 28))", async () => {
    const c = await classifierFor(mnistLike, { normalization: 'zero-one', invert: false });
    assertClose(c.predict(readFixtureImage(digit)), softmaxOf(pillow28.map((p) => p / 255)), 1e-6);
  });
  test("invert 'auto' (the default at 28×28 gray) flips a dark-on-light digit, and leaves light-on-dark alone", async () => {
    const auto = await classifierFor(mnistLike, { normalization: 'zero-one' });
    const inverted = pillow28.map((p) => (255 - p) / 255);
    assertClose(auto.predict(readFixtureImage(digit)), softmaxOf(inverted), 1e-6);
    const lightOnDark: DecodedImage = { width: 28, height: 28, channels: 1, bitDepth: 8, data: new Uint8Array(pillow28.map((p) => 255 - p)) };
    assertClose(auto.predict(lightOnDark), softmaxOf(inverted), 1e-6);
  });
  test('ArrayBuffer input works like Uint8Array', async () => {
    const c = await classifierFor(mnistLike);
    const bytes = readFixtureImage(digit);
    const copy = new Uint8Array(bytes).buffer;
    assert.deepEqual(c.predict(copy), c.predict(bytes));
  });
  test('oversized, unknown and corrupt images raise ImageError codes', async () => {
    const c = await classifierFor(mnistLike, { maxPixels: 100 * 100 });
    assert.throws(() => c.classify(readFixtureImage(digit)), { code: 'IMAGE_TOO_LARGE' });
    assert.throws(() => c.classify(new TextEncoder().encode('GIF89a...')), { code: 'UNSUPPORTED_IMAGE_FORMAT' });
    const unlimited = await classifierFor(mnistLike);
    assert.throws(() => unlimited.classify(readFixtureImage(digit).subarray(0, 100)), { code: 'IMAGE_DECODE_FAILED' });
    const big: DecodedImage = { width: 200, height: 200, channels: 1, bitDepth: 8, data: new Uint8Array(40000) };
    assert.throws(() => c.classify(big), { code: 'IMAGE_TOO_LARGE' });
  });
});
