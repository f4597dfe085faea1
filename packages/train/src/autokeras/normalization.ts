/**
 * AutoKeras's Normalization preprocessing layer: (x − mean) / sqrt(variance), per channel. TF.js has none, so
 * this one keeps its statistics in its config (computed from the training data before the model is built),
 * which the converter reads back to fold or emit the affine transform.
 */
import { serialization, type Tensor, tidy, sub, div, tensor1d, sqrt, maximum, scalar } from '@tensorflow/tfjs-core';
import { layers } from '@tensorflow/tfjs-layers';

export interface NormalizationConfig {
  mean: number[];
  variance: number[];
  name?: string;
}

const EPSILON = 1e-7;

export class Normalization extends layers.Layer {
  static className = 'Normalization';
  readonly mean: number[];
  readonly variance: number[];

  constructor(config: NormalizationConfig) {
    super({ name: config.name });
    this.mean = config.mean;
    this.variance = config.variance;
  }

  override call(inputs: Tensor | Tensor[]): Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    return tidy(() => {
      const std = sqrt(maximum(tensor1d(this.variance), scalar(EPSILON)));
      return div(sub(x, tensor1d(this.mean)), std);
    });
  }

  override getConfig(): serialization.ConfigDict {
    return { ...super.getConfig(), mean: this.mean, variance: this.variance };
  }
}

/** Registers the class so `loadLayersModel` can rebuild models that use it. Call before loading. */
export function registerNormalizationLayer(): void {
  serialization.registerClass(Normalization);
}

/** Per-channel mean and variance of uint8 images (NHWC with `channels` innermost), as AutoKeras's adapt does. */
export function computeImageStats(images: Uint8Array, channels: number): { mean: number[]; variance: number[] } {
  const sum = new Float64Array(channels);
  const sq = new Float64Array(channels);
  for (let i = 0; i < images.length; i++) {
    const v = images[i];
    sum[i % channels] += v;
    sq[i % channels] += v * v;
  }
  const n = images.length / channels;
  const mean = Array.from(sum, (s) => s / n);
  const variance = Array.from(sq, (s, c) => s / n - mean[c] * mean[c]);
  return { mean, variance };
}
