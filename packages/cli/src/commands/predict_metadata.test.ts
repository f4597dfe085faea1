/**
 * `predict`, `metadata add|show`, `inspect`'s metadata and `serve --model-dir`, on the example app's models,
 * models built here and the movie-review model; the CLI's answer is the Lambda handler's answer.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { decodeImage } from '@tflite-lambda/vision';
import { createHandler, memoryObserver } from '@tflite-lambda/serving';
import { readModelMetadata } from '@tflite-lambda/runtime/metadata';
import { skipWithoutShared } from '@tflite-lambda/testing';
import {
  addMulModel,
  audioClassifierModel,
  columnBandModel,
  embedderModel,
  repoPath,
  restV1Event,
  sharedPath,
  tone,
  wavBytes,
} from '@tflite-lambda/testing/serving';
import { grayPng } from '@tflite-lambda/testing/images';
import { runCliCaptured as cli } from '../cli_capture.js';
import { startServer } from './serve.js';

const dir = mkdtempSync(join(tmpdir(), 'cli-tasks-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, data: Uint8Array | string) => {
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
};
const MNIST = repoPath('examples', 'mnist', 'model.int8.tflite');
const seven = repoPath('examples', 'mnist', 'test_images', '7-photo.png');

describe('tflite-lambda predict', () => {
  it('classifies an image and prints what the Lambda handler answers on the model route', async () => {
    const r = await cli(['predict', MNIST, seven, '--json', '--top', '3']);
    assert.equal(r.code, 0, r.err);
    const handler = await createHandler({ model: MNIST, observer: memoryObserver() });
    const res = await handler(restV1Event({ path: '/models/model.int8/classify', query: { maxResults: '3' }, headers: { 'Content-Type': 'image/png' }, body: readFileSync(seven) }));
    assert.deepEqual(JSON.parse(r.out), JSON.parse(String(res.body)));
    assert.equal((JSON.parse(r.out) as { classifications: { categories: { index: number }[] }[] }).classifications[0].categories[0].index, 7);
  });

  it('prints a ranked list without --json, with labels from --labels', async () => {
    const labels = file('digits.txt', 'zero\none\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\n');
    const r = await cli(['predict', MNIST, seven, '--labels', labels, '--top', '2']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out.split('\n')[0], /^ {2}1\. seven \(7\) {2}0\.9\d+$/);
    assert.equal(r.out.split('\n').length, 2);
  });

  it('embeds an image and classifies a WAV file (tasks inferred from the model)', async () => {
    const embedder = file('embedder.tflite', embedderModel());
    const image = file('stripes.png', grayPng(32, 32, (x) => (x % 8 < 4 ? 230 : 20)));
    const embed = await cli(['predict', embedder, image]);
    assert.equal(embed.code, 0, embed.err);
    assert.match(embed.out, /^embedding: 8 values \[/);
    const audio = file('audio.tflite', audioClassifierModel());
    const wav = file('tone.wav', wavBytes({ sampleRate: 8000, channels: [tone(300, 8000, 3200)] }));
    const heard = await cli(['predict', audio, wav, '--json']);
    assert.equal(heard.code, 0, heard.err);
    assert.deepEqual((JSON.parse(heard.out) as { results: { timestampMs: number }[] }).results.map((x) => x.timestampMs), [0, 200]);
  });

  it('says why it cannot: a model without a task, a task that does not fit, a missing input', async () => {
    const adder = file('adder.tflite', addMulModel());
    const image = file('any.png', grayPng(4, 4, () => 0));
    assert.match((await cli(['predict', adder, image])).err, /the model has no task/);
    assert.match((await cli(['predict', MNIST, image, '--task', 'detect'])).err, /needs the four outputs of TFLite_Detection_PostProcess/);
    assert.equal((await cli(['predict', MNIST, join(dir, 'none.png')])).code, 1);
    assert.equal((await cli(['predict', MNIST, image, '--task', 'translate'])).code, 2);
  });

  it('segments with DeepLab and writes the category mask PNG', { skip: skipWithoutShared() }, async () => {
    const out = join(dir, 'mask.png');
    const labels = file('voc.txt', ['background', 'aeroplane', 'bicycle', 'bird', 'boat', 'bottle', 'bus', 'car', 'cat', 'chair', 'cow',
      'diningtable', 'dog', 'horse', 'motorbike', 'person', 'pottedplant', 'sheep', 'sofa', 'train', 'tv'].join('\n'));
    const r = await cli(['predict', sharedPath('tasks', 'segment', 'model.tflite'), sharedPath('tasks', 'segment', 'example.jpg'), '--labels', labels,
      '--mean', '127.5', '--std', '127.5', '--mask-png', out]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^category mask 1920×1280:/);
    assert.match(r.out, /person +\d+\.\d %/);
    assert.deepEqual([decodeImage(new Uint8Array(readFileSync(out))).width, decodeImage(new Uint8Array(readFileSync(out))).height], [1920, 1280]);
  });
});

describe('tflite-lambda metadata', () => {
  it('attaches labels and normalization that predict, inspect and the reader then use', async () => {
    const model = file('bands.tflite', columnBandModel());
    const labels = file('bands.txt', Array.from({ length: 10 }, (_, i) => `band ${i}`).join('\n'));
    const out = join(dir, 'bands.meta.tflite');
    const add = await cli(['metadata', 'add', model, '--labels', labels, '--mean', '0', '--std', '1', '--name', 'bands', '--author', 'tests', '--out', out]);
    assert.equal(add.code, 0, add.err);
    const { metadata, files } = readModelMetadata(new Uint8Array(readFileSync(out)));
    assert.equal(metadata?.name, 'bands');
    assert.deepEqual(metadata?.subgraphMetadata?.[0].inputTensorMetadata?.[0].processUnits, [{ kind: 'normalization', mean: [0], std: [1] }]);
    assert.deepEqual([...files.keys()], ['bands.txt']);
    const image = file('bar.png', grayPng(28, 28, (x) => (Math.floor((x * 10) / 28) === 4 ? 255 : 0)));
    const predicted = await cli(['predict', out, image, '--top', '1']);
    assert.match(predicted.out, /1\. band 4 \(4\)/);
    const inspected = await cli(['inspect', out]);
    assert.match(inspected.out, /metadata:\n {2}name: bands\n {2}author: tests/);
    assert.match(inspected.out, /file bands\.txt \(TENSOR_AXIS_LABELS, \d+ bytes\)/);
    const shown = await cli(['metadata', 'show', out, '--json']);
    assert.deepEqual((JSON.parse(shown.out) as { files: unknown[] }).files, [{ name: 'bands.txt', bytes: readFileSync(labels).length }]);
  });

  it('keeps what a model already carries when adding to it (YAMNet keeps its labels and audio properties)', { skip: skipWithoutShared() }, async () => {
    const out = join(dir, 'yamnet.tflite');
    const r = await cli(['metadata', 'add', sharedPath('tasks', 'audio', 'model.tflite'), '--version', 'v1-test', '--out', out]);
    assert.equal(r.code, 0, r.err);
    const { metadata, files } = readModelMetadata(new Uint8Array(readFileSync(out)));
    assert.equal(metadata?.version, 'v1-test');
    assert.deepEqual(metadata?.subgraphMetadata?.[0].inputTensorMetadata?.[0].content?.properties, { kind: 'audio', sampleRate: 16000, channels: 1 });
    assert.deepEqual([...files.keys()], ['yamnet_label_list.txt']);
  });

  it('refuses a half normalization and a missing --out', async () => {
    const model = file('m.tflite', columnBandModel());
    assert.match((await cli(['metadata', 'add', model, '--mean', '1', '--out', join(dir, 'x.tflite')])).err, /--mean and --std go together/);
    assert.equal((await cli(['metadata', 'add', model])).code, 2);
    assert.match((await cli(['metadata', 'show', model])).out, /no metadata/);
  });
});

describe('tflite-lambda serve --model-dir', () => {
  it('serves every model of the folder by name over HTTP', async () => {
    const models = mkdtempSync(join(dir, 'models-'));
    writeFileSync(join(models, 'digits.tflite'), readFileSync(MNIST));
    writeFileSync(join(models, 'adder.tflite'), addMulModel());
    const server = await startServer({ modelDir: models, port: 0, observer: { record: () => undefined } });
    try {
      const post = (path: string, body: Uint8Array | string, type: string) =>
        new Promise<{ status: number; body: string }>((done, fail) => {
          const req = request(`${server.url.replace(/\/$/, '')}${path}`, { method: 'POST', headers: { 'content-type': type } }, (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => done({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
          });
          req.on('error', fail);
          req.end(body);
        });
      const digit = await post('/models/digits/classify', readFileSync(seven), 'image/png');
      assert.equal(digit.status, 200, digit.body);
      assert.equal((JSON.parse(digit.body) as { classifications: { categories: { index: number }[] }[] }).classifications[0].categories[0].index, 7);
      const sum = await post('/v1/models/adder:predict', JSON.stringify({ instances: [{ input0: [1, 2, 3, 4], input1: [1, 1, 1, 1] }] }), 'application/json');
      assert.deepEqual(JSON.parse(sum.body), { predictions: [{ output0: [2, 3, 4, 5], output1: [1, 2, 3, 4] }] });
    } finally {
      await server.close();
    }
  });
});
