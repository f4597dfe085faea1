import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setBackend } from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { initializers, layers, sequential } from '@tensorflow/tfjs-layers';
import { prepareImage } from '@tflite-lambda/vision';
import { rgbPng } from '@tflite-lambda/testing/images';
import { LiteRtOracle } from '@tflite-lambda/testing/litert';
import { npyBytes, runTflite } from '@tflite-lambda/testing/train';
import { seededRandom } from '../../autokeras/hyperparameters.js';
import { convertLayersModel, modelInputSpecs } from '../convert.js';
import { ConversionError } from '../read_layers.js';
import { readNpy } from './npy.js';
import { sampleFromValue } from './sample_values.js';
import type { InputSpec } from './samples.js';
import { loadCalibrationSamples } from './sources.js';

await setBackend('cpu');

const dir = mkdtempSync(join(tmpdir(), 'calibration-'));
const mlpSpec: InputSpec[] = [{ name: 'features', shape: [1, 6], dtype: 'float32' }];
const rand = seededRandom(7);
const rows = Array.from({ length: 5 }, () => Array.from({ length: 6 }, () => Math.round((rand() * 4 - 2) * 1000) / 1000));
const flat = rows.flat();

test('.npy reader: v1 and v2 headers, little and big endian, float/int/uint8 dtypes, C order', () => {
  for (const [descr, values] of [['<f4', flat], ['<f8', flat], ['>f4', flat], ['<i4', [1, -2, 3, 70000, -5, 6]], ['|u1', [0, 255, 7, 8, 9, 10]], ['|i1', [-128, 127, 0, 1, 2, 3]], ['<i8', [-1, 2, 3, 4, 5, 6]], ['<f2', [1, -2, 0.5, 0, 65504, -0.25]]] as const) {
    for (const version of [1, 2] as const) {
      const a = readNpy(npyBytes(descr, [values.length / 6, 6], values, { version }), `x${descr}.npy`);
      assert.deepEqual(a.shape, [values.length / 6, 6]);
      const expected = descr.endsWith('f4') ? Array.from(Float32Array.from(values)) : Array.from(values);
      assert.deepEqual(Array.from(a.data), expected, `${descr} v${version}`);
    }
  }
  assert.throws(() => readNpy(npyBytes('<f4', [2, 3], flat.slice(0, 6), { fortranOrder: true }), 'f.npy'), /f\.npy: .*Fortran order/);
  assert.throws(() => readNpy(new Uint8Array(20), 'junk.npy'), /junk\.npy: not a \.npy file/);
  assert.throws(() => readNpy(npyBytes('<f4', [4, 6], flat.slice(0, 6)), 'short.npy'), /short\.npy: .*needs 96/);
  const complex = Buffer.from(Buffer.from(npyBytes('<f4', [6], flat.slice(0, 6))).toString('latin1').replace("'<f4'", "'<c8'"), 'latin1');
  assert.throws(() => readNpy(complex, 'c.npy'), /c\.npy: \.npy dtype '<c8' is not supported/);
});

test('.npy, .json and module sources give the same samples; shapes are checked per sample', async () => {
  const npyPath = join(dir, 'features.npy');
  writeFileSync(npyPath, npyBytes('<f8', [5, 6], flat));
  const jsonPath = join(dir, 'features.json');
  // Mixed forms: flat, with the batch dim, keyed by input name.
  writeFileSync(jsonPath, JSON.stringify([rows[0], [rows[1]], { features: rows[2] }, rows[3], [rows[4]]]));
  const modPath = join(dir, 'features.mjs');
  writeFileSync(modPath, `const rows = ${JSON.stringify(rows)};\nexport default async function* (inputs) { for (const r of rows) yield new Float32Array(r); }\n`);
  const fromNpy = await loadCalibrationSamples(npyPath, mlpSpec);
  const fromJson = await loadCalibrationSamples(jsonPath, mlpSpec);
  const fromModule = await loadCalibrationSamples(modPath, mlpSpec);
  const want = rows.map((r) => [Array.from(Float32Array.from(r))]);
  for (const got of [fromNpy, fromJson, fromModule]) assert.deepEqual(got.map((s) => s.map((x) => Array.from(x))), want);
  assert.equal((await loadCalibrationSamples(npyPath, mlpSpec, { limit: 2 })).length, 2);

  const bad = join(dir, 'bad.json');
  writeFileSync(bad, JSON.stringify([rows[0], rows[1].slice(0, 5)]));
  await assert.rejects(loadCalibrationSamples(bad, mlpSpec), (e: unknown) => e instanceof ConversionError && /bad\.json sample 1: input 'features' has shape \[5\]; the model expects \[1,6\]/.test(e.message));
  writeFileSync(bad, JSON.stringify([{ feature: rows[0] }]));
  await assert.rejects(loadCalibrationSamples(bad, mlpSpec), /sample 0: no model input named 'feature' \(inputs: 'features'\)/);
  writeFileSync(bad, JSON.stringify([[[1, 2], [3]]]));
  await assert.rejects(loadCalibrationSamples(bad, mlpSpec), /sample 0: input 'features': ragged nested array/);
  const wrongNpy = join(dir, 'wrong.npy');
  writeFileSync(wrongNpy, npyBytes('<f4', [3, 5], flat.slice(0, 15)));
  await assert.rejects(loadCalibrationSamples(wrongNpy, mlpSpec), /wrong\.npy: array of shape \[3,5\] does not hold samples for input 'features' of shape \[1,6\] \(want \[N,6\]\)/);
  const badModule = join(dir, 'bad.mjs');
  writeFileSync(badModule, 'export default 42;\n');
  await assert.rejects(loadCalibrationSamples(badModule, mlpSpec), /bad\.mjs: the default export must be an iterable/);
  // A new file name: Node caches a module by its URL.
  writeFileSync(join(dir, 'infinite.mjs'), 'export default [[1, 2, 3, 4, 5, Infinity]];\n');
  await assert.rejects(loadCalibrationSamples(join(dir, 'infinite.mjs'), mlpSpec), /infinite\.mjs sample 0: input 'features' holds a non-finite value \(Infinity\) at element 5/);
  await assert.rejects(loadCalibrationSamples(join(dir, 'missing.npy'), mlpSpec), /missing\.npy: no such calibration file or folder/);
  await assert.rejects(loadCalibrationSamples(join(dir, 'x.csv'), mlpSpec), ConversionError);
});

test('multi-input samples: keyed by input name or one tensor per input, each checked against its own shape', () => {
  const specs: InputSpec[] = [{ name: 'image', shape: [1, 2, 2, 1], dtype: 'float32' }, { name: 'tokens', shape: [1, 3], dtype: 'int32' }];
  const a = sampleFromValue({ tokens: [1, 2, 3], image: [[[1], [2]], [[3], [4]]] }, specs, 's');
  assert.ok(a[0] instanceof Float32Array && a[1] instanceof Int32Array);
  assert.deepEqual(a.map((x) => Array.from(x)), [[1, 2, 3, 4], [1, 2, 3]]);
  const b = sampleFromValue([new Float32Array(4), [[4, 5, 6]]], specs, 's');
  assert.deepEqual(Array.from(b[1]), [4, 5, 6]);
  assert.throws(() => sampleFromValue({ image: [1, 2, 3, 4] }, specs, 'sample 3'), /sample 3: missing input 'tokens'/);
  assert.throws(() => sampleFromValue([[1, 2, 3, 4]], specs, 'sample 4'), /sample 4: the model has 2 inputs \('image', 'tokens'\)/);
  assert.throws(() => sampleFromValue({ image: [1, 2, 3, 4], tokens: [1, 2.5, 3] }, specs, 'sample 5'), /sample 5: input 'tokens' is int32 but element 1 is 2.5/);
});

function rgbCnn() {
  const m = sequential();
  m.add(layers.conv2d({ inputShape: [32, 32, 3], filters: 4, kernelSize: 3, strides: 2, activation: 'relu', kernelInitializer: initializers.glorotUniform({ seed: 31 }) }));
  m.add(layers.globalAveragePooling2d({}));
  m.add(layers.dense({ units: 3, activation: 'softmax', kernelInitializer: initializers.glorotUniform({ seed: 32 }) }));
  return m;
}

test('an image folder calibrates a 3-channel 32x32 model with the pixels prepareImage gives, normalised by mean/std', async () => {
  const images = join(dir, 'images');
  const files: string[] = [];
  for (const cls of ['cat', 'dog']) {
    mkdirSync(join(images, cls), { recursive: true });
    for (let k = 0; k < 3; k++) {
      const f = join(images, cls, `${k}.png`);
      writeFileSync(f, rgbPng(48, 40, (x, y) => [(x * 5 + k * 40) % 256, (y * 6 + (cls === 'cat' ? 0 : 90)) % 256, (x * y + k) % 256]));
      files.push(f);
    }
  }
  const model = rgbCnn();
  const specs = modelInputSpecs(model);
  assert.deepEqual(specs.map((s) => s.shape), [[1, 32, 32, 3]]);
  const mean = [127.5, 120, 110];
  const std = [127.5, 60, 70];
  const samples = await loadCalibrationSamples(images, specs, { normalization: { kind: 'meanStd', mean, std } });
  assert.equal(samples.length, 6);
  const { readFileSync } = await import('node:fs');
  files.sort().forEach((f, i) => {
    const px = prepareImage(readFileSync(f), { width: 32, height: 32, channels: 3 }).data;
    assert.deepEqual(Array.from(samples[i][0]), Array.from(Float32Array.from(px, (p, j) => (p - mean[j % 3]) / std[j % 3])), f);
  });
  const ranged = await loadCalibrationSamples(images, specs, { normalization: { kind: 'range', min: -1, max: 1 }, limit: 2 });
  assert.equal(ranged.length, 2, 'limit picks evenly spaced files');
  assert.ok(ranged[0][0].every((v) => v >= -1 && v <= 1));
  await assert.rejects(loadCalibrationSamples(images, mlpSpec), /a folder of images calibrates an image input \[1,H,W,1\|3\]; input 'features' has shape \[1,6\]/);

  // The calibrated int8 model runs the same in our Interpreter and in LiteRT.js.
  const bytes = convertLayersModel(model, { quantize: 'int8', calibration: samples });
  const oracle = await LiteRtOracle.create();
  for (const s of samples.slice(0, 2)) {
    const [ref] = await oracle.run(bytes, [{ dtype: 'float32', shape: [1, 32, 32, 3], data: s[0] as Float32Array }]);
    assert.deepEqual(Array.from(runTflite(bytes, s[0] as Float32Array)), Array.from(ref.data as Float32Array));
  }
});

test('conversion checks calibration samples against the model inputs and says how to pass them', () => {
  const model = rgbCnn();
  assert.throws(() => convertLayersModel(model, { quantize: 'int16x8' }), /--quantize int16x8 needs representative inputs to calibrate on: pass --calibration PATH/);
  assert.throws(
    () => convertLayersModel(model, { quantize: 'int8', calibration: [[new Float32Array(32 * 32 * 3)], [new Float32Array(784)]] }),
    (e: unknown) => e instanceof ConversionError && /calibration sample 1: input '.*' has 784 values; the model expects shape \[1,32,32,3\] \(3072 values\)/.test(e.message),
  );
});
