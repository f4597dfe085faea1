import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadLayersModel } from '@tensorflow/tfjs-layers';
import { Interpreter } from '@tflite-lambda/runtime';
import { readModelMetadata } from '@tflite-lambda/runtime/metadata';
import { setupTraining } from '../backend.js';
import { loadMnist } from '../data/mnist.js';
import { fileLoader } from '../convert/file_io.js';
import { FAST_TRIAL } from '../autokeras/presets.js';
import { runTrainPipeline } from './train_pipeline.js';

await setupTraining({ threads: false });

test('a tiny train run (--limit, one epoch) writes models (with labels metadata), labels, metrics, trial log, curves and a reloadable TF.js model', async () => {
  const out = mkdtempSync(join(tmpdir(), 'train-run-'));
  try {
    const logs: string[] = [];
    const m = await runTrainPipeline({
      train: loadMnist('train', 160), test: loadMnist('test', 40), out, epochs: 1, maxTrials: 1, batchSize: 32, seed: 1,
      representative: 16, initialTrials: [{ ...FAST_TRIAL, filters: [4, 8] }], log: (l) => logs.push(l),
    });
    for (const f of ['model.tflite', 'model.int8.tflite', 'labels.txt', 'training/metrics.json', 'training/trials.json', 'training/curves.svg', 'training/tfjs/model.json']) {
      assert.ok(existsSync(join(out, f)), `${f} written`);
    }
    assert.equal(readFileSync(join(out, 'labels.txt'), 'utf8'), '0\n1\n2\n3\n4\n5\n6\n7\n8\n9\n');
    const metrics = JSON.parse(readFileSync(join(out, 'training/metrics.json'), 'utf8'));
    assert.equal(metrics.dataset.train, 160);
    assert.equal(metrics.testAccuracyFloat, m.testAccuracyFloat);
    // The converted float model classifies exactly like TF.js.
    assert.equal(m.testAccuracyFloat, m.testAccuracyTfjs);
    const trials = JSON.parse(readFileSync(join(out, 'training/trials.json'), 'utf8'));
    assert.equal(trials.trials.length, 1);
    assert.equal(trials.trials[0].epochs.length, 1);
    assert.match(logs.join('\n'), /test accuracy: TF\.js/);
    const it = Interpreter.loadSync(readFileSync(join(out, 'model.tflite')));
    it.allocateTensors();
    assert.deepEqual(it.getInputDetails()[0].shape, [1, 28, 28]);
    assert.equal(it.getInputDetails()[0].dtype, 'uint8');
    assert.deepEqual(it.getOutputDetails()[0].shape, [1, 10]);
    assert.equal(it.getOutputDetails()[0].dtype, 'float32');
    // Both models carry what the pipeline knows: the labels, and a 28x28 grayscale image input.
    for (const f of ['model.tflite', 'model.int8.tflite']) {
      const { metadata, files } = readModelMetadata(readFileSync(join(out, f)));
      assert.equal(new TextDecoder().decode(files.get('labels.txt')), '0\n1\n2\n3\n4\n5\n6\n7\n8\n9\n', f);
      const sg = metadata?.subgraphMetadata?.[0];
      assert.deepEqual(sg?.inputTensorMetadata?.[0].content?.properties, { kind: 'image', colorSpace: 'GRAYSCALE', defaultSize: { width: 28, height: 28 } });
      assert.equal(sg?.outputTensorMetadata?.[0].associatedFiles?.[0].type, 'TENSOR_AXIS_LABELS');
    }
    const reloaded = await loadLayersModel(fileLoader(join(out, 'training/tfjs/model.json')));
    assert.deepEqual(reloaded.outputs[0].shape, [null, 10]);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
