import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { TensorDetails } from '@tflite-lambda/runtime';
import type { Image8 } from '@tflite-lambda/vision';
import { applyInvert, inputSpecOf, isDarkOnLight, toInputTensor } from './image_input.js';

function details(shape: number[], dtype: TensorDetails['dtype'], scale: number[] = [], zeroPoint: number[] = []): TensorDetails {
  return { index: 7, name: 'in', shape, shapeSignature: shape, dtype, quantization: { scale, zeroPoint, quantizedDimension: 0 } };
}

const image = (data: number[], channels: 1 | 3 = 1): Image8 => ({ width: data.length / channels, height: 1, channels, data: new Uint8Array(data) });

describe('inputSpecOf', () => {
  test('reads size and channels from [1,H,W], [1,H,W,1] and [1,H,W,3]', () => {
    assert.deepEqual(
      [inputSpecOf(details([1, 28, 20], 'float32')), inputSpecOf(details([1, 5, 6, 1], 'uint8')), inputSpecOf(details([1, 224, 160, 3], 'float32'))].map(
        (s) => [s.index, s.height, s.width, s.channels],
      ),
      [[7, 28, 20, 1], [7, 5, 6, 1], [7, 224, 160, 3]],
    );
  });
  test('takes the int8 scale and zero point, defaulting to 1 and -128', () => {
    const q = inputSpecOf(details([1, 2, 2, 1], 'int8', [0.5], [3]));
    assert.deepEqual([q.scale, q.zeroPoint], [0.5, 3]);
    const plain = inputSpecOf(details([1, 2, 2, 1], 'int8'));
    assert.deepEqual([plain.scale, plain.zeroPoint], [1, -128]);
  });
  test('refuses batches, 2 or 4 channels and non-image dtypes', () => {
    for (const d of [details([2, 5, 5, 1], 'float32'), details([1, 5, 5, 4], 'float32'), details([1, 5, 5, 1], 'int32'), details([1, 25], 'float32')]) {
      assert.throws(() => inputSpecOf(d), { code: 'UNSUPPORTED_MODEL' });
    }
  });
});

describe('toInputTensor', () => {
  test('uint8 copies pixels whatever the normalization', () => {
    const spec = inputSpecOf(details([1, 1, 3], 'uint8'), undefined, { normalization: 'zero-one' });
    const out = toInputTensor(image([0, 7, 255]), spec);
    assert.ok(out instanceof Uint8Array);
    assert.deepEqual([...out], [0, 7, 255]);
  });
  test('int8 rounds half away from zero and saturates', () => {
    // scale 2, zero point 1: 3/2 = 1.5 -> 2 (+1 = 3); 5/2 = 2.5 -> 3 (+1 = 4); 255/2 -> 128 (+1) -> 127.
    const spec = inputSpecOf(details([1, 1, 4], 'int8', [2], [1]));
    assert.deepEqual([...toInputTensor(image([0, 3, 5, 255]), spec)], [1, 3, 4, 127]);
    const negative = inputSpecOf(details([1, 1, 2], 'int8', [1 / 128], [0]), undefined, { normalization: 'minus-one-one' });
    // 'minus-one-one': 0 -> -1 -> -128; 255 -> 1 -> 128 -> saturated 127.
    assert.deepEqual([...toInputTensor(image([0, 255]), negative)], [-128, 127]);
  });
  test('float32 applies a single mean/std to every channel', () => {
    const spec = inputSpecOf(details([1, 1, 1, 3], 'float32'), undefined, { normalization: { mean: [10], std: [10] } });
    assert.deepEqual([...toInputTensor(image([10, 20, 30], 3), spec)], [0, 1, 2]);
  });
  test("takes the metadata's normalization unless the options give one", () => {
    const meta = { processUnits: [{ kind: 'normalization' as const, mean: [127.5], std: [127.5] }] };
    const fromMeta = inputSpecOf(details([1, 1, 2], 'float32'), meta);
    assert.deepEqual([...toInputTensor(image([0, 255]), fromMeta)], [-1, 1]);
    const overridden = inputSpecOf(details([1, 1, 2], 'float32'), meta, { normalization: 'zero-one' });
    assert.deepEqual([...toInputTensor(image([0, 255]), overridden)], [0, 1]);
  });
  test("refuses a tensor whose channels contradict the metadata's colour space", () => {
    const gray = { content: { properties: { kind: 'image' as const, colorSpace: 'GRAYSCALE' as const } } };
    assert.throws(() => inputSpecOf(details([1, 4, 4, 3], 'float32'), gray), /metadata declares a GRAYSCALE image/);
  });
});

describe('default inversion', () => {
  test("is 'auto' for 28×28 gray inputs (the MNIST family) and off for every other input", () => {
    assert.equal(inputSpecOf(details([1, 28, 28], 'uint8')).invert, 'auto');
    assert.equal(inputSpecOf(details([1, 28, 28, 1], 'float32')).invert, 'auto');
    assert.equal(inputSpecOf(details([1, 28, 28, 3], 'float32')).invert, false);
    assert.equal(inputSpecOf(details([1, 96, 96, 1], 'int8')).invert, false);
    assert.equal(inputSpecOf(details([1, 28, 28], 'uint8'), undefined, { invert: false }).invert, false);
  });
});

describe('invert', () => {
  test('true inverts, false keeps', () => {
    assert.deepEqual([...applyInvert(image([0, 100, 255]), true).data], [255, 155, 0]);
    assert.deepEqual([...applyInvert(image([0, 100, 255]), false).data], [0, 100, 255]);
  });
  test("'auto' judges by the border: a light frame with a dark centre is dark-on-light", () => {
    const frame: Image8 = { width: 3, height: 3, channels: 1, data: new Uint8Array([250, 250, 250, 250, 0, 250, 250, 250, 250]) };
    assert.equal(isDarkOnLight(frame), true);
    const dark: Image8 = { width: 3, height: 3, channels: 1, data: new Uint8Array([0, 0, 0, 0, 255, 0, 0, 0, 0]) };
    assert.equal(isDarkOnLight(dark), false);
    assert.deepEqual([...applyInvert(dark, 'auto').data], [0, 0, 0, 0, 255, 0, 0, 0, 0]);
  });
});
