import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { LiteRtOracle } from '@tflite-lambda/testing/litert';
import { grayPng } from '@tflite-lambda/testing/images';
import { embedderModel } from '@tflite-lambda/testing/serving';
import { cosineSimilarity, ImageEmbedder } from './image_embedder.js';
import { preprocess } from './preprocess.js';

const stripes = grayPng(32, 32, (x) => (x % 8 < 4 ? 230 : 20));
const gradient = grayPng(32, 32, (x, y) => (x * 4 + y * 3) % 256);

describe('ImageEmbedder', () => {
  let embedder: ImageEmbedder;
  before(async () => {
    embedder = await ImageEmbedder.load(embedderModel(), { normalization: 'zero-one' });
  });

  it("gives the model's vector for the preprocessed image, as TFLite's kernels (LiteRT.js) compute it", async () => {
    const oracle = await LiteRtOracle.create();
    const { tensor } = preprocess(stripes, embedder.inputSpec);
    const [expected] = await oracle.run(embedderModel(), [{ dtype: 'float32', shape: [1, 16, 16, 3], data: tensor }]);
    const [ours] = embedder.embed(stripes).embeddings;
    assert.equal(ours.floatEmbedding.length, 8);
    ours.floatEmbedding.forEach((v, i) => { assert.ok(Math.abs(v - (expected.data as Float32Array)[i]) <= 1e-5, `value ${i}`); });
    assert.equal(ours.headName, 'embedding');
  });

  it('L2-normalises on request, and quantizes unit vectors to int8', () => {
    const [unit] = embedder.embed(stripes, { l2Normalize: true, quantize: true }).embeddings;
    const norm = Math.sqrt(unit.floatEmbedding.reduce((s, v) => s + v * v, 0));
    assert.ok(Math.abs(norm - 1) < 1e-6);
    assert.deepEqual(unit.quantizedEmbedding, unit.floatEmbedding.map((v) => Math.max(-128, Math.min(127, Math.round(v * 128)))));
  });

  it('compares embeddings by cosine similarity: 1 for the same image, less for another', () => {
    const a = embedder.embed(stripes).embeddings[0];
    const b = embedder.embed(gradient).embeddings[0];
    assert.ok(Math.abs(ImageEmbedder.cosineSimilarity(a, a) - 1) < 1e-9);
    const ab = ImageEmbedder.cosineSimilarity(a, b);
    assert.ok(ab < 0.9999 && ab > -1, String(ab));
    assert.equal(cosineSimilarity([1, 0], [0, 1]), 0);
    assert.throws(() => cosineSimilarity([1, 2], [1]), { code: 'INVALID_INPUT' });
    assert.throws(() => cosineSimilarity([0, 0], [1, 1]), /zero vector/);
  });
});
