/**
 * Trains one trial's model epoch by epoch on shuffled mini-batches (order from the seeded PRNG), evaluates on
 * the validation set after each epoch, stops early when val_accuracy has not improved for `patience`
 * epochs, and restores the weights of the best epoch.
 */
import { oneHot, tensor1d, tensor4d, tidy, type Tensor } from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { floatImages, imageSize, permutation, type ImageDataset } from '../data/dataset.js';
import { randomShift } from './augment.js';
import type { Hyperparameters } from './hyperparameters.js';
import { nextLearningRate, ScheduledAdam, type LrSchedule } from './lr_schedule.js';
import { EpochProgress, type ProgressSink } from './progress.js';
import type { EpochRecord, TrialRecord } from './trial_log.js';

export interface TrialSettings {
  readonly epochs: number;
  readonly batchSize: number;
  readonly patience: number;
  /** Learning-rate reduction on a val_accuracy plateau; null keeps the rate fixed. */
  readonly lrSchedule: LrSchedule | null;
  /** Wall-clock deadline (performance.now() ms) after which training stops at the next epoch end. */
  readonly deadline: number;
  readonly rand: () => number;
  readonly sink: ProgressSink;
  readonly onEpochEnd?: (trial: TrialRecord, epoch: EpochRecord) => void;
}

function batchTensors(d: ImageDataset, idx: Int32Array, hp: Hyperparameters, rand: () => number): { x: Tensor; y: Tensor } {
  const size = imageSize(d);
  let pixels: Float32Array = new Float32Array(idx.length * size);
  const labels = new Int32Array(idx.length);
  for (let i = 0; i < idx.length; i++) {
    const j = idx[i];
    for (let k = 0; k < size; k++) pixels[i * size + k] = d.images[j * size + k];
    labels[i] = d.labels[j];
  }
  if (hp.augment) pixels = randomShift(pixels, idx.length, d.height, d.width, d.channels, rand);
  return {
    x: tensor4d(pixels, [idx.length, d.height, d.width, d.channels]),
    y: tidy(() => oneHot(tensor1d(labels, 'int32'), d.classNames.length)),
  };
}

/** Mean loss and accuracy of the model on a data set, in chunks. */
export function evaluateModel(model: LayersModel, d: ImageDataset, batchSize = 500): { loss: number; accuracy: number } {
  let lossSum = 0;
  let correct = 0;
  for (let i0 = 0; i0 < d.count; i0 += batchSize) {
    const i1 = Math.min(d.count, i0 + batchSize);
    const probs = tidy(() => model.predict(tensor4d(floatImages(d, i0, i1), [i1 - i0, d.height, d.width, d.channels])) as Tensor);
    const p = probs.dataSync();
    probs.dispose();
    const k = d.classNames.length;
    for (let n = 0; n < i1 - i0; n++) {
      const label = d.labels[i0 + n];
      lossSum -= Math.log(Math.max(p[n * k + label], 1e-7));
      let best = 0;
      for (let c = 1; c < k; c++) if (p[n * k + c] > p[n * k + best]) best = c;
      if (best === label) correct++;
    }
  }
  return { loss: lossSum / d.count, accuracy: correct / d.count };
}

export async function trainTrial(
  model: LayersModel, hp: Hyperparameters, trainSet: ImageDataset, valSet: ImageDataset, record: TrialRecord, s: TrialSettings,
): Promise<void> {
  const optimizer = new ScheduledAdam(hp.learningRate);
  model.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  const start = performance.now();
  let best: Tensor[] | null = null;
  let sinceBest = 0;
  for (let epoch = 0; epoch < s.epochs; epoch++) {
    const order = permutation(trainSet.count, s.rand);
    const bar = new EpochProgress(`trial ${record.trial + 1} epoch ${epoch + 1}/${s.epochs}`, trainSet.count, s.sink);
    let lossSum = 0, accSum = 0, seen = 0;
    const epochStart = performance.now();
    let outOfTime = false;
    for (let i0 = 0; i0 < trainSet.count; i0 += s.batchSize) {
      if (performance.now() > s.deadline) {
        outOfTime = true; // the time budget ends this epoch early; it is still evaluated and may be the best
        break;
      }
      const idx = order.subarray(i0, Math.min(trainSet.count, i0 + s.batchSize));
      const { x, y } = batchTensors(trainSet, idx, hp, s.rand);
      const [loss, acc] = (await model.trainOnBatch(x, y)) as number[];
      x.dispose();
      y.dispose();
      lossSum += loss * idx.length;
      accSum += acc * idx.length;
      seen += idx.length;
      bar.update(seen, lossSum / seen, accSum / seen);
    }
    const val = evaluateModel(model, valSet);
    if (seen === 0) {
      record.status = 'time_budget';
      break;
    }
    const rec: EpochRecord = { epoch, loss: lossSum / seen, accuracy: accSum / seen, valLoss: val.loss, valAccuracy: val.accuracy, seconds: (performance.now() - epochStart) / 1000, learningRate: optimizer.rate };
    record.epochs.push(rec);
    bar.finish(`loss ${rec.loss.toFixed(4)} acc ${rec.accuracy.toFixed(4)} val_loss ${val.loss.toFixed(4)} val_acc ${val.accuracy.toFixed(4)}`, seen);
    if (val.accuracy > record.bestValAccuracy) {
      record.bestValAccuracy = val.accuracy;
      record.bestValLoss = val.loss;
      record.bestEpoch = epoch;
      best?.forEach((t) => { t.dispose(); });
      best = model.getWeights().map((w) => w.clone());
      sinceBest = 0;
    } else {
      sinceBest++;
    }
    optimizer.rate = nextLearningRate(optimizer.rate, sinceBest, s.lrSchedule);
    record.seconds = (performance.now() - start) / 1000;
    s.onEpochEnd?.(record, rec);
    if (sinceBest >= s.patience) {
      record.status = 'stopped_early';
      break;
    }
    if (outOfTime || (performance.now() > s.deadline && epoch < s.epochs - 1)) {
      record.status = 'time_budget';
      break;
    }
  }
  if (record.status === 'running') record.status = 'completed';
  if (best) {
    model.setWeights(best);
    best.forEach((t) => { t.dispose(); });
  }
  record.seconds = (performance.now() - start) / 1000;
}
