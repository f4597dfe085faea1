import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { AUDIO_MODEL, audioClassifierModel, audioModelWeights, tone, wavBytes } from '@tflite-lambda/testing/serving';
import { AudioClassifier } from './audio_classifier.js';

/** What the test model should answer for one window, in double precision: softmax(W · window). */
function expectedScores(window: Float32Array): number[] {
  const w = audioModelWeights();
  const logits = Array.from({ length: AUDIO_MODEL.classes }, (_, k) => window.reduce((s, v, i) => s + v * w[k * AUDIO_MODEL.window + i], 0));
  const max = Math.max(...logits);
  const e = logits.map((v) => Math.exp(v - max));
  return e.map((v) => v / e.reduce((a, b) => a + b, 0));
}

describe('AudioClassifier on a model with AudioProperties metadata', () => {
  let clf: AudioClassifier;
  const clip = tone(300, 8000, 4000);
  before(async () => {
    clf = await AudioClassifier.load(audioClassifierModel());
  });

  it('reads the rate, the window and the labels from the metadata', () => {
    assert.deepEqual([clf.sampleRate, clf.channels, clf.windowFrames], [8000, 1, 1600]);
    assert.deepEqual(clf.heads[0].labels.names, ['low', 'mid', 'high']);
  });

  it('classifies consecutive windows, the last zero-padded, stamped with their start times', () => {
    const results = clf.classify(wavBytes({ sampleRate: 8000, channels: [clip], encoding: 'float32' }));
    assert.deepEqual(results.map((r) => r.timestampMs), [0, 200, 400]);
    results.forEach((r, w) => {
      const window = new Float32Array(1600);
      window.set(clip.subarray(w * 1600, (w + 1) * 1600));
      const expected = expectedScores(window);
      for (const c of r.classifications[0].categories) assert.ok(Math.abs(c.score - expected[c.index]) < 1e-5, `window ${w}, ${c.categoryName}`);
      assert.equal(r.classifications[0].categories[0].categoryName, AUDIO_MODEL.labels[expected.indexOf(Math.max(...expected))]);
    });
  });

  it('overlaps windows when asked for a shorter hop', async () => {
    const overlapping = await AudioClassifier.load(audioClassifierModel(), { windowHopMs: 100 });
    assert.deepEqual(overlapping.classify({ sampleRate: 8000, samples: clip }).map((r) => r.timestampMs), [0, 100, 200, 300]);
  });

  it('mixes stereo down and resamples 16-bit 44.1 kHz audio to the model rate', () => {
    const left = tone(300, 44100, 22050);
    const wav = wavBytes({ sampleRate: 44100, channels: [left, left], encoding: 'pcm16' });
    const prepared = clf.prepare(wav);
    assert.equal(prepared.length, 1);
    assert.equal(prepared[0].length, 4000);
    const reference = tone(300, 8000, 4000);
    for (let i = 200; i < 3800; i += 97) assert.ok(Math.abs(prepared[0][i] - reference[i]) < 0.01, `sample ${i}`);
  });

  it('refuses an empty clip and a model without a sample rate', async () => {
    assert.throws(() => clf.classify({ sampleRate: 8000, samples: new Float32Array(0) }), { code: 'INVALID_INPUT' });
    const { columnBandModel } = await import('@tflite-lambda/testing/serving');
    await assert.rejects(AudioClassifier.load(columnBandModel()), { code: 'UNSUPPORTED_MODEL' });
  });
});
