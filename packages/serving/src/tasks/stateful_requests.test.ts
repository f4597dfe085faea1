/**
 * Models with variable tensors (recurrent state that TFLite carries from one invoke to the next) answer every
 * request from their initial state: the same input gives the same answer on the task routes and on the
 * tensor endpoint, although the raw interpreter's second invoke differs.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BuiltinOp, Interpreter } from '@tflite-lambda/runtime';
import { ModelBuilder } from '@tflite-lambda/runtime/builder';
import type { DecodedImage } from '@tflite-lambda/vision';
import { TensorEndpoint } from '../models/tensor_endpoint.js';
import { ImageClassifier } from './vision/image_classifier.js';

/** gray [1,2,2] → RESHAPE [1,4] → SVDF (identity features, memory of 3 summed) → [1,4] scores. */
function svdfClassifier(): Uint8Array {
  const b = new ModelBuilder();
  const x = b.addInput({ name: 'image', dtype: 'float32', shape: [1, 2, 2] });
  const shape = b.addTensor({ name: 'shape', dtype: 'int32', shape: [2], data: Int32Array.from([1, 4]) });
  const flat = b.addTensor({ name: 'flat', dtype: 'float32', shape: [1, 4] });
  b.addOperator({ opcode: BuiltinOp.RESHAPE, inputs: [x, shape], outputs: [flat], options: { kind: 'ReshapeOptions', newShape: [1, 4] } });
  const identity = new Float32Array(16).map((_, i) => (i % 5 === 0 ? 1 : 0));
  const feature = b.addTensor({ name: 'wf', dtype: 'float32', shape: [4, 4], data: identity });
  const time = b.addTensor({ name: 'wt', dtype: 'float32', shape: [4, 3], data: new Float32Array(12).fill(1) });
  const state = b.addTensor({ name: 'state', dtype: 'float32', shape: [1, 12], isVariable: true });
  const y = b.addOutput({ name: 'scores', dtype: 'float32', shape: [1, 4] });
  b.addOperator({ opcode: BuiltinOp.SVDF, inputs: [flat, feature, time, -1, state], outputs: [y], options: { kind: 'SVDFOptions', rank: 1, fusedActivation: 'NONE', asymmetricQuantizeInputs: false } });
  return b.build();
}

const image: DecodedImage = { width: 2, height: 2, channels: 1, bitDepth: 8, data: new Uint8Array([0, 1, 2, 3]) };

test('the raw interpreter carries the SVDF state from one invoke to the next (what the tasks must undo)', () => {
  const it = Interpreter.loadSync(svdfClassifier());
  it.allocateTensors();
  it.setTensor(0, new Float32Array([0, 1, 2, 3]));
  it.invoke();
  const first = Array.from(it.getTensor(it.getOutputDetails()[0]!.index) as Float32Array);
  it.invoke();
  const second = Array.from(it.getTensor(it.getOutputDetails()[0]!.index) as Float32Array);
  assert.deepEqual(first, [0, 1, 2, 3]);
  assert.deepEqual(second, [0, 2, 4, 6]);
});

test('an image classifier over a stateful model gives the same scores for the same image, request after request', async () => {
  const c = await ImageClassifier.load(svdfClassifier(), { normalization: 'none' });
  const first = Array.from(c.predict(image));
  for (let k = 0; k < 3; k++) assert.deepEqual(Array.from(c.predict(image)), first, `request ${k + 2}`);
});

test('the tensor endpoint starts every request from the initial state', () => {
  const endpoint = new TensorEndpoint(Interpreter.loadSync(svdfClassifier()));
  const request = new Map([['image', { shape: [1, 2, 2], data: new Float32Array([0, 1, 2, 3]) }]]);
  const first = endpoint.run(request)[0]!;
  const second = endpoint.run(request)[0]!;
  assert.deepEqual(Array.from(second.data as Float32Array), Array.from(first.data as Float32Array));
  assert.deepEqual(Array.from(first.data as Float32Array), [0, 1, 2, 3]);
});
