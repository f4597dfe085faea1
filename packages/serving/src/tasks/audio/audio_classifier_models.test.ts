/**
 * AudioClassifier on YAMNet as published (AudioSet, 521 classes, with metadata giving 16 kHz mono and the
 * labels): a 440 Hz tone recorded at 44.1 kHz in stereo is mixed down, resampled, cut into 0.975 s windows,
 * and each window scores as TFLite's kernels (LiteRT.js) score the same samples — 'Sine wave' first in the
 * full windows.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { skipWithoutShared } from '@tflite-lambda/testing';
import { LiteRtOracle } from '@tflite-lambda/testing/litert';
import { readBytes, sharedPath, tone, wavBytes } from '@tflite-lambda/testing/serving';
import { AudioClassifier } from './audio_classifier.js';

describe('YAMNet', { skip: skipWithoutShared() }, () => {
  // YAMNet computes its spectrogram with RFFT2D and COMPLEX_ABS over complex64.
  it('hears a sine wave in each window, scoring as LiteRT.js does on the same samples', async () => {
    const model = readBytes(sharedPath('tasks', 'audio', 'model.tflite'));
    const clf = await AudioClassifier.load(model);
    assert.deepEqual([clf.sampleRate, clf.channels, clf.windowFrames], [16000, 1, 15600]);
    const left = tone(440, 44100, 44100 * 2);
    const wav = wavBytes({ sampleRate: 44100, channels: [left, left], encoding: 'pcm16' });
    const results = clf.classify(wav, { maxResults: 3 });
    assert.deepEqual(results.map((r) => r.timestampMs), [0, 975, 1950]);
    const oracle = await LiteRtOracle.create();
    const signal = clf.prepare(wav)[0];
    for (const [w, result] of results.entries()) {
      // The last window holds 0.05 s of tone and zeros: LiteRT.js hears a dial tone there too.
      const full = (w + 1) * 15600 <= signal.length;
      if (full) assert.equal(result.classifications[0].categories[0].categoryName, 'Sine wave', `window ${w}`);
      const window = new Float32Array(15600);
      window.set(signal.subarray(w * 15600, (w + 1) * 15600));
      const [expected] = await oracle.run(model, [{ dtype: 'float32', shape: [15600], data: window }]);
      for (const c of result.classifications[0].categories) {
        assert.ok(Math.abs(c.score - (expected.data as Float32Array)[c.index]) <= 1e-4, `window ${w}, ${c.categoryName}`);
      }
    }
  });
});
