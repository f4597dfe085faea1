import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tone } from '@tflite-lambda/testing/serving';
import { resample } from './resample.js';

/** Amplitude of the `frequency` component of `x` (correlation with a sine and a cosine), away from the edges. */
function amplitude(x: Float32Array, frequency: number, rate: number): number {
  let s = 0;
  let c = 0;
  const from = 100;
  const to = x.length - 100;
  for (let i = from; i < to; i++) {
    s += x[i] * Math.sin((2 * Math.PI * frequency * i) / rate);
    c += x[i] * Math.cos((2 * Math.PI * frequency * i) / rate);
  }
  return (2 * Math.hypot(s, c)) / (to - from);
}

describe('resampling', () => {
  it('keeps a tone below both Nyquist frequencies at its frequency and amplitude, down and up', () => {
    const down = resample(tone(440, 44100, 44100), 44100, 16000);
    assert.equal(down.length, 16000);
    assert.ok(Math.abs(amplitude(down, 440, 16000) - 0.5) < 0.01);
    const up = resample(tone(440, 8000, 8000), 8000, 16000);
    assert.equal(up.length, 16000);
    assert.ok(Math.abs(amplitude(up, 440, 16000) - 0.5) < 0.01);
  });

  it('filters out a tone above the new Nyquist frequency instead of folding it back', () => {
    const down = resample(tone(6000, 16000, 16000), 16000, 8000);
    assert.ok(amplitude(down, 2000, 8000) < 0.01, 'no alias at 8000 - 6000 Hz');
    let rms = 0;
    for (let i = 100; i < down.length - 100; i++) rms += down[i] * down[i];
    assert.ok(Math.sqrt(rms / (down.length - 200)) < 0.02);
  });

  it('is the identity at the same rate', () => {
    const x = tone(100, 8000, 10);
    assert.equal(resample(x, 8000, 8000), x);
  });
});
