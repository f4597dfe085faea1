/**
 * Every task end to end outside the library: segmentation (DeepLab), embeddings, audio and text
 * classification served from one model folder through `invoke --model-dir`, `serve --model-dir` and a bundled
 * index.mjs — with the same answers as the library gives for the same model and options. (Image
 * classification and detection run the same way in the mnist, detect and tensors example tests.) And
 * `serve --model` answers like the demo app on photographed digits.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readZipFiles } from '@tflite-lambda/runtime/metadata';
import { AudioClassifier, ImageEmbedder, ImageSegmenter, TextClassifier, type LambdaHttpEvent } from '@tflite-lambda/serving';
import { skipWithoutShared } from '@tflite-lambda/testing';
import { grayPng } from '@tflite-lambda/testing/images';
import {
  audioClassifierModel,
  embedderModel,
  readBytes,
  repoPath,
  restV1Event,
  sharedPath,
  textClassifierWithMetadata,
  tone,
  wavBytes,
} from '@tflite-lambda/testing/serving';
import { bundleLambda } from './bundle.js';
import { invokeEvent } from './invoke.js';
import { startServer } from './serve.js';

const VOC = ['background', 'aeroplane', 'bicycle', 'bird', 'boat', 'bottle', 'bus', 'car', 'cat', 'chair', 'cow', 'diningtable', 'dog',
  'horse', 'motorbike', 'person', 'pottedplant', 'sheep', 'sofa', 'train', 'tv'];
const SEGMENT_OPTIONS = { normalization: 'minus-one-one' as const, labels: VOC, maskSize: 'model' as const };
const quiet = { record: () => undefined };
const temps: string[] = [];
after(() => temps.forEach((d) => { rmSync(d, { recursive: true, force: true }); }));

interface Case {
  readonly name: string;
  readonly path: string;
  readonly type: string;
  readonly body: Uint8Array | string;
  /** What the library answers, as the route sends it. */
  readonly expected: () => Promise<unknown>;
}

describe('segment, embed, audio and text tasks through invoke, serve and a bundle', { skip: skipWithoutShared() }, () => {
  let dir: string;
  let cases: Case[];
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'tasks-e2e-'));
    temps.push(dir);
    writeFileSync(join(dir, 'deeplab.tflite'), readBytes(sharedPath('tasks', 'segment', 'model.tflite')));
    writeFileSync(join(dir, 'deeplab.json'), JSON.stringify({ task: 'segment', options: SEGMENT_OPTIONS }));
    writeFileSync(join(dir, 'features.tflite'), embedderModel());
    writeFileSync(join(dir, 'features.json'), JSON.stringify({ options: { normalization: 'zero-one' } }));
    writeFileSync(join(dir, 'sounds.tflite'), audioClassifierModel());
    writeFileSync(join(dir, 'sentiment.tflite'), textClassifierWithMetadata());
    const photo = readBytes(sharedPath('tasks', 'segment', 'example.jpg'));
    const stripes = grayPng(32, 32, (x) => (x % 8 < 4 ? 230 : 20));
    const wav = wavBytes({ sampleRate: 16000, channels: [tone(300, 16000, 6000)] });
    const review = 'a wonderful film with great acting';
    cases = [
      {
        name: 'segment',
        path: '/models/deeplab/segment?maskSize=model',
        type: 'image/jpeg',
        body: photo,
        expected: async () => {
          const mask = (await ImageSegmenter.load(join(dir, 'deeplab.tflite'), SEGMENT_OPTIONS)).segment(photo).categoryMask;
          return { categoryMask: { width: mask?.width, height: mask?.height, dtype: 'uint8', data: Buffer.from(mask?.data ?? []).toString('base64') }, labels: VOC };
        },
      },
      { name: 'embed', path: '/models/features/embed', type: 'image/png', body: stripes, expected: async () => (await ImageEmbedder.load(embedderModel(), { normalization: 'zero-one' })).embed(stripes) },
      { name: 'audio', path: '/models/sounds/classify', type: 'audio/wav', body: wav, expected: async () => ({ results: (await AudioClassifier.load(audioClassifierModel())).classify(wav) }) },
      { name: 'text', path: '/models/sentiment/classify', type: 'text/plain', body: review, expected: async () => (await TextClassifier.load(textClassifierWithMetadata())).classify(review) },
    ];
  });

  const eventOf = (c: Case): LambdaHttpEvent => {
    const [path, query] = c.path.split('?');
    return restV1Event({ path, headers: { 'Content-Type': c.type }, body: c.body, query: Object.fromEntries(new URLSearchParams(query ?? '')) });
  };
  const same = async (c: Case, body: string) => assert.deepEqual(JSON.parse(body), JSON.parse(JSON.stringify(await c.expected())), c.name);

  it('invoke --model-dir: each task route answers as the library does', async () => {
    for (const c of cases) {
      const result = (await invokeEvent(eventOf(c), { modelDir: dir, observer: quiet })) as { statusCode: number; body: string };
      assert.equal(result.statusCode, 200, `${c.name}: ${result.body}`);
      await same(c, result.body);
    }
  });

  it('serve --model-dir: each task route over HTTP answers as the library does', async () => {
    const server = await startServer({ modelDir: dir, port: 0, observer: quiet });
    try {
      for (const c of cases) {
        const res = await new Promise<{ status: number; body: string }>((done, fail) => {
          const req = request(`${server.url}${c.path.slice(1)}`, { method: 'POST', headers: { 'content-type': c.type } }, (r) => {
            const chunks: Buffer[] = [];
            r.on('data', (x: Buffer) => chunks.push(x));
            r.on('end', () => done({ status: r.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
          });
          req.on('error', fail);
          req.end(c.body);
        });
        assert.equal(res.status, 200, `${c.name}: ${res.body}`);
        await same(c, res.body);
      }
    } finally {
      await server.close();
    }
  });

  it('bundle --model-dir: the zipped index.mjs serves the folder and answers each route as the library does', async () => {
    const out = mkdtempSync(join(tmpdir(), 'tasks-bundle-'));
    temps.push(out);
    const { zipPath } = await bundleLambda({ outDir: out, entry: repoPath('examples', 'tensors', 'src', 'handler.ts'), modelDir: dir });
    const unpacked = mkdtempSync(join(tmpdir(), 'tasks-unzipped-'));
    temps.push(unpacked);
    for (const [name, data] of readZipFiles(new Uint8Array(readFileSync(zipPath)), { maxEntryBytes: 64 << 20 })) {
      mkdirSync(dirname(join(unpacked, name)), { recursive: true });
      writeFileSync(join(unpacked, name), data);
    }
    writeFileSync(join(unpacked, 'events.json'), JSON.stringify(cases.map(eventOf)));
    writeFileSync(join(unpacked, 'run.mjs'), [
      "import { readFileSync, writeFileSync } from 'node:fs';",
      "const { handler } = await import('./index.mjs');",
      "const results = [];",
      "for (const e of JSON.parse(readFileSync('events.json', 'utf8'))) results.push(await handler(e, { awsRequestId: 'bundle' }));",
      "writeFileSync('results.json', JSON.stringify(results));",
    ].join('\n'));
    const run = spawnSync(process.execPath, ['run.mjs'], { cwd: unpacked, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', POWERTOOLS_LOG_LEVEL: 'SILENT' } });
    assert.equal(run.status, 0, run.stderr);
    const results = JSON.parse(readFileSync(join(unpacked, 'results.json'), 'utf8')) as { statusCode: number; body: string }[];
    for (const [i, c] of cases.entries()) {
      assert.equal(results[i].statusCode, 200, `${c.name}: ${results[i].body}`);
      await same(c, results[i].body);
    }
  });
});

describe('serve --model on the MNIST model', () => {
  it('classifies the photographed digits as the demo app does (no options)', async () => {
    const server = await startServer({ model: repoPath('examples', 'mnist', 'model.tflite'), port: 0, observer: quiet });
    try {
      for (let digit = 0; digit < 10; digit++) {
        const body = readFileSync(repoPath('examples', 'mnist', 'test_images', `${digit}-photo.png`));
        const value = await new Promise<number>((done, fail) => {
          const req = request(server.url, { method: 'POST', headers: { 'content-type': 'image/png' } }, (r) => {
            const chunks: Buffer[] = [];
            r.on('data', (x: Buffer) => chunks.push(x));
            r.on('end', () => done((JSON.parse(Buffer.concat(chunks).toString()) as { value: number }).value));
          });
          req.on('error', fail);
          req.end(body);
        });
        assert.equal(value, digit, `${digit}-photo.png`);
      }
    } finally {
      await server.close();
    }
  });
});
