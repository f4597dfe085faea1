/**
 * Helpers of the sequence-model converter tests: token-id inputs, the two TFLite engines on one converted model
 * (our Interpreter and tfjs-tflite, TFLite's own interpreter, which runs variable tensors where LiteRT.js
 * refuses them). The relative difference is convert_helpers' relativeDiff.
 */
import { tensor, type Tensor } from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { Interpreter } from '@tflite-lambda/runtime';
import { seededRandom } from '@tflite-lambda/train';
import { TfjsTfliteOracle } from '../tfjs_tflite/index.js';

/** `count` token ids in [0, vocab), reproducible from `seed`. */
export function randomIds(count: number, vocab: number, seed: number): Int32Array {
  const rand = seededRandom(seed);
  return Int32Array.from({ length: count }, () => Math.min(vocab - 1, Math.floor(rand() * vocab)));
}

/** TF.js predict on a batch of one; ids are fed as the float tensor a TF.js Embedding model takes. */
export function predictTfjsValues(model: LayersModel, x: Int32Array | Float32Array, shape: number[]): Float32Array {
  const y = model.predict(tensor(Float32Array.from(x), shape)) as Tensor;
  return Float32Array.from(y.dataSync());
}

/** Our Interpreter on one input of any numeric type, output 0 as float. */
export function runTfliteValues(bytes: Uint8Array, x: Int32Array | Float32Array): Float32Array {
  const it = Interpreter.loadSync(bytes);
  it.allocateTensors();
  it.setTensor(it.getInputDetails()[0].index, x);
  it.invoke();
  return Float32Array.from(it.getTensor(it.getOutputDetails()[0].index) as Float32Array, Number);
}

/** tfjs-tflite on a fresh runner (variable tensors zeroed, as after loading), output 0 as float. */
export async function runTfjsTflite(bytes: Uint8Array, x: Int32Array | Float32Array, shape: number[]): Promise<Float32Array> {
  const oracle = await TfjsTfliteOracle.create();
  const dtype = x instanceof Int32Array ? 'int32' : 'float32';
  const [y] = await oracle.run(bytes, [{ dtype, shape, data: x }]);
  return Float32Array.from(y.data as Float32Array, Number);
}
