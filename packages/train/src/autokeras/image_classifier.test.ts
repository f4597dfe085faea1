import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tensor3d } from '@tensorflow/tfjs-core';
import { setupTraining } from '../backend.js';
import { loadMnist } from '../data/mnist.js';
import { FAST_TRIAL } from './presets.js';
import { ImageClassifier } from './image_classifier.js';

await setupTraining({ threads: false });

const data = loadMnist('train', 96);
const tiny = { ...FAST_TRIAL, filters: [4, 8] };
const tinyAugmented = { ...FAST_TRIAL, filters: [6, 6], augment: true, learningRate: 2e-3 };
const quiet = () => {};

async function run(dir: string, seed: number) {
  const clf = new ImageClassifier({ maxTrials: 2, overwrite: true, directory: dir, seed, initialTrials: [tiny, tinyAugmented], progress: quiet });
  await clf.fit(data, { epochs: 1, batchSize: 32, validationSplit: 0.25 });
  return clf;
}

test('fit is deterministic under a seed, logs every trial, and keeps the best one', async () => {
  const root = mkdtempSync(join(tmpdir(), 'clf-'));
  try {
    const a = await run(join(root, 'a'), 7);
    const b = await run(join(root, 'b'), 7);
    const strip = (c: ImageClassifier) => c.trials.map((t) => ({ hp: t.hyperparameters, e: t.epochs.map((e) => [e.loss, e.accuracy, e.valLoss, e.valAccuracy]) }));
    assert.deepEqual(strip(a), strip(b));
    assert.equal(a.trials.length, 2);
    assert.deepEqual(a.trials[0].hyperparameters, tiny);
    const log = JSON.parse(readFileSync(join(root, 'a', 'trials.json'), 'utf8'));
    assert.equal(log.trials.length, 2);
    const best = Math.max(...a.trials.map((t) => t.bestValAccuracy));
    assert.equal(a.bestTrial?.bestValAccuracy, best);
    assert.equal(log.bestTrial, a.bestTrial?.trial);
    assert.ok(existsSync(join(root, 'a', 'curves.svg')));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('predict returns class names, evaluate loss and accuracy, exportModel the TF.js model', async () => {
  const root = mkdtempSync(join(tmpdir(), 'clf-'));
  try {
    const clf = new ImageClassifier({ maxTrials: 1, directory: root, seed: 1, initialTrials: [tiny], progress: quiet });
    await clf.fit(data, { epochs: 1, batchSize: 32 });
    const test10 = loadMnist('test', 10);
    const labels = clf.predict(test10);
    assert.equal(labels.length, 10);
    assert.ok(labels.every((l) => data.classNames.includes(l)));
    const { loss, accuracy } = clf.evaluate(test10);
    assert.ok(loss > 0 && accuracy >= 0 && accuracy <= 1);
    assert.deepEqual(clf.exportModel().outputs[0].shape, [null, 10]);
    // A second search in the same directory needs overwrite: true (as in AutoKeras).
    await assert.rejects(new ImageClassifier({ directory: root, progress: quiet }).fit(data, { epochs: 1 }), /overwrite/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("AutoKeras's fit(x, y), predict(x) and evaluate(x, y) take an image tensor and class indices", async () => {
  const root = mkdtempSync(join(tmpdir(), 'clf-'));
  try {
    const x = tensor3d(data.images, [data.count, data.height, data.width], 'int32');
    const y = Array.from(data.labels);
    const viaArrays = new ImageClassifier({ maxTrials: 1, overwrite: true, directory: join(root, 'x'), seed: 3, initialTrials: [tiny], progress: quiet });
    await viaArrays.fit(x, y, { epochs: 1, batchSize: 32 });
    const viaDataset = new ImageClassifier({ maxTrials: 1, overwrite: true, directory: join(root, 'd'), seed: 3, initialTrials: [tiny], progress: quiet });
    await viaDataset.fit(data, { epochs: 1, batchSize: 32 });
    // Same data, same seed: the same training run whichever form the data came in.
    assert.deepEqual(viaArrays.trials[0].epochs.map((e) => e.loss), viaDataset.trials[0].epochs.map((e) => e.loss));
    assert.deepEqual(viaArrays.evaluate(x, y), viaDataset.evaluate(data));
    assert.deepEqual(viaArrays.predict(x), viaDataset.predict(data));
    await assert.rejects(viaArrays.fit(x, y.slice(1), { epochs: 1 }), /labels for/);
    x.dispose();
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
