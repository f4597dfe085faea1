/**
 * Dropout whose masks repeat under a seed: TF.js's Dropout either draws from an unseeded generator or, given a
 * seed, reuses one mask for every batch. This layer derives a fresh seed per training call from its own seed
 * and a call counter, so a whole run repeats exactly. At inference it is the identity (converter: dropped).
 */
import { mul, randomUniform, scalar, serialization, step, sub, tidy, type Tensor } from '@tensorflow/tfjs-core';
import { layers } from '@tensorflow/tfjs-layers';

export interface SeededDropoutConfig {
  rate: number;
  seed: number;
  name?: string;
}

export class SeededDropout extends layers.Layer {
  static className = 'SeededDropout';
  readonly rate: number;
  readonly seed: number;
  private calls = 0;

  constructor(config: SeededDropoutConfig) {
    super({ name: config.name });
    this.rate = config.rate;
    this.seed = config.seed;
  }

  override call(inputs: Tensor | Tensor[], kwargs: { training?: boolean }): Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    if (kwargs.training !== true || this.rate <= 0) return x;
    const seed = this.seed * 100003 + this.calls++;
    return tidy(() => {
      const keep = step(sub(randomUniform(x.shape, 0, 1, 'float32', seed), scalar(this.rate)));
      return mul(x, mul(keep, scalar(1 / (1 - this.rate))));
    });
  }

  override getConfig(): serialization.ConfigDict {
    return { ...super.getConfig(), rate: this.rate, seed: this.seed };
  }
}

/** Registers the class so `loadLayersModel` can rebuild models that use it. Call before loading. */
export function registerSeededDropoutLayer(): void {
  serialization.registerClass(SeededDropout);
}
