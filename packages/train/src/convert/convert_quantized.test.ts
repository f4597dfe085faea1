import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setBackend } from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { initializers, layers, sequential, type LayersModel } from '@tensorflow/tfjs-layers';
import { BuiltinOp, Interpreter, readModel } from '@tflite-lambda/runtime';
import { loadMnist } from '../data/mnist.js';
import { Normalization } from '../autokeras/normalization.js';
import { floatImages } from '../data/dataset.js';
import { convertLayersModel } from './convert.js';
import { maxAbsDiff, predictTfjs, runTflite } from '@tflite-lambda/testing/train';

await setBackend('cpu');

/** A small MNIST-shaped CNN with seeded pseudo-random weights (no training needed to test conversion). */
function mnistCnn(): LayersModel {
  const m = sequential();
  m.add(layers.inputLayer({ inputShape: [28, 28, 1] }));
  m.add(new Normalization({ mean: [33], variance: [6000] }));
  m.add(layers.conv2d({ filters: 6, kernelSize: 3, activation: 'relu', kernelInitializer: initializers.glorotUniform({ seed: 1 }) }));
  m.add(layers.maxPooling2d({ poolSize: 2 }));
  m.add(layers.depthwiseConv2d({ kernelSize: 3, activation: 'relu', depthwiseInitializer: initializers.glorotUniform({ seed: 2 }) }));
  m.add(layers.flatten());
  m.add(layers.dense({ units: 10, activation: 'softmax', kernelInitializer: initializers.glorotUniform({ seed: 3 }) }));
  return m;
}

const data = loadMnist('test', 60);
const model = mnistCnn();
const reference = Array.from({ length: data.count }, (_, i) => predictTfjs(model, floatImages(data, i, i + 1), [1, 28, 28, 1]));
const argmax = (p: ArrayLike<number>) => { let b = 0; for (let i = 1; i < p.length; i++) if (p[i] > p[b]) b = i; return b; };

test('dynamic-range quantization stores int8 weights and stays close to the float model', () => {
  const bytes = convertLayersModel(model, { inputType: 'uint8', quantize: 'dynamic' });
  const desc = readModel(bytes).subgraphs[0];
  const conv = desc.operators.find((o) => o.opcode === BuiltinOp.CONV_2D);
  assert.ok(conv);
  assert.equal(desc.tensors[conv.inputs[1]].dtype, 'int8');
  assert.equal(desc.tensors[conv.inputs[1]].quantization?.scale.length, 6, 'per-channel conv weights');
  let worst = 0;
  for (let i = 0; i < 10; i++) worst = Math.max(worst, maxAbsDiff(runTflite(bytes, data.images.slice(i * 784, (i + 1) * 784)), reference[i]));
  assert.ok(worst < 0.05, `max probability difference ${worst}`);
});

test('full int8: int8 tensors with the spec parameters, uint8 in and float out, top-1 agreeing with TF.js', () => {
  const representative = Array.from({ length: 30 }, (_, i) => floatImages(data, i, i + 1));
  const bytes = convertLayersModel(model, { inputType: 'uint8', quantize: 'int8', representative });
  const desc = readModel(bytes).subgraphs[0];
  const codes = desc.operators.map((o) => o.opcode);
  assert.equal(codes[0], BuiltinOp.QUANTIZE);
  assert.equal(codes[codes.length - 1], BuiltinOp.DEQUANTIZE);
  const softmax = desc.operators.find((o) => o.opcode === BuiltinOp.SOFTMAX);
  assert.ok(softmax);
  assert.deepEqual(desc.tensors[softmax.outputs[0]].quantization?.zeroPoint, [-128]);
  assert.equal(desc.tensors[softmax.outputs[0]].quantization?.scale[0], 1 / 256);
  const conv = desc.operators.find((o) => o.opcode === BuiltinOp.CONV_2D);
  assert.ok(conv);
  const [x, w, b] = conv.inputs.map((i) => desc.tensors[i]);
  assert.equal(w.dtype, 'int8');
  assert.ok(w.quantization?.zeroPoint.every((z) => z === 0), 'weights are symmetric');
  assert.equal(b.dtype, 'int32');
  const xs = x.quantization?.scale[0] ?? NaN;
  b.quantization?.scale.forEach((s, c) => {
    assert.ok(Math.abs(s - xs * (w.quantization?.scale[c] ?? NaN)) < 1e-12, 'bias scale = input scale · weight scale');
  });
  const it = Interpreter.loadSync(bytes);
  it.allocateTensors();
  assert.equal(it.getInputDetails()[0].dtype, 'uint8');
  assert.equal(it.getOutputDetails()[0].dtype, 'float32');
  // Untrained weights give near-uniform probabilities, so top-1 is compared where the float model's margin
  // exceeds a few int8 output steps (1/256 each); everywhere the probabilities must stay close.
  let agree = 0;
  let confident = 0;
  let worst = 0;
  for (let i = 0; i < data.count; i++) {
    const p = runTflite(bytes, data.images.slice(i * 784, (i + 1) * 784));
    worst = Math.max(worst, maxAbsDiff(p, reference[i]));
    const sorted = [...reference[i]].sort((a, b) => b - a);
    if (sorted[0] - sorted[1] < 0.02) continue;
    confident++;
    if (argmax(p) === argmax(reference[i])) agree++;
  }
  assert.ok(worst < 0.03, `max probability difference ${worst}`);
  assert.ok(confident >= 5 && agree === confident, `top-1 agreement ${agree}/${confident}`);
});

test('int8 with int8 I/O declares int8 input and output tensors', () => {
  const representative = Array.from({ length: 10 }, (_, i) => floatImages(data, i, i + 1));
  const bytes = convertLayersModel(model, { quantize: 'int8', representative, int8Io: true });
  const it = Interpreter.loadSync(bytes);
  it.allocateTensors();
  assert.equal(it.getInputDetails()[0].dtype, 'int8');
  assert.deepEqual(it.getInputDetails()[0].shape, [1, 28, 28, 1]);
  assert.equal(it.getOutputDetails()[0].dtype, 'int8');
});

test('int8 without representative data is refused', () => {
  assert.throws(() => convertLayersModel(model, { quantize: 'int8' }), /representative/);
});
