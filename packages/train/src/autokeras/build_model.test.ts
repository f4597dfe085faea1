import { test } from 'node:test';
import assert from 'node:assert/strict';
import '@tensorflow/tfjs-backend-cpu';
import { buildModel, type ModelSpec } from './build_model.js';
import { AUTOKERAS_FIRST_TRIAL } from './hyperparameters.js';
import { DEEP_TRIAL, FAST_TRIAL } from './presets.js';

const spec = (height: number, width: number, channels: number): ModelSpec =>
  ({ height, width, channels, numClasses: 3, mean: Array(channels).fill(0), variance: Array(channels).fill(1), seed: 1 });

/** The feature map's [H, W, C] before the flatten / global pooling. */
function featureShape(hp: typeof FAST_TRIAL, s: ModelSpec): (number | null)[] {
  const m = buildModel(hp, s);
  const reduction = m.layers.findIndex((l) => l.getClassName() === 'Flatten' || l.getClassName() === 'GlobalAveragePooling2D');
  return (m.layers[reduction - 1].outputShape as (number | null)[]).slice(1);
}

test('MNIST-sized inputs keep valid padding: the AutoKeras trial ends at 12×12×64, the deep preset at 4×4×64', () => {
  assert.deepEqual(featureShape(AUTOKERAS_FIRST_TRIAL, spec(28, 28, 1)), [12, 12, 64]);
  assert.deepEqual(featureShape(DEEP_TRIAL, spec(28, 28, 1)), [4, 4, 64]);
});

test('small images switch to same padding (as AutoKeras does) instead of shrinking to nothing', () => {
  // 9×14: conv valid → 7×12, pool valid → 3×6; then 3 < 2·3, so conv same → 3×6 and pool same → 2×3.
  assert.deepEqual(featureShape(FAST_TRIAL, spec(9, 14, 3)), [2, 3, 64]);
  const deep5 = { ...DEEP_TRIAL, kernelSize: 5, blocks: 2 };
  for (const [h, w] of [[6, 6], [28, 28], [9, 40]]) {
    const [fh, fw] = featureShape(deep5, spec(h, w, 1));
    assert.ok(fh! >= 1 && fw! >= 1, `${h}×${w}: feature map ${fh}×${fw}`);
  }
});
