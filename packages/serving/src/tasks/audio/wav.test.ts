import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tone, wavBytes, type WavEncoding } from '@tflite-lambda/testing/serving';
import { decodeWav, mixdown } from './wav.js';

const SAMPLES = Float32Array.from([0, 0.5, -0.5, 0.25, -1, 0.99]);
/** The quantization step of each encoding: decoded samples are within half of it. */
const STEP: Record<WavEncoding, number> = { pcm8: 1 / 128, pcm16: 1 / 32768, pcm24: 1 / 8388608, pcm32: 1 / 2147483648, float32: 1e-7, float64: 0 };

describe('WAV decoding', () => {
  for (const encoding of Object.keys(STEP) as WavEncoding[]) {
    for (const extensible of [false, true]) {
      it(`${encoding}${extensible ? ' (WAVE_FORMAT_EXTENSIBLE)' : ''}: samples in [-1, 1) and the rate`, () => {
        const clip = decodeWav(wavBytes({ sampleRate: 22050, channels: [SAMPLES], encoding, extensible }));
        assert.equal(clip.sampleRate, 22050);
        clip.channels[0].forEach((v, i) => { assert.ok(Math.abs(v - SAMPLES[i]) <= STEP[encoding] / 2 + 1e-9, `${encoding} sample ${i}: ${v}`); });
      });
    }
  }

  it('keeps channels apart, skips odd-length chunks (padded), and mixes down by averaging', () => {
    const left = tone(100, 8000, 50);
    const right = Float32Array.from(left, (v) => -v / 2);
    const clip = decodeWav(wavBytes({ sampleRate: 8000, channels: [left, right], encoding: 'float32', oddChunk: true }));
    assert.deepEqual(clip.channels.map((c) => c.length), [50, 50]);
    mixdown(clip).forEach((v, i) => { assert.ok(Math.abs(v - left[i] / 4) < 1e-7); });
  });

  it('refuses other files, other encodings, truncated data and clips over the limit', () => {
    assert.throws(() => decodeWav(new TextEncoder().encode('ID3 not a wav at all')), { code: 'UNSUPPORTED_AUDIO_FORMAT' });
    const wav = wavBytes({ sampleRate: 8000, channels: [SAMPLES] });
    const alaw = wav.slice();
    alaw[20] = 6; // WAVE_FORMAT_ALAW
    assert.throws(() => decodeWav(alaw), /encoding 6 with 16-bit samples is not supported/);
    assert.throws(() => decodeWav(wav.subarray(0, wav.length - 3)), { code: 'AUDIO_DECODE_FAILED' });
    assert.throws(() => decodeWav(wav.subarray(0, 30)), { code: 'AUDIO_DECODE_FAILED' });
    const long = wavBytes({ sampleRate: 8000, channels: [new Float32Array(8001)] });
    assert.throws(() => decodeWav(long, 1), { code: 'AUDIO_TOO_LONG' });
  });
});
