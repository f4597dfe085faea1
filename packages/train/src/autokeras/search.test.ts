import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AUTOKERAS_FIRST_TRIAL, sampleHyperparameters, seededRandom } from './hyperparameters.js';
import { computeImageStats } from './normalization.js';
import { formatTrialTable, type TrialRecord } from './trial_log.js';
import { trainingCurvesSvg } from './curves_svg.js';
import { EpochProgress, formatDuration } from './progress.js';

test('trial 1 is AutoKeras first image-classifier trial; later trials repeat under the same seed', () => {
  assert.deepEqual(sampleHyperparameters(0, seededRandom(1)), AUTOKERAS_FIRST_TRIAL);
  assert.deepEqual(AUTOKERAS_FIRST_TRIAL.filters, [32, 64]);
  assert.equal(AUTOKERAS_FIRST_TRIAL.kernelSize, 3);
  const a = seededRandom(5), b = seededRandom(5);
  const runA = [1, 2, 3].map((t) => sampleHyperparameters(t, a));
  const runB = [1, 2, 3].map((t) => sampleHyperparameters(t, b));
  assert.deepEqual(runA, runB);
  for (const hp of runA) assert.equal(hp.filters.length, hp.blocks * hp.convsPerBlock);
});

test('computeImageStats gives per-channel mean and variance', () => {
  // Two RGB pixels: channel 0 = {0, 10}, channel 1 = {2, 2}, channel 2 = {1, 3}.
  const s = computeImageStats(Uint8Array.from([0, 2, 1, 10, 2, 3]), 3);
  assert.deepEqual(s.mean, [5, 2, 2]);
  assert.deepEqual(s.variance, [25, 0, 1]);
});

function trial(n: number, acc: number[]): TrialRecord {
  return {
    trial: n, hyperparameters: AUTOKERAS_FIRST_TRIAL, bestEpoch: acc.indexOf(Math.max(...acc)), bestValAccuracy: Math.max(...acc), bestValLoss: 0.1, seconds: 12, status: 'completed',
    epochs: acc.map((a, e) => ({ epoch: e, loss: 1 - a, accuracy: a, valLoss: 1.1 - a, valAccuracy: a - 0.01, seconds: 6, learningRate: 1e-3 })),
  };
}

test('the trials table marks the best trial and shows its best epoch', () => {
  const table = formatTrialTable([trial(0, [0.9, 0.95]), trial(1, [0.97, 0.96, 0.98])], 1);
  const lines = table.split('\n');
  assert.equal(lines.length, 3);
  assert.match(lines[0], /trial\s+val_accuracy/);
  assert.match(lines[2], /^\*\s+2\s+0\.9800\s+0\.1000\s+3\/3/);
  assert.match(lines[1], /^\s+1\s+0\.9500/);
});

test('training curves are an SVG with a train and a validation line per trial and metric', () => {
  const svg = trainingCurvesSvg([trial(0, [0.9, 0.95]), trial(1, [0.97, 0.96, 0.98])]);
  assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.equal((svg.match(/<polyline/g) ?? []).length, 8);
  assert.match(svg, /trial 2/);
});

test('epoch progress shows images seen, percentage, metrics and an ETA', () => {
  const lines: string[] = [];
  const p = new EpochProgress('epoch 1/3', 200, (line) => lines.push(line));
  p.update(50, 0.5, 0.8);
  p.finish('val_acc 0.9');
  assert.match(lines[0], /^epoch 1\/3 \[=====>\s+\] 50\/200 \(25%\) loss 0\.5000 acc 0\.8000 ETA /);
  assert.match(lines[1], /\[=+\] 200\/200 \(100%\) val_acc 0\.9/);
  assert.equal(formatDuration(75), '1m15s');
  assert.equal(formatDuration(3725), '1h02m');
});
