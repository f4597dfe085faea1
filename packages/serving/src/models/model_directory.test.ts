import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { addMulModel, columnBandModel } from '@tflite-lambda/testing/serving';
import { loadModelDirectory } from './model_directory.js';

describe('model directory', () => {
  const dirs: string[] = [];
  const dir = (files: Record<string, Uint8Array | string>) => {
    const d = mkdtempSync(join(tmpdir(), 'model-dir-'));
    dirs.push(d);
    for (const [name, data] of Object.entries(files)) writeFileSync(join(d, name), data);
    return d;
  };
  after(() => dirs.forEach((d) => { rmSync(d, { recursive: true, force: true }); }));

  it('serves each .tflite by its file name, with the task and options of its sidecar, paths relative to the folder', async () => {
    const d = dir({
      'digits.tflite': columnBandModel(),
      'digits.json': JSON.stringify({ version: '4', options: { labels: 'digits.txt' } }),
      'digits.txt': 'zero\none\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\n',
      'adder.tflite': addMulModel(),
      'adder.json': JSON.stringify({ task: 'none' }),
      'notes.txt': 'ignored',
    });
    const models = await loadModelDirectory(d);
    assert.deepEqual(models.map((m) => [m.name, m.version, m.task?.kind ?? null]), [['adder', '1', null], ['digits', '4', 'classify']]);
    const digits = models[1].task;
    assert.equal(digits?.kind, 'classify');
    assert.deepEqual(models[0].tensors?.inputs.map((s) => s.name), ['input0', 'input1']);
  });

  it('says what is wrong: no models, a sidecar that is not JSON, a task that does not exist, a bad name', async () => {
    await assert.rejects(loadModelDirectory(dir({ 'a.txt': 'x' })), /holds no \.tflite files/);
    await assert.rejects(loadModelDirectory(dir({ 'm.tflite': addMulModel(), 'm.json': '{task:' })), /m\.json: not valid JSON/);
    await assert.rejects(loadModelDirectory(dir({ 'm.tflite': addMulModel(), 'm.json': '{"task":"translate"}' })), /task 'translate' is not one of/);
    await assert.rejects(loadModelDirectory(dir({ 'bad name.tflite': addMulModel() })), /model name 'bad name' must be/);
    await assert.rejects(loadModelDirectory(join(tmpdir(), 'no-such-dir-x')), /cannot read the model directory/);
  });
});
