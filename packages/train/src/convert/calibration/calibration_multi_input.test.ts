/**
 * Calibration of a two-input two-output model (image + feature vector) from .json samples keyed by input
 * name and from a folder of per-input .npy files: both give the same model, which runs bit-identically in
 * our Interpreter and LiteRT.js; the report covers both outputs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setBackend } from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { initializers, input, layers, model as functionalModel, type SymbolicTensor } from '@tensorflow/tfjs-layers';
import { LiteRtOracle } from '@tflite-lambda/testing/litert';
import { npyBytes, runTfliteMulti } from '@tflite-lambda/testing/train';
import { seededRandom } from '../../autokeras/hyperparameters.js';
import { convertLayersModelWithReport, modelInputSpecs } from '../convert.js';
import { loadCalibrationSamples } from './sources.js';

await setBackend('cpu');

function twoInTwoOut() {
  const g = (seed: number) => initializers.glorotUniform({ seed });
  const img = input({ shape: [8, 8, 3], name: 'image' });
  const meta = input({ shape: [4], name: 'meta' });
  const f = layers.globalAveragePooling2d({}).apply(layers.conv2d({ filters: 5, kernelSize: 3, activation: 'relu', kernelInitializer: g(51) }).apply(img)) as SymbolicTensor;
  const m = layers.dense({ units: 5, activation: 'relu', kernelInitializer: g(52) }).apply(meta) as SymbolicTensor;
  const joint = layers.concatenate().apply([f, m]) as SymbolicTensor;
  const cls = layers.dense({ units: 3, activation: 'softmax', name: 'class', kernelInitializer: g(53) }).apply(joint) as SymbolicTensor;
  const score = layers.dense({ units: 1, name: 'score', kernelInitializer: g(54) }).apply(joint) as SymbolicTensor;
  return functionalModel({ inputs: [img, meta], outputs: [cls, score] });
}

test('a two-input model calibrates from .json keyed by input name and from per-input .npy files, and matches LiteRT.js', async () => {
  const model = twoInTwoOut();
  const specs = modelInputSpecs(model);
  assert.deepEqual(specs.map((s) => s.shape), [[1, 8, 8, 3], [1, 4]]);
  const rand = seededRandom(9);
  const n = 12;
  const images = Array.from({ length: n * 192 }, () => Math.round(rand() * 1000) / 1000);
  const metas = Array.from({ length: n * 4 }, () => Math.round((rand() * 6 - 3) * 1000) / 1000);
  const dir = mkdtempSync(join(tmpdir(), 'calibration-multi-'));
  const json = join(dir, 'samples.json');
  writeFileSync(json, JSON.stringify(Array.from({ length: n }, (_, i) => ({ [specs[1].name]: metas.slice(i * 4, i * 4 + 4), [specs[0].name]: images.slice(i * 192, (i + 1) * 192) }))));
  const npyDir = join(dir, 'npy');
  mkdirSync(npyDir);
  writeFileSync(join(npyDir, `${specs[0].name}.npy`), npyBytes('<f4', [n, 8, 8, 3], images));
  writeFileSync(join(npyDir, `${specs[1].name}.npy`), npyBytes('<f4', [n, 4], metas));
  const fromJson = await loadCalibrationSamples(json, specs);
  const fromNpy = await loadCalibrationSamples(npyDir, specs);
  assert.equal(fromJson.length, n);
  assert.deepEqual(fromNpy.map((s) => s.map((x) => Array.from(x))), fromJson.map((s) => s.map((x) => Array.from(x))));

  const a = convertLayersModelWithReport(model, { quantize: 'int8', calibration: fromJson });
  const b = convertLayersModelWithReport(model, { quantize: 'int8', calibration: fromNpy });
  assert.deepEqual(a.bytes, b.bytes, 'same samples, same model');
  assert.deepEqual(a.report?.tensors.filter((t) => t.isOutput).length, 2);
  const oracle = await LiteRtOracle.create();
  for (const s of fromJson.slice(0, 3)) {
    const ours = runTfliteMulti(a.bytes, s.map((x) => x as Float32Array));
    const ref = await oracle.run(a.bytes, s.map((x, k) => ({ dtype: 'float32' as const, shape: specs[k].shape, data: x as Float32Array })));
    ours.forEach((o, k) => { assert.deepEqual(Array.from(o), Array.from(ref[k].data as Float32Array), `output ${k}`); });
  }
  await assert.rejects(loadCalibrationSamples(join(dir, 'npy', `${specs[0].name}.npy`), specs), /the model has 2 inputs; give a folder with one '<input name>\.npy' per input/);
});
