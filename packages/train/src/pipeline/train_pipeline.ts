/**
 * The `tflite-lambda train` pipeline: search and train on MNIST (or an image folder), evaluate, export the
 * TF.js model, convert to float and int8 .tflite, check both with our Interpreter on the test set, and write
 *   <out>/model.tflite, <out>/model.int8.tflite, <out>/labels.txt,
 *   <out>/training/{metrics.json, trials.json, curves.svg, tfjs/model.json}.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { floatImages, type ImageDataset } from '../data/dataset.js';
import { ImageClassifier } from '../autokeras/image_classifier.js';
import type { Hyperparameters } from '../autokeras/hyperparameters.js';
import type { LrSchedule } from '../autokeras/lr_schedule.js';
import { convertLayersModel } from '../convert/convert.js';
import { fileSaver } from '../convert/file_io.js';
import { withConversionMetadata, type ConversionMetadata } from '../convert/model_metadata.js';
import { agreement, evaluateTflite } from './evaluate_tflite.js';

export interface TrainPipelineOptions {
  readonly train: ImageDataset;
  readonly test: ImageDataset;
  readonly out: string;
  readonly epochs: number;
  readonly maxTrials: number;
  readonly timeBudget?: number;
  readonly batchSize: number;
  /** Epochs without val_accuracy improvement before a trial stops (default 3). */
  readonly patience?: number;
  readonly seed: number;
  /** Representative images for int8 calibration. */
  readonly representative: number;
  readonly initialTrials?: readonly Hyperparameters[];
  /** The learning-rate schedule (the classifier's default when absent). */
  readonly lrSchedule?: LrSchedule;
  readonly log: (line: string) => void;
}

export interface PipelineMetrics {
  readonly dataset: { train: number; test: number; classes: string[] };
  readonly bestTrial: number;
  readonly hyperparameters: Hyperparameters;
  readonly valAccuracy: number;
  readonly testAccuracyTfjs: number;
  readonly testAccuracyFloat: number;
  readonly testAccuracyInt8: number;
  readonly int8Top1Agreement: number;
  readonly trainingSeconds: number;
  readonly bytes: { float: number; int8: number };
  readonly command: string;
}

export async function runTrainPipeline(o: TrainPipelineOptions): Promise<PipelineMetrics> {
  const runDir = join(o.out, 'training');
  mkdirSync(runDir, { recursive: true });
  const clf = new ImageClassifier({ maxTrials: o.maxTrials, overwrite: true, directory: runDir, seed: o.seed, objective: 'val_accuracy', initialTrials: o.initialTrials });
  const t0 = performance.now();
  await clf.fit(o.train, { epochs: o.epochs, batchSize: o.batchSize, validationSplit: 0.1, timeBudget: o.timeBudget, patience: o.patience, lrSchedule: o.lrSchedule });
  const trainingSeconds = (performance.now() - t0) / 1000;
  o.log(`\n${clf.summary()}\n`);
  const tfjsEval = clf.evaluate(o.test);
  const model = clf.exportModel();
  await model.save(fileSaver(join(runDir, 'tfjs')));

  // The pipeline knows its data: the labels, the image geometry, and that the model takes raw uint8 pixels
  // (its Normalization layer is inside the graph, so no normalization unit is declared).
  const metadata: ConversionMetadata = {
    name: 'tflite-lambda image classifier',
    description: `Trained by tflite-lambda train on ${o.train.count} images of ${o.train.classNames.length} classes`,
    inputDescription: 'uint8 pixels 0..255',
    image: { width: o.train.width, height: o.train.height, channels: o.train.channels === 3 ? 3 : 1 },
    labels: o.train.classNames,
  };
  const floatBytes = withConversionMetadata(convertLayersModel(model, { inputType: 'uint8' }), metadata);
  const n = Math.min(o.representative, o.train.count);
  // The MNIST (or image-folder) training images are this pipeline's own calibration set.
  const representative = Array.from({ length: n }, (_, i) => floatImages(o.train, i, i + 1));
  const int8Bytes = withConversionMetadata(convertLayersModel(model, { inputType: 'uint8', quantize: 'int8', representative }), metadata);
  writeFileSync(join(o.out, 'model.tflite'), floatBytes);
  writeFileSync(join(o.out, 'model.int8.tflite'), int8Bytes);
  writeFileSync(join(o.out, 'labels.txt'), `${o.train.classNames.join('\n')}\n`);

  const f = evaluateTflite(floatBytes, o.test);
  const q = evaluateTflite(int8Bytes, o.test);
  const best = clf.bestTrial;
  if (!best) throw new Error('no trial finished');
  const metrics: PipelineMetrics = {
    dataset: { train: o.train.count, test: o.test.count, classes: o.train.classNames },
    bestTrial: best.trial + 1,
    hyperparameters: best.hyperparameters,
    valAccuracy: best.bestValAccuracy,
    testAccuracyTfjs: tfjsEval.accuracy,
    testAccuracyFloat: f.accuracy,
    testAccuracyInt8: q.accuracy,
    int8Top1Agreement: agreement(f.predictions, q.predictions),
    trainingSeconds,
    bytes: { float: floatBytes.length, int8: int8Bytes.length },
    command: `tflite-lambda ${process.argv.slice(2).join(' ')}`,
  };
  writeFileSync(join(runDir, 'metrics.json'), `${JSON.stringify(metrics, null, 2)}\n`);
  o.log(`test accuracy: TF.js ${(100 * tfjsEval.accuracy).toFixed(2)} %, model.tflite ${(100 * f.accuracy).toFixed(2)} %, model.int8.tflite ${(100 * q.accuracy).toFixed(2)} % (top-1 agreement ${(100 * metrics.int8Top1Agreement).toFixed(2)} %)`);
  return metrics;
}
