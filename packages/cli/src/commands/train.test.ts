import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pngjs from 'pngjs';
import { Interpreter } from '@tflite-lambda/runtime';
import { runCliCaptured } from '../cli_capture.js';

test('train refuses an unknown --preset with a usage error naming the presets, before any training starts', async () => {
  const r = await runCliCaptured(['train', '--preset', 'huge', '--limit', '10', '--out', '/nonexistent/never-written']);
  assert.equal(r.code, 2);
  assert.match(r.err, /--preset must be one of 'autokeras', 'fast', 'deep', got 'huge'/);
});

test('train refuses --channels other than 1 or 3, and --channels 3 on MNIST', async () => {
  const bad = await runCliCaptured(['train', '--channels', '2', '--out', '/nonexistent/never-written']);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--channels must be 1 or 3, got '2'/);
  const mnist = await runCliCaptured(['train', '--channels', '3', '--out', '/nonexistent/never-written']);
  assert.equal(mnist.code, 2);
  assert.match(mnist.err, /--channels 3 needs --data/);
});

test('train --data DIR --channels 3 trains on colour images and writes a model taking uint8 [1,H,W,3]', async () => {
  const root = mkdtempSync(join(tmpdir(), 'train-rgb-'));
  try {
    const colours: Record<string, [number, number, number]> = { blue: [20, 30, 220], green: [30, 200, 40], red: [210, 30, 25] };
    for (const [name, rgb] of Object.entries(colours)) {
      mkdirSync(join(root, 'data', name), { recursive: true });
      for (let i = 0; i < 10; i++) {
        const img = new pngjs.PNG({ width: 14, height: 9 });
        for (let p = 0; p < 14 * 9; p++) img.data.set([...rgb.map((v) => (v + 7 * i + p) % 256), 255], p * 4);
        writeFileSync(join(root, 'data', name, `${i}.png`), pngjs.PNG.sync.write(img));
      }
    }
    const out = join(root, 'model');
    const r = await runCliCaptured(['train', '--data', join(root, 'data'), '--channels', '3', '--image-size', '9x14', '--epochs', '1',
      '--preset', 'fast', '--batch-size', '8', '--representative', '8', '--out', out]);
    assert.equal(r.code, 0, r.err);
    assert.equal(readFileSync(join(out, 'labels.txt'), 'utf8'), 'blue\ngreen\nred\n');
    for (const file of ['model.tflite', 'model.int8.tflite']) {
      const it = Interpreter.loadSync(readFileSync(join(out, file)));
      it.allocateTensors();
      assert.deepEqual(it.getInputDetails()[0].shape, [1, 9, 14, 3], file);
      assert.equal(it.getInputDetails()[0].dtype, 'uint8', file);
      assert.deepEqual(it.getOutputDetails()[0].shape, [1, 3], file);
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('train --data on a folder that is not a dataset fails with one line naming it', async () => {
  const r = await runCliCaptured(['train', '--data', join(tmpdir(), 'no-such-dataset-folder'), '--out', '/nonexistent/never-written']);
  assert.equal(r.code, 1);
  assert.match(r.err, /^error: .*no-such-dataset-folder: no such folder$/);
});
