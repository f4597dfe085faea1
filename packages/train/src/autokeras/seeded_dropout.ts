/**
 * Dropout whose masks repeat under a seed: TF.js's Dropout either draws from an unseeded generator or, given a
 * seed, reuses one mask for every batch. This layer derives a fresh seed per training call from its own seed
 * and a call counter, so a whole run repeats exactly. At inference it is the identity (converter: dropped).
 * The mask (0, or 1/(1−rate) to keep the expected value) is drawn in one JavaScript pass, so a training step
 * costs one multiply forward and one backward instead of TF.js's chain of random, compare, cast and scale ops.
 */
import { mul, serialization, tensor, type Tensor } from '@tensorflow/tfjs-core';
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
    return mul(x, tensor(dropoutMask(x.size, this.rate, seed), x.shape, 'float32'));
  }

  override getConfig(): serialization.ConfigDict {
    return { ...super.getConfig(), rate: this.rate, seed: this.seed };
  }
}

/** n mask values: each 0 with probability `rate`, else 1/(1−rate); the same for the same seed. */
export function dropoutMask(n: number, rate: number, seed: number): Float32Array {
  const keep = rate >= 1 ? 0 : 1 / (1 - rate);
  const mask = new Float32Array(n);
  // mulberry32 (as seededRandom) inlined, compared as an unsigned integer against rate·2³²: a few ns a value.
  const threshold = Math.min(rate, 1) * 4294967296;
  let a = seed >>> 0;
  for (let i = 0; i < n; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    mask[i] = keep * +((t ^ (t >>> 14)) >>> 0 >= threshold); // a product, not a select: the outcome is a coin flip
  }
  return mask;
}

/** Registers the class so `loadLayersModel` can rebuild models that use it. Call before loading. */
export function registerSeededDropoutLayer(): void {
  serialization.registerClass(SeededDropout);
}
