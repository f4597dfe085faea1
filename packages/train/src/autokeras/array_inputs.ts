/**
 * AutoKeras takes `fit(x, y)` with numpy arrays; here x is a TF.js tensor of images ([N,H,W] or [N,H,W,C],
 * pixel values 0..255, or 0..1 which is scaled up) and y the class indices. They become an ImageDataset.
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import type { ImageDataset } from '../data/dataset.js';

export type LabelInput = Tensor | ArrayLike<number>;

function labelsOf(y: LabelInput, count: number): Uint8Array {
  const values = 'dataSync' in y ? y.dataSync() : y;
  if (values.length !== count) throw new RangeError(`y has ${values.length} labels for ${count} images`);
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const v = values[i];
    if (!Number.isInteger(v) || v < 0 || v > 255) throw new RangeError(`label ${i} is ${v}; expected a class index 0..255`);
    labels[i] = v;
  }
  return labels;
}

export function datasetFromArrays(x: Tensor, y: LabelInput, classNames?: readonly string[]): ImageDataset {
  if (x.rank !== 3 && x.rank !== 4) throw new RangeError(`x must be [N,H,W] or [N,H,W,C]; got shape [${x.shape.join(',')}]`);
  const [count, height, width] = x.shape;
  const channels = x.shape[3] ?? 1;
  const values = x.dataSync();
  let max = 0;
  for (let i = 0; i < values.length; i++) if (values[i] > max) max = values[i];
  const scale = max <= 1 ? 255 : 1;
  const images = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) images[i] = Math.max(0, Math.min(255, Math.round(values[i] * scale)));
  const labels = labelsOf(y, count);
  const k = classNames?.length ?? labels.reduce((m, v) => Math.max(m, v + 1), 0);
  return {
    images, labels, count, height, width, channels,
    classNames: classNames ? [...classNames] : Array.from({ length: k }, (_, i) => String(i)),
  };
}

/** fit/evaluate accept either a dataset or AutoKeras's (x, y) pair. */
export function asDataset(data: ImageDataset | Tensor, y?: LabelInput): ImageDataset {
  if (!('dataSync' in data)) return data;
  if (y === undefined) throw new RangeError('fit(x, y): y (the labels) is missing');
  return datasetFromArrays(data, y);
}
