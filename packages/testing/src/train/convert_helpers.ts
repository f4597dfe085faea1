/** Shared helpers of the converter tests: run a model in TF.js and a converted one in our Interpreter. */
import { tensor, type Tensor } from '@tensorflow/tfjs-core';
import { layers, sequential, type LayersModel, type Sequential } from '@tensorflow/tfjs-layers';
import { Interpreter, readModel } from '@tflite-lambda/runtime';
import { seededRandom } from '@tflite-lambda/train';

/** Any layer a Sequential model takes. */
export type AnyLayer = Parameters<Sequential['add']>[0];

/** A Sequential model of `ls` after an input layer of `inputShape` (null: a dimension left unknown). */
export function seq(inputShape: (number | null)[], ...ls: AnyLayer[]): LayersModel {
  const m = sequential();
  m.add(layers.inputLayer({ inputShape: inputShape as number[] }));
  for (const l of ls) m.add(l);
  return m;
}

export function randomInput(shape: number[], seed: number): Float32Array {
  const rand = seededRandom(seed);
  return Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rand() * 2 - 1);
}

export function predictTfjs(model: LayersModel, x: Float32Array, shape: number[]): Float32Array {
  const y = model.predict(tensor(x, shape)) as Tensor;
  return Float32Array.from(y.dataSync());
}

export function runTflite(bytes: Uint8Array, x: Float32Array | Uint8Array | Int8Array): Float32Array {
  const it = Interpreter.loadSync(bytes);
  it.allocateTensors();
  it.setTensor(it.getInputDetails()[0].index, x);
  it.invoke();
  return Float32Array.from(it.getTensor(it.getOutputDetails()[0].index) as Float32Array, Number);
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} vs ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/** Op codes of a converted model, in order (what the converter emitted). */
export function opcodes(bytes: Uint8Array): number[] {
  return readModel(bytes).subgraphs[0].operators.map((o) => o.opcode);
}

/** TF.js predict of a model with several inputs and/or outputs: one flat array per output. */
export function predictTfjsMulti(model: LayersModel, xs: readonly { data: Float32Array | Int32Array; shape: number[] }[]): Float32Array[] {
  const ins = xs.map((x) => tensor(x.data, x.shape, x.data instanceof Int32Array ? 'int32' : 'float32'));
  const y = model.predict(ins.length === 1 ? ins[0] : ins) as Tensor | Tensor[];
  return (Array.isArray(y) ? y : [y]).map((t) => Float32Array.from(t.dataSync()));
}

/** Runs a converted model with several inputs (signature order) and returns every output as float. */
export function runTfliteMulti(bytes: Uint8Array, xs: readonly (Float32Array | Int32Array | Uint8Array | Int8Array)[]): Float32Array[] {
  const it = Interpreter.loadSync(bytes);
  it.allocateTensors();
  const details = it.getInputDetails();
  if (details.length !== xs.length) throw new Error(`model has ${details.length} inputs, given ${xs.length}`);
  details.forEach((d, k) => {
    it.setTensor(d.index, xs[k]);
  });
  it.invoke();
  return it.getOutputDetails().map((d) => Float32Array.from(it.getTensor(d.index) as Float32Array, Number));
}

/**
 * Seeded non-trivial weights for every layer (TF.js initialises biases, BN statistics and PReLU alphas to
 * constants, which would hide layout and folding mistakes); variances stay positive.
 */
export function randomizeWeights(model: LayersModel, seed: number): void {
  const rand = seededRandom(seed);
  for (const layer of model.layers) {
    const fresh = layer.weights.map((w) => {
      const positive = /variance/.test(w.originalName ?? w.name);
      const n = (w.shape as number[]).reduce((a, b) => a * b, 1);
      const data = Float32Array.from({ length: n }, () => (positive ? 0.5 + rand() : rand() - 0.5));
      return tensor(data, w.shape as number[]);
    });
    if (fresh.length > 0) layer.setWeights(fresh);
  }
}

/** Largest |a − b| relative to the largest |b| (at least 1): the converter tests' float tolerance measure. */
export function relativeDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let scale = 1;
  for (let i = 0; i < b.length; i++) scale = Math.max(scale, Math.abs(b[i]));
  return maxAbsDiff(a, b) / scale;
}
