/**
 * An AutoKeras-style image classifier: `fit` runs a small architecture search (trial 1 is AutoKeras's
 * default CNN, later trials sample the space in hyperparameters.ts), keeps the best trial by val_accuracy,
 * logs every trial to `<directory>/trials.json` and draws the training curves to `<directory>/curves.svg`.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tensor4d, tidy, type Tensor } from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { floatImages, splitValidation, type ImageDataset } from '../data/dataset.js';
import { asDataset, type LabelInput } from './array_inputs.js';
import { buildModel } from './build_model.js';
import { trainingCurvesSvg } from './curves_svg.js';
import { sampleHyperparameters, seededRandom, type Hyperparameters } from './hyperparameters.js';
import { computeImageStats } from './normalization.js';
import { consoleSink, type ProgressSink } from './progress.js';
import { evaluateModel, trainTrial } from './train_trial.js';
import { DEFAULT_LR_SCHEDULE, type LrSchedule } from './lr_schedule.js';
import { formatTrialTable, writeTrialLog, type EpochRecord, type TrialRecord } from './trial_log.js';

export interface ImageClassifierOptions {
  readonly maxTrials?: number;
  /** Delete an existing run directory first (AutoKeras's overwrite=True); otherwise refuse to reuse it. */
  readonly overwrite?: boolean;
  readonly directory?: string;
  readonly seed?: number;
  readonly objective?: 'val_accuracy';
  /** Hyperparameters for the first trials instead of AutoKeras's default (e.g. a cheaper CNN). */
  readonly initialTrials?: readonly Hyperparameters[];
  readonly progress?: ProgressSink;
}

export interface FitOptions {
  readonly epochs?: number;
  readonly validationSplit?: number;
  readonly batchSize?: number;
  /** Seconds for the whole search; a trial stops at the first epoch end past it and no new trial starts. */
  readonly timeBudget?: number;
  /** Epochs without val_accuracy improvement before a trial stops. */
  readonly patience?: number;
  /** Reduce the learning rate when val_accuracy stalls (default DEFAULT_LR_SCHEDULE); false keeps it fixed. */
  readonly lrSchedule?: LrSchedule | false;
  readonly callbacks?: { onEpochEnd?: (trial: TrialRecord, epoch: EpochRecord) => void };
}

export class ImageClassifier {
  readonly trials: TrialRecord[] = [];
  private best: { model: LayersModel; trial: number } | null = null;
  private classNames: string[] = [];
  private readonly directory: string;

  constructor(private readonly options: ImageClassifierOptions = {}) {
    this.directory = options.directory ?? 'image_classifier';
  }

  /** `fit(dataset, opts)`, or AutoKeras's `fit(x, y, opts)` with an image tensor and class indices. */
  async fit(data: ImageDataset, opts?: FitOptions): Promise<TrialRecord[]>;
  async fit(x: Tensor, y: LabelInput, opts?: FitOptions): Promise<TrialRecord[]>;
  async fit(dataOrX: ImageDataset | Tensor, yOrOpts?: LabelInput | FitOptions, maybeOpts?: FitOptions): Promise<TrialRecord[]> {
    const isPair = 'dataSync' in dataOrX;
    const data = asDataset(dataOrX, isPair ? (yOrOpts as LabelInput) : undefined);
    const opts: FitOptions = (isPair ? maybeOpts : (yOrOpts as FitOptions | undefined)) ?? {};
    this.prepareDirectory();
    const rand = seededRandom(this.options.seed ?? 42);
    const { train, validation } = splitValidation(data, opts.validationSplit ?? 0.2, rand);
    const stats = computeImageStats(train.images, data.channels);
    const deadline = performance.now() + (opts.timeBudget ?? Infinity) * 1000;
    const sink = this.options.progress ?? consoleSink();
    this.classNames = data.classNames;
    for (let t = 0; t < (this.options.maxTrials ?? 1); t++) {
      if (t > 0 && performance.now() > deadline) break;
      const hp = this.options.initialTrials?.[t] ?? sampleHyperparameters(t, rand);
      const model = buildModel(hp, { height: data.height, width: data.width, channels: data.channels, numClasses: data.classNames.length, ...stats, seed: (this.options.seed ?? 42) * 1000 + t });
      const record: TrialRecord = { trial: t, hyperparameters: hp, epochs: [], bestEpoch: -1, bestValAccuracy: -1, bestValLoss: Infinity, seconds: 0, status: 'running' };
      this.trials.push(record);
      await trainTrial(model, hp, train, validation, record, {
        epochs: opts.epochs ?? 10, batchSize: opts.batchSize ?? 32, patience: opts.patience ?? 3,
        lrSchedule: opts.lrSchedule === false ? null : (opts.lrSchedule ?? DEFAULT_LR_SCHEDULE), deadline, rand, sink,
        onEpochEnd: (r, e) => {
          this.saveLogs();
          opts.callbacks?.onEpochEnd?.(r, e);
        },
      });
      if (!this.best || record.bestValAccuracy > this.trials[this.best.trial].bestValAccuracy) {
        this.best?.model.dispose();
        this.best = { model, trial: t };
      } else {
        model.dispose();
      }
      this.saveLogs();
    }
    return this.trials;
  }

  /** The trials table (best marked with '*'). */
  summary(): string {
    return formatTrialTable(this.trials, this.best?.trial ?? -1);
  }

  /** Class probabilities [count × classes] for each image. */
  predictProbabilities(data: ImageDataset): Float32Array {
    const model = this.exportModel();
    return tidy(() => (model.predict(tensor4d(floatImages(data, 0, data.count), [data.count, data.height, data.width, data.channels])) as Tensor).dataSync() as Float32Array);
  }

  /** The predicted class name of each image (AutoKeras's predict returns labels). */
  predict(x: ImageDataset | Tensor): string[] {
    const data = 'dataSync' in x ? asDataset(x, new Uint8Array(x.shape[0])) : x;
    const p = this.predictProbabilities(data);
    const k = this.classNames.length;
    return Array.from({ length: data.count }, (_, n) => {
      let best = 0;
      for (let c = 1; c < k; c++) if (p[n * k + c] > p[n * k + best]) best = c;
      return this.classNames[best];
    });
  }

  /** `evaluate(dataset)` or AutoKeras's `evaluate(x, y)`. */
  evaluate(data: ImageDataset | Tensor, y?: LabelInput): { loss: number; accuracy: number } {
    return evaluateModel(this.exportModel(), asDataset(data, y));
  }

  /** The best trial's TF.js model (AutoKeras's export_model). */
  exportModel(): LayersModel {
    if (!this.best) throw new Error('ImageClassifier: call fit() before using the model');
    return this.best.model;
  }

  get bestTrial(): TrialRecord | undefined {
    return this.best ? this.trials[this.best.trial] : undefined;
  }

  private prepareDirectory(): void {
    if (existsSync(join(this.directory, 'trials.json'))) {
      if (!this.options.overwrite) throw new Error(`${this.directory} already holds a search; pass overwrite: true to replace it`);
      rmSync(this.directory, { recursive: true, force: true });
    }
    mkdirSync(this.directory, { recursive: true });
  }

  private saveLogs(): void {
    writeTrialLog(this.directory, this.trials, this.best?.trial ?? -1);
    writeFileSync(join(this.directory, 'curves.svg'), trainingCurvesSvg(this.trials));
  }
}
