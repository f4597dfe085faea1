import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initializers, layers, sequential } from '@tensorflow/tfjs-layers';
import { fileSaver, setupTraining, type QuantReport } from '@tflite-lambda/train';
import { Interpreter } from '@tflite-lambda/runtime';
import { readModelMetadata } from '@tflite-lambda/runtime/metadata';
import { rgbPng } from '@tflite-lambda/testing/images';
import { npyBytes } from '@tflite-lambda/testing/train';
import { runCliCaptured } from '../cli_capture.js';

await setupTraining({ fastKernels: false });

const root = mkdtempSync(join(tmpdir(), 'convert-calibration-'));
process.on('exit', () => rmSync(root, { recursive: true, force: true }));

async function rgbModel(): Promise<string> {
  const m = sequential();
  m.add(layers.conv2d({ inputShape: [16, 16, 3], filters: 4, kernelSize: 3, activation: 'relu', kernelInitializer: initializers.glorotUniform({ seed: 41 }) }));
  m.add(layers.globalAveragePooling2d({}));
  m.add(layers.dense({ units: 2, activation: 'softmax', kernelInitializer: initializers.glorotUniform({ seed: 42 }) }));
  await m.save(fileSaver(join(root, 'rgb')));
  return join(root, 'rgb', 'model.json');
}

async function mlpModel(): Promise<string> {
  const m = sequential();
  m.add(layers.dense({ inputShape: [5], units: 8, activation: 'relu', kernelInitializer: initializers.glorotUniform({ seed: 43 }) }));
  m.add(layers.dense({ units: 3, kernelInitializer: initializers.glorotUniform({ seed: 44 }) }));
  await m.save(fileSaver(join(root, 'mlp')));
  return join(root, 'mlp', 'model.json');
}

test('convert --quantize int8 --calibration <images> with --mean/--std and --labels: report printed and saved, metadata written and shown by inspect', async () => {
  const images = join(root, 'images');
  for (const cls of ['a', 'b']) {
    mkdirSync(join(images, cls), { recursive: true });
    for (let k = 0; k < 4; k++) writeFileSync(join(images, cls, `${k}.png`), rgbPng(20, 20, (x, y) => [(x * 12 + k) % 256, (y * 12) % 256, cls === 'a' ? 30 : 220]));
  }
  writeFileSync(join(root, 'labels.txt'), 'cat\ndog\n');
  const out = join(root, 'rgb.int8.tflite');
  const r = await runCliCaptured([
    'convert', await rgbModel(), '--quantize', 'int8', '--calibration', images, '--input-type', 'float32', '--mean', '127.5', '--std', '127.5',
    '--labels', join(root, 'labels.txt'), '--name', 'pets', '--out', out,
  ]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /quantization error vs float \(int8, 8 calibration samples\)/);
  assert.match(r.out, /\*dense_Dense\d+\s+activation/);
  const report = JSON.parse(readFileSync(`${out}.quant-report.json`, 'utf8')) as QuantReport;
  assert.equal(report.samples, 8);
  assert.deepEqual(report.tensors.map((t) => t.op), ['input', 'conv2d', 'mean', 'dense', 'activation']);
  assert.ok(report.tensors.every((t) => Number.isFinite(t.rmse) && t.maxAbsError >= t.rmse));
  // Inputs were (pixel − 127.5)/127.5: the input's observed range stays within [−1, 1], so its int8 error is ≤ half a step.
  assert.ok(report.tensors[0].maxAbsError <= 1 / 255 + 1e-6, `input error ${report.tensors[0].maxAbsError}`);

  const bytes = readFileSync(out);
  const { metadata, files } = readModelMetadata(bytes);
  assert.equal(metadata?.name, 'pets');
  const input = metadata?.subgraphMetadata?.[0].inputTensorMetadata?.[0];
  assert.deepEqual(input?.processUnits, [{ kind: 'normalization', mean: [127.5], std: [127.5] }]);
  assert.deepEqual(input?.content?.properties, { kind: 'image', colorSpace: 'RGB', defaultSize: { width: 16, height: 16 } });
  assert.equal(new TextDecoder().decode(files.get('labels.txt')), 'cat\ndog\n');
  const it = Interpreter.loadSync(bytes);
  it.allocateTensors();
  assert.equal(it.getInputDetails()[0].dtype, 'float32');
  const shown = await runCliCaptured(['inspect', out]);
  assert.equal(shown.code, 0, shown.err);
  assert.match(shown.out, /pets/);
  assert.match(shown.out, /labels\.txt/);
  assert.match(shown.out, /127\.5/);
});

test('convert --quantize int16x8 --calibration <.npy> on a non-image model; int8 without calibration names the flag and the input shape', async () => {
  const model = await mlpModel();
  const npy = join(root, 'features.npy');
  writeFileSync(npy, npyBytes('<f4', [30, 5], Array.from({ length: 150 }, (_, i) => Math.sin(i * 0.7) * 3)));
  const out = join(root, 'mlp.16x8.tflite');
  const r = await runCliCaptured(['convert', model, '--quantize', 'int16x8', '--calibration', npy, '--out', out]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /int16x8, 30 calibration samples/);
  assert.ok(existsSync(`${out}.quant-report.json`));
  const it = Interpreter.loadSync(readFileSync(out));
  it.allocateTensors();
  assert.deepEqual([it.getInputDetails()[0].dtype, it.getInputDetails()[0].shape], ['float32', [1, 5]], 'a non-image input stays float32');

  const missing = await runCliCaptured(['convert', model, '--quantize', 'int8', '--out', join(root, 'x.tflite')]);
  assert.equal(missing.code, 1);
  assert.match(missing.err, /--quantize int8 needs calibration data: pass --calibration PATH .* for input\(s\) '.*' \[1,5\]/);
  const wrong = join(root, 'wrong.json');
  writeFileSync(wrong, JSON.stringify([[1, 2, 3, 4, 5], [1, 2, 3]]));
  const mismatched = await runCliCaptured(['convert', model, '--quantize', 'int8', '--calibration', wrong, '--out', join(root, 'y.tflite')]);
  assert.equal(mismatched.code, 1);
  assert.match(mismatched.err, /wrong\.json sample 1: input '.*' has shape \[3\]; the model expects \[1,5\]/);
  const uint8Mean = await runCliCaptured(['convert', model, '--input-type', 'uint8', '--mean', '1', '--std', '2']);
  assert.equal(uint8Mean.code, 2);
  assert.match(uint8Mean.err, /describe a float input/);
});
