/** `tflite-lambda train`: AutoKeras-style search on MNIST (or an image folder), then float and int8 .tflite. */
import { intFlag, parseArgs, stringFlag } from '../args.js';
import { CommandError, UsageError } from '../command.js';
import type { ImageDataset } from '@tflite-lambda/train';

export const summary = 'train an image classifier (MNIST by default) and convert it to float and int8 .tflite';

export const usage = `Usage: tflite-lambda train [options]

Trains with TensorFlow.js on the cpu backend (with the project's fast GEMM kernels), keeps the best trial by
val_accuracy, evaluates on the test set, and writes into --out:
  model.tflite (uint8 [1,H,W] input, or [1,H,W,3] with --channels 3; float32 probabilities),
  model.int8.tflite, labels.txt,
  training/metrics.json, training/trials.json, training/curves.svg, training/tfjs/model.json

Options:
  --out DIR            output folder (default: mnist_model)
  --epochs N           epochs per trial (default: 12)
  --max-trials N       trials in the search; trial 1 is AutoKeras's default CNN (default: 1)
  --time-budget SEC    stop the search after this many seconds (at an epoch end)
  --limit N            use only the first N training and N/5 test images (quick runs)
  --data DIR           train on a folder of images, one subfolder per class (default: MNIST)
  --image-size HxW     size to resize folder images to (default: 28x28)
  --channels 1|3       folder images as grayscale (1, default) or RGB (3); the model's input follows
  --batch-size N       mini-batch size (default: 32)
  --patience N         epochs without val_accuracy improvement before a trial stops (default: 4); the
                       learning rate is halved after two epochs without improvement ('autokeras'
                       preset) or divided by 5 after each ('fast', 'deep')
  --seed N             seed for data order, initialisers and the search (default: 42)
  --representative N   images used to calibrate int8 (default: 200)
  --preset NAME        first trial: 'autokeras' (default), 'fast' (two conv blocks, ~5x fewer FLOPs) or
                       'deep' (two blocks of two convs, about AutoKeras's FLOPs, higher accuracy)
  --no-fast-kernels    use TF.js's stock cpu kernels (slow; for comparison)`;

function channelsFlag(v: string | undefined): 1 | 3 {
  if (v === undefined || v === '1') return 1;
  if (v === '3') return 3;
  throw new UsageError(`--channels must be 1 or 3, got '${v}'`);
}

function sizeFlag(v: string | undefined): [number, number] {
  if (!v) return [28, 28];
  const m = /^(\d+)x(\d+)$/.exec(v);
  if (!m) throw new UsageError(`--image-size must look like 28x28, got '${v}'`);
  return [Number(m[1]), Number(m[2])];
}

export async function main(args: string[]): Promise<number> {
  const p = parseArgs(args, {
    values: ['out', 'epochs', 'max-trials', 'time-budget', 'limit', 'data', 'image-size', 'channels', 'batch-size', 'seed', 'representative', 'preset', 'patience'],
    booleans: ['no-fast-kernels'],
  });
  const preset = stringFlag(p, 'preset') ?? 'autokeras';
  const limit = stringFlag(p, 'limit') === undefined ? undefined : intFlag(p, 'limit', 0);
  const budget = stringFlag(p, 'time-budget');
  const channels = channelsFlag(stringFlag(p, 'channels'));
  const dataDir = stringFlag(p, 'data');
  if (channels === 3 && !dataDir) throw new UsageError('--channels 3 needs --data (MNIST is grayscale)');
  const [height, width] = sizeFlag(stringFlag(p, 'image-size'));
  const train = await import('@tflite-lambda/train');
  if (!train.isPresetName(preset)) {
    throw new UsageError(`--preset must be one of ${Object.keys(train.PRESETS).map((n) => `'${n}'`).join(', ')}, got '${preset}'`);
  }
  await train.setupTraining({ fastKernels: !p.flags.has('no-fast-kernels') });
  let trainSet: ImageDataset;
  let testSet: ImageDataset;
  if (dataDir) {
    let all: ImageDataset;
    try {
      all = train.loadImageFolder(dataDir, { height, width, channels });
    } catch (err) {
      throw err instanceof train.DatasetError ? new CommandError(err.message) : err;
    }
    const { train: tr, validation } = train.splitValidation(all, 0.2, train.seededRandom(intFlag(p, 'seed', 42)));
    trainSet = tr;
    testSet = validation;
  } else {
    trainSet = train.loadMnist('train', limit);
    testSet = train.loadMnist('test', limit === undefined ? undefined : Math.max(1, Math.ceil(limit / 5)));
  }
  const metrics = await train.runTrainPipeline({
    train: trainSet,
    test: testSet,
    out: stringFlag(p, 'out') ?? 'mnist_model',
    epochs: intFlag(p, 'epochs', 12),
    maxTrials: intFlag(p, 'max-trials', 1),
    timeBudget: budget === undefined ? undefined : Number(budget),
    batchSize: intFlag(p, 'batch-size', 32),
    patience: intFlag(p, 'patience', 4),
    seed: intFlag(p, 'seed', 42),
    representative: intFlag(p, 'representative', 200),
    initialTrials: [train.PRESETS[preset]],
    lrSchedule: train.PRESET_LR_SCHEDULES[preset],
    log: (line: string) => console.log(line),
  });
  console.log(`wrote ${stringFlag(p, 'out') ?? 'mnist_model'}/ (float ${metrics.bytes.float} B, int8 ${metrics.bytes.int8} B)`);
  return 0;
}
