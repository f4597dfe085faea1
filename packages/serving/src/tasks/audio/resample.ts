/**
 * Band-limited resampling: each output sample is the input convolved with a Hann-windowed sinc centred on
 * its position, 16 zero crossings each side, the cut-off at the lower of the two Nyquist frequencies (so
 * downsampling filters out what the new rate cannot hold instead of folding it back as aliasing).
 */

const ZERO_CROSSINGS = 16;

function sinc(x: number): number {
  return x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
}

export function resample(samples: Float32Array, fromRate: number, toRate: number): Float32Array {
  if (fromRate === toRate) return samples;
  const ratio = toRate / fromRate;
  const cutoff = Math.min(1, ratio);
  const halfWidth = ZERO_CROSSINGS / cutoff; // in input samples
  const out = new Float32Array(Math.round(samples.length * ratio));
  for (let n = 0; n < out.length; n++) {
    const t = n / ratio;
    const first = Math.max(0, Math.ceil(t - halfWidth));
    const last = Math.min(samples.length - 1, Math.floor(t + halfWidth));
    let sum = 0;
    for (let k = first; k <= last; k++) {
      const d = t - k;
      const window = 0.5 + 0.5 * Math.cos((Math.PI * d) / halfWidth);
      sum += samples[k] * cutoff * sinc(cutoff * d) * window;
    }
    out[n] = sum;
  }
  return out;
}
