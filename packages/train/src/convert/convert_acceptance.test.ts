/**
 * The acceptance shapes of the converter: a Teachable Machine image export (a nested MobileNet-style model and
 * a nested dense head inside a Sequential), a MobileNetV2-style functional model, a two-input two-output model
 * and a Conv1D audio model; each float conversion compared with TF.js predict and LiteRT.js (≤ 1e-4 relative),
 * and the image models' int8 conversion compared between our runtime and LiteRT.js.
 */
import { test } from 'node:test';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { setBackend } from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { input, layers, model as functionalModel, sequential, type LayersModel, type SymbolicTensor } from '@tensorflow/tfjs-layers';
import { BuiltinOp } from '@tflite-lambda/runtime';
import { sharedDir, skipWithoutShared } from '@tflite-lambda/testing';
import { LiteRtOracle } from '@tflite-lambda/testing/litert';
import { prepareImage } from '@tflite-lambda/vision';
import { maxAbsDiff, opcodes, predictTfjsMulti, randomInput, randomizeWeights, relativeDiff, runTfliteMulti } from '@tflite-lambda/testing/train';
import { convertLayersModel } from './convert.js';
import { fileSaver, loadModelFile } from './file_io.js';

await setBackend('cpu');
const oracle = await LiteRtOracle.create();

type T = SymbolicTensor;
const apply = (layer: { apply(x: T | T[]): unknown }, x: T | T[]): T => layer.apply(x) as T;

function convBnRelu6(x: T, filters: number, kernelSize: number, strides = 1): T {
  const c = apply(layers.conv2d({ filters, kernelSize, strides, padding: 'same', useBias: false }), x);
  return apply(layers.reLU({ maxValue: 6 }), apply(layers.batchNormalization({}), c));
}

function dwBnRelu6(x: T, strides: number): T {
  // MobileNet pads explicitly before a stride-2 depthwise convolution and uses VALID padding there.
  const padded = strides === 2 ? apply(layers.zeroPadding2d({ padding: [[0, 1], [0, 1]] }), x) : x;
  const d = apply(layers.depthwiseConv2d({ kernelSize: 3, strides, padding: strides === 2 ? 'valid' : 'same', useBias: false }), padded);
  return apply(layers.reLU({ maxValue: 6 }), apply(layers.batchNormalization({}), d));
}

/** A truncated MobileNet v1 (as Teachable Machine embeds it), ending in global average pooling. */
function truncatedMobileNet(size: number): LayersModel {
  const x = input({ shape: [size, size, 3] });
  let y = convBnRelu6(x, 8, 3, 2);
  for (const [filters, stride] of [[16, 1], [16, 2], [24, 2], [24, 1]]) y = convBnRelu6(dwBnRelu6(y, stride), filters, 1);
  return functionalModel({ inputs: x, outputs: apply(layers.globalAveragePooling2d({}), y), name: 'mobilenet_trunc' });
}

function teachableMachine(size: number): LayersModel {
  const head = sequential({ name: 'head', layers: [layers.dense({ inputShape: [24], units: 20, activation: 'relu' }), layers.dropout({ rate: 0.5 }), layers.dense({ units: 3, activation: 'softmax' })] });
  return sequential({ layers: [truncatedMobileNet(size) as never, head as never] });
}

function invertedResidual(x: T, expand: number, filters: number, stride: number): T {
  const cin = x.shape[3] as number;
  let y = convBnRelu6(x, cin * expand, 1);
  y = dwBnRelu6(y, stride);
  y = apply(layers.batchNormalization({}), apply(layers.conv2d({ filters, kernelSize: 1, useBias: false }), y));
  return stride === 1 && cin === filters ? apply(layers.add(), [x, y]) : y;
}

function mobileNetV2(size: number): LayersModel {
  const x = input({ shape: [size, size, 3] });
  let y = apply(layers.rescaling({ scale: 1 / 127.5, offset: -1 }), x);
  y = convBnRelu6(y, 8, 3, 2);
  y = invertedResidual(y, 1, 8, 1);
  y = invertedResidual(y, 4, 12, 2);
  y = invertedResidual(y, 4, 12, 1);
  y = invertedResidual(y, 4, 16, 2);
  y = invertedResidual(y, 4, 16, 1);
  y = convBnRelu6(y, 32, 1);
  y = apply(layers.globalAveragePooling2d({}), y);
  return functionalModel({ inputs: x, outputs: apply(layers.dense({ units: 5, activation: 'softmax' }), y) });
}

function conv1dAudio(): LayersModel {
  return sequential({ layers: [
    layers.conv1d({ inputShape: [64, 1], filters: 8, kernelSize: 5, activation: 'relu' }),
    layers.maxPooling1d({ poolSize: 2 }),
    layers.conv1d({ filters: 12, kernelSize: 3, strides: 2, padding: 'same' }),
    layers.batchNormalization({}),
    layers.activation({ activation: 'relu' }),
    layers.globalAveragePooling1d({}),
    layers.dense({ units: 4, activation: 'softmax' }),
  ] });
}

function twoInTwoOut(): LayersModel {
  const img = input({ shape: [12, 12, 3], name: 'image' });
  const meta = input({ shape: [5], name: 'meta' });
  const f = apply(layers.globalAveragePooling2d({}), apply(layers.conv2d({ filters: 6, kernelSize: 3, activation: 'relu' }), img));
  const m = apply(layers.dense({ units: 6, activation: 'tanh' }), meta);
  const joint = apply(layers.concatenate(), [f, m]);
  const cls = apply(layers.dense({ units: 3, activation: 'softmax', name: 'class' }), joint);
  const score = apply(layers.dense({ units: 1, name: 'score' }), apply(layers.multiply(), [f, m]));
  return functionalModel({ inputs: [img, meta], outputs: [cls, score] });
}

/** Float conversion vs TF.js predict and LiteRT.js on `count` random inputs (pixel-like scale `scale`). */
async function assertFloat(m: LayersModel, seed: number, scale = 1, count = 2): Promise<Uint8Array> {
  const bytes = convertLayersModel(m, { inputType: 'float32' });
  for (let s = 0; s < count; s++) {
    const xs = m.inputs.map((t, k) => {
      const shape = [1, ...(t.shape.slice(1) as number[])];
      return { data: randomInput(shape, seed + 10 * s + k).map((v) => (v + 1) * 0.5 * scale), shape };
    });
    const want = predictTfjsMulti(m, xs);
    const ours = runTfliteMulti(bytes, xs.map((x) => x.data));
    const ref = await oracle.run(bytes, xs.map((x) => ({ dtype: 'float32' as const, shape: x.shape, data: x.data })));
    assert.equal(ours.length, want.length);
    want.forEach((w, k) => {
      assert.ok(relativeDiff(ours[k], w) <= 1e-4, `output ${k}: ours vs TF.js ${relativeDiff(ours[k], w)}`);
      assert.ok(relativeDiff(ref[k].data as Float32Array, w) <= 1e-4, `output ${k}: LiteRT vs TF.js ${relativeDiff(ref[k].data as Float32Array, w)}`);
    });
  }
  return bytes;
}

/** int8 conversion calibrated on random images: our runtime within one output step of LiteRT.js. */
async function assertInt8(m: LayersModel, seed: number, scale: number): Promise<void> {
  const shape = [1, ...(m.inputs[0].shape.slice(1) as number[])];
  const samples = Array.from({ length: 8 }, (_, i) => randomInput(shape, seed + i).map((v) => (v + 1) * 0.5 * scale));
  const bytes = convertLayersModel(m, { inputType: 'float32', quantize: 'int8', representative: samples });
  for (const x of samples.slice(0, 3)) {
    const [ours] = runTfliteMulti(bytes, [x]);
    const [ref] = await oracle.run(bytes, [{ dtype: 'float32', shape, data: x }]);
    assert.ok(maxAbsDiff(ours, ref.data as Float32Array) <= 1 / 256 + 1e-6, `int8 ours vs LiteRT ${maxAbsDiff(ours, ref.data as Float32Array)}`);
    const want = predictTfjsMulti(m, [{ data: x, shape }])[0];
    assert.ok(maxAbsDiff(ours, want) < 0.1, `int8 vs TF.js ${maxAbsDiff(ours, want)}`);
  }
}

test('Teachable Machine shape: Sequential[nested MobileNet, nested dense head] converts, float and int8', async () => {
  const m = teachableMachine(96);
  randomizeWeights(m, 11);
  const bytes = await assertFloat(m, 1);
  const ops = opcodes(bytes);
  assert.ok(ops.includes(BuiltinOp.DEPTHWISE_CONV_2D) && ops.includes(BuiltinOp.PAD) && ops.includes(BuiltinOp.MEAN));
  assert.equal(ops.filter((o) => o === BuiltinOp.FULLY_CONNECTED).length, 2, 'the head, dropout removed');
  await assertInt8(m, 50, 1);
});

test('a Teachable Machine-shaped model saved as model.json and loaded back converts like the original', async () => {
  const m = teachableMachine(64);
  randomizeWeights(m, 15);
  const dir = mkdtempSync(join(tmpdir(), 'tm-'));
  try {
    await m.save(fileSaver(dir));
    const loaded = await loadModelFile(join(dir, 'model.json'));
    const x = randomInput([1, 64, 64, 3], 16);
    const [want] = predictTfjsMulti(m, [{ data: x, shape: [1, 64, 64, 3] }]);
    const [ours] = runTfliteMulti(convertLayersModel(loaded, { inputType: 'float32' }), [x]);
    assert.ok(relativeDiff(ours, want) <= 1e-4, `loaded model vs original: ${relativeDiff(ours, want)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('MobileNetV2 shape: inverted residuals with ADD, ReLU6 and depthwise; float and int8', async () => {
  const m = mobileNetV2(48);
  randomizeWeights(m, 12);
  const bytes = await assertFloat(m, 2, 255);
  const ops = opcodes(bytes);
  // Three residual ADDs and Rescaling's MUL + ADD (a SAME convolution follows it, so it cannot fold exactly).
  assert.equal(ops.filter((o) => o === BuiltinOp.ADD).length, 4, `ops: ${ops.join(',')}`);
  assert.ok(!ops.includes(BuiltinOp.RELU6), 'ReLU6 fused into the convolutions');
  await assertInt8(m, 60, 255);
});

test('two inputs, two outputs: signature order kept, float matches', async () => {
  const m = twoInTwoOut();
  randomizeWeights(m, 13);
  await assertFloat(m, 3);
});

test('Conv1D audio model (CONV_2D between RESHAPEs, MaxPooling1D, GlobalAveragePooling1D)', async () => {
  const m = conv1dAudio();
  randomizeWeights(m, 14);
  await assertFloat(m, 4);
});

/** The photos in ../shared/tasks (peacock, street, people, belfry, a painting), and each mirrored, at `size`. */
function realPhotos(size: number, scale: number): Float32Array[] {
  const root = join(sharedDir() ?? '', 'tasks');
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(png|jpe?g)$/i.test(f)).sort();
  return files.flatMap((f) => {
    const { data } = prepareImage(readFileSync(join(root, f)), { width: size, height: size, channels: 3 });
    const x = Float32Array.from(data, (v) => (v / 255) * scale);
    const mirrored = new Float32Array(x.length);
    for (let r = 0; r < size; r++) {
      for (let c = 0; c < size; c++) mirrored.set(x.subarray((r * size + size - 1 - c) * 3, (r * size + size - c) * 3), (r * size + c) * 3);
    }
    return [x, mirrored];
  });
}

const argmax = (v: ArrayLike<number>): number => Array.prototype.indexOf.call(v, Math.max(...Array.from(v)));

for (const [name, build, size, scale, seed] of [
  ['Teachable Machine shape', teachableMachine, 96, 1, 11],
  ['MobileNetV2 shape', mobileNetV2, 48, 255, 12],
] as const) {
  test(`${name} on real photos: float matches TF.js and LiteRT.js; int8 calibrated on them is within a step of LiteRT.js and keeps TF.js's top class`, { skip: skipWithoutShared() }, async () => {
    const m = build(size);
    randomizeWeights(m, seed);
    const photos = realPhotos(size, scale);
    assert.ok(photos.length >= 10, `${photos.length} photos`);
    const shape = [1, size, size, 3];
    const float = convertLayersModel(m, { inputType: 'float32' });
    const int8 = convertLayersModel(m, { inputType: 'float32', quantize: 'int8', representative: photos });
    let agree = 0;
    for (const x of photos) {
      const [want] = predictTfjsMulti(m, [{ data: x, shape }]);
      const [ours] = runTfliteMulti(float, [x]);
      const [ref] = await oracle.run(float, [{ dtype: 'float32', shape, data: x }]);
      assert.ok(relativeDiff(ours, want) <= 1e-4, `float ours vs TF.js ${relativeDiff(ours, want)}`);
      assert.ok(relativeDiff(ref.data as Float32Array, want) <= 1e-4, `float LiteRT vs TF.js ${relativeDiff(ref.data as Float32Array, want)}`);
      const [q] = runTfliteMulti(int8, [x]);
      const [qRef] = await oracle.run(int8, [{ dtype: 'float32', shape, data: x }]);
      assert.ok(maxAbsDiff(q, qRef.data as Float32Array) <= 1 / 256 + 1e-6, `int8 ours vs LiteRT ${maxAbsDiff(q, qRef.data as Float32Array)}`);
      if (argmax(q) === argmax(want)) agree++;
    }
    assert.ok(agree / photos.length >= 0.99, `int8 top class agrees with TF.js on ${agree} of ${photos.length} photos`);
  });
}
