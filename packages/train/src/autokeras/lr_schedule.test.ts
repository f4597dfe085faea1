import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mul, scalar, variable, setBackend, ready, type Scalar } from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-layers'; // registers the gradients, as in training
import { DEFAULT_LR_SCHEDULE, GENTLE_LR_SCHEDULE, nextLearningRate, ScheduledAdam } from './lr_schedule.js';
import { PRESET_LR_SCHEDULES } from './presets.js';

test('the rate drops by the factor after each `patience` epochs without a new best, down to the floor', () => {
  const s = { patience: 2, factor: 0.5, minLearningRate: 0.1 };
  assert.equal(nextLearningRate(1, 0, s), 1); // just improved
  assert.equal(nextLearningRate(1, 1, s), 1);
  assert.equal(nextLearningRate(1, 2, s), 0.5);
  assert.equal(nextLearningRate(0.5, 3, s), 0.5);
  assert.equal(nextLearningRate(0.5, 4, s), 0.25);
  assert.equal(nextLearningRate(0.15, 6, s), 0.1);
  assert.equal(nextLearningRate(1, 2, null), 1);
  assert.equal(nextLearningRate(1e-3, 1, DEFAULT_LR_SCHEDULE), 2e-4);
});

test("the default preset (AutoKeras's first trial) halves the rate after two flat epochs; fast and deep keep the recorded ÷5", () => {
  assert.equal(PRESET_LR_SCHEDULES.autokeras, GENTLE_LR_SCHEDULE);
  assert.equal(nextLearningRate(1e-3, 1, PRESET_LR_SCHEDULES.autokeras), 1e-3);
  assert.equal(nextLearningRate(1e-3, 2, PRESET_LR_SCHEDULES.autokeras), 5e-4);
  assert.equal(PRESET_LR_SCHEDULES.deep, DEFAULT_LR_SCHEDULE);
  assert.equal(PRESET_LR_SCHEDULES.fast, DEFAULT_LR_SCHEDULE);
});

test('ScheduledAdam steps with the rate it currently holds', async () => {
  await setBackend('cpu');
  await ready();
  // Adam's first step moves each weight by ≈ lr·sign(gradient), whatever the gradient's size.
  const step = (rate: number): number => {
    const w = variable(scalar(0));
    const opt = new ScheduledAdam(1);
    opt.rate = rate;
    opt.minimize((): Scalar => mul(w, 3));
    const moved = -w.dataSync()[0];
    w.dispose();
    opt.dispose();
    return moved;
  };
  assert.ok(Math.abs(step(0.01) - 0.01) < 1e-6);
  assert.ok(Math.abs(step(0.002) - 0.002) < 1e-6);
});
