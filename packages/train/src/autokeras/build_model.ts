/** Builds the TF.js model of one trial from its hyperparameters. */
import { initializers, layers, sequential, type Sequential } from '@tensorflow/tfjs-layers';
import { Normalization } from './normalization.js';
import { SeededDropout } from './seeded_dropout.js';
import type { Hyperparameters } from './hyperparameters.js';

export interface ModelSpec {
  readonly height: number;
  readonly width: number;
  readonly channels: number;
  readonly numClasses: number;
  readonly mean: number[];
  readonly variance: number[];
  /** Seed for the weight initialisers, so a trial repeats exactly. */
  readonly seed: number;
}

export function buildModel(hp: Hyperparameters, spec: ModelSpec): Sequential {
  const model = sequential();
  model.add(layers.inputLayer({ inputShape: [spec.height, spec.width, spec.channels] }));
  model.add(new Normalization({ mean: spec.mean, variance: spec.variance, name: 'normalization' }));
  let seed = spec.seed;
  const glorot = () => initializers.glorotUniform({ seed: seed++ });
  let f = 0;
  // AutoKeras's rule (utils.get_padding): 'valid' while every spatial side is at least twice the window, else
  // 'same', so small images never shrink to nothing however many blocks a trial stacks.
  let h = spec.height, w = spec.width;
  const padding = (window: number) => (h >= 2 * window && w >= 2 * window ? 'valid' : 'same');
  for (let b = 0; b < hp.blocks; b++) {
    for (let c = 0; c < hp.convsPerBlock; c++) {
      const pad = padding(hp.kernelSize);
      const common = { filters: hp.filters[f++], kernelSize: hp.kernelSize, padding: pad, activation: 'relu' } as const;
      if (hp.separable) {
        model.add(layers.separableConv2d({ ...common, depthwiseInitializer: glorot(), pointwiseInitializer: glorot() }));
      } else {
        model.add(layers.conv2d({ ...common, kernelInitializer: glorot() }));
      }
      if (pad === 'valid') [h, w] = [h - hp.kernelSize + 1, w - hp.kernelSize + 1];
    }
    if (hp.maxPooling) {
      const pad = padding(2);
      model.add(layers.maxPooling2d({ poolSize: 2, padding: pad }));
      [h, w] = pad === 'valid' ? [Math.floor(h / 2), Math.floor(w / 2)] : [Math.ceil(h / 2), Math.ceil(w / 2)];
    }
    if (hp.blockDropout > 0) model.add(new SeededDropout({ rate: hp.blockDropout, seed: seed++ }));
  }
  model.add(hp.reduction === 'flatten' ? layers.flatten() : layers.globalAveragePooling2d({}));
  if (hp.headDropout > 0) model.add(new SeededDropout({ rate: hp.headDropout, seed: seed++ }));
  model.add(layers.dense({ units: spec.numClasses, activation: 'softmax', kernelInitializer: glorot() }));
  return model;
}
