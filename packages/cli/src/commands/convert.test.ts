import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { layers, sequential } from '@tensorflow/tfjs-layers';
import { fileSaver, setupTraining } from '@tflite-lambda/train';
import { Interpreter } from '@tflite-lambda/runtime';
import { runCliCaptured } from '../cli_capture.js';

await setupTraining({ fastKernels: false });

/** A small conv net (or one with `extra` inserted) saved as model.json + weights under a temp folder. */
async function savedModel(root: string, extra?: 'unsupported'): Promise<string> {
  const m = sequential();
  m.add(layers.inputLayer({ inputShape: [8, 8, 1] }));
  m.add(layers.conv2d({ filters: 4, kernelSize: 3, activation: 'relu' }));
  if (extra === 'unsupported') m.add(layers.thresholdedReLU({ theta: 0.5 }));
  m.add(layers.flatten());
  m.add(layers.dense({ units: 3, activation: 'softmax' }));
  const dir = join(root, extra ?? 'plain');
  await m.save(fileSaver(dir));
  return join(dir, 'model.json');
}

test('convert writes a float and a dynamic-range .tflite our Interpreter runs (uint8 [1,H,W] in, float probabilities out)', async () => {
  const root = mkdtempSync(join(tmpdir(), 'convert-cli-'));
  try {
    const modelJson = await savedModel(root);
    for (const quantize of ['none', 'dynamic']) {
      const out = join(root, `${quantize}.tflite`);
      const r = await runCliCaptured(['convert', modelJson, '--quantize', quantize, '--out', out]);
      assert.equal(r.code, 0, r.err);
      const it = Interpreter.loadSync(readFileSync(out));
      it.allocateTensors();
      assert.deepEqual(it.getInputDetails()[0].shape, [1, 8, 8]);
      assert.equal(it.getInputDetails()[0].dtype, 'uint8');
      it.setTensor(it.getInputDetails()[0].index, new Uint8Array(64).map((_, i) => (i * 37) % 256));
      it.invoke();
      const probs = it.getTensor(it.getOutputDetails()[0].index) as Float32Array;
      assert.equal(probs.length, 3);
      assert.ok(Math.abs(probs.reduce((a, b) => a + b, 0) - 1) < 1e-5, quantize);
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('convert fails with one line naming the problem: unsupported layer, missing file, missing weights', async () => {
  const root = mkdtempSync(join(tmpdir(), 'convert-cli-'));
  try {
    const unsupported = await runCliCaptured(['convert', await savedModel(root, 'unsupported'), '--out', join(root, 'x.tflite')]);
    assert.equal(unsupported.code, 1);
    assert.match(unsupported.err, /^error: layer '.*' of class ThresholdedReLU is not supported by the converter/);
    const missing = await runCliCaptured(['convert', join(root, 'nope', 'model.json')]);
    assert.equal(missing.code, 1);
    assert.match(missing.err, /model\.json: cannot read the model\.json \(no such file\)/);
    const modelJson = await savedModel(root);
    rmSync(join(root, 'plain', 'weights.bin'));
    const noWeights = await runCliCaptured(['convert', modelJson, '--out', join(root, 'y.tflite')]);
    assert.equal(noWeights.code, 1);
    assert.match(noWeights.err, /cannot read weight file 'weights\.bin'/);
    // A graph-format model.json (tfjs_graph_model): one line, no tfjs-layers stack trace.
    const graphJson = join(root, 'graph', 'model.json');
    mkdirSync(join(root, 'graph'));
    writeFileSync(graphJson, JSON.stringify({ format: 'graph-model', modelTopology: { node: [{ name: 'x', op: 'Placeholder' }] }, weightsManifest: [] }));
    const graph = await runCliCaptured(['convert', graphJson, '--out', join(root, 'z.tflite')]);
    assert.equal(graph.code, 1);
    assert.match(graph.err, /^error: .*model\.json: a TF\.js graph model \(format 'graph-model'\); the converter takes layers models/);
    assert.equal(graph.err.trim().split('\n').length, 1, graph.err);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('convert refuses an unknown --quantize with its usage', async () => {
  const r = await runCliCaptured(['convert', 'model.json', '--quantize', 'int4']);
  assert.equal(r.code, 2);
  assert.match(r.err, /--quantize must be none, dynamic, float16, int8 or int16x8/);
});

test('convert --sequence-length fixes a text model\'s unknown length (int32 token ids in); without it one line names the flag', async () => {
  const root = mkdtempSync(join(tmpdir(), 'convert-cli-'));
  try {
    const m = sequential();
    m.add(layers.inputLayer({ inputShape: [null as unknown as number] }));
    m.add(layers.embedding({ inputDim: 20, outputDim: 4 }));
    m.add(layers.lstm({ units: 3, recurrentActivation: 'sigmoid', recurrentInitializer: 'glorotNormal' }));
    m.add(layers.dense({ units: 2, activation: 'softmax' }));
    await m.save(fileSaver(join(root, 'text')));
    const modelJson = join(root, 'text', 'model.json');
    const refused = await runCliCaptured(['convert', modelJson, '--out', join(root, 'x.tflite')]);
    assert.equal(refused.code, 1);
    assert.match(refused.err, /^error: unknown sequence length: .*pass --sequence-length N/);
    assert.equal(refused.err.trim().split('\n').length, 1);
    const out = join(root, 'text.tflite');
    const r = await runCliCaptured(['convert', modelJson, '--sequence-length', '6', '--out', out]);
    assert.equal(r.code, 0, r.err);
    const it = Interpreter.loadSync(readFileSync(out));
    it.allocateTensors();
    assert.deepEqual({ shape: it.getInputDetails()[0].shape, dtype: it.getInputDetails()[0].dtype }, { shape: [1, 6], dtype: 'int32' });
    it.setTensor(it.getInputDetails()[0].index, Int32Array.of(1, 5, 19, 0, 7, 3));
    it.invoke();
    const probs = it.getTensor(it.getOutputDetails()[0].index) as Float32Array;
    assert.ok(Math.abs(probs[0] + probs[1] - 1) < 1e-5);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
