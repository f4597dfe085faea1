/** Accuracy of a converted .tflite on a data set, run by our own Interpreter (uint8 or float32 input). */
import { Interpreter } from '@tflite-lambda/runtime';
import { imageSize, type ImageDataset } from '../data/dataset.js';

export interface TfliteEvaluation {
  readonly accuracy: number;
  /** Predicted class per image, for agreement between float and int8 models. */
  readonly predictions: Int32Array;
}

export function evaluateTflite(bytes: Uint8Array, d: ImageDataset): TfliteEvaluation {
  const it = Interpreter.loadSync(bytes);
  it.allocateTensors();
  const input = it.getInputDetails()[0];
  const output = it.getOutputDetails()[0];
  const size = imageSize(d);
  const predictions = new Int32Array(d.count);
  let correct = 0;
  for (let n = 0; n < d.count; n++) {
    const pixels = d.images.subarray(n * size, (n + 1) * size);
    it.setTensor(input.index, input.dtype === 'uint8' ? pixels.slice() : Float32Array.from(pixels));
    it.invoke();
    const p = it.getTensor(output.index);
    let best = 0;
    for (let c = 1; c < p.length; c++) if (Number(p[c]) > Number(p[best])) best = c;
    predictions[n] = best;
    if (best === d.labels[n]) correct++;
  }
  return { accuracy: correct / d.count, predictions };
}

export function agreement(a: Int32Array, b: Int32Array): number {
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}
