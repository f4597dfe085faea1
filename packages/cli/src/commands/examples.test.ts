/**
 * The object-detection and tensor examples end to end through the CLI: `invoke` on their event files,
 * `serve` over real HTTP, and `bundle` — the zip unpacked in a folder without node_modules, its index.mjs run
 * on an event in a clean node process, as Lambda would run it.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { readZipFiles } from '@tflite-lambda/runtime/metadata';
import type { LambdaHttpEvent } from '@tflite-lambda/serving';
import { repoPath } from '@tflite-lambda/testing/serving';
import { bundleLambda } from './bundle.js';
import { invokeEvent } from './invoke.js';
import { startServer } from './serve.js';

const temps: string[] = [];
after(() => temps.forEach((d) => { rmSync(d, { recursive: true, force: true }); }));
const quiet = { record: () => undefined };
const detect = (...p: string[]) => repoPath('examples', 'detect', ...p);
const tensors = (...p: string[]) => repoPath('examples', 'tensors', ...p);
const eventOf = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as LambdaHttpEvent;

interface Answer {
  statusCode: number;
  body: string;
}

function post(url: string, body: Uint8Array | string, type: string): Promise<{ status: number; body: string }> {
  return new Promise((done, fail) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': type } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', fail);
    req.end(body);
  });
}

/** Unzips `zip` into a fresh folder and runs its index.mjs on `event` in a clean process. */
function runBundle(zipPath: string, event: LambdaHttpEvent): Answer {
  const dir = mkdtempSync(join(tmpdir(), 'example-bundle-'));
  temps.push(dir);
  for (const [name, data] of readZipFiles(new Uint8Array(readFileSync(zipPath)), { maxEntryBytes: 64 << 20 })) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), data);
  }
  writeFileSync(join(dir, 'event.json'), JSON.stringify(event));
  writeFileSync(join(dir, 'run.mjs'), [
    "import { readFileSync, writeFileSync } from 'node:fs';",
    "const { handler } = await import('./index.mjs');",
    "writeFileSync('result.json', JSON.stringify(await handler(JSON.parse(readFileSync('event.json', 'utf8')), { awsRequestId: 'bundle' })));",
  ].join('\n'));
  const run = spawnSync(process.execPath, ['run.mjs'], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', POWERTOOLS_LOG_LEVEL: 'SILENT' } });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8')) as Answer;
}

function detectedNames(body: string): string[] {
  return (JSON.parse(body) as { detections: { categories: { categoryName: string }[] }[] }).detections.map((d) => d.categories[0].categoryName);
}

function assertChildrenAndLaptop(names: string[]): void {
  assert.ok(names.filter((n) => n === 'person').length >= 2 && names.includes('laptop'), names.join(', '));
}

describe('examples/detect through the CLI', () => {
  const handlerModule = detect('dist', 'handler.js');

  it('invoke: the REST event finds the children and the laptop', async () => {
    const result = (await invokeEvent(eventOf(detect('events', 'rest-v1-detect.json')), { handler: handlerModule, observer: quiet })) as Answer;
    assert.equal(result.statusCode, 200, result.body);
    assertChildrenAndLaptop(detectedNames(result.body));
  });

  it('serve: a JPEG posted to /detect over HTTP', async () => {
    const server = await startServer({ handler: handlerModule, port: 0, observer: quiet });
    try {
      const res = await post(`${server.url}detect`, readFileSync(detect('test_images', 'children_laptop.jpg')), 'image/jpeg');
      assert.equal(res.status, 200, res.body);
      assertChildrenAndLaptop(detectedNames(res.body));
    } finally {
      await server.close();
    }
  });

  it('bundle: the zip holds index.mjs and the model with its metadata, and runs the event', async () => {
    const out = mkdtempSync(join(tmpdir(), 'detect-bundle-'));
    temps.push(out);
    const result = await bundleLambda({ outDir: out, entry: detect('src', 'handler.ts'), model: detect('model.tflite') });
    const files = readZipFiles(new Uint8Array(readFileSync(result.zipPath)), { maxEntryBytes: 64 << 20 });
    assert.deepEqual([...files.keys()], ['index.mjs', 'model.tflite']);
    const answer = runBundle(result.zipPath, eventOf(detect('events', 'rest-v1-detect.json')));
    assert.equal(answer.statusCode, 200, answer.body);
    assertChildrenAndLaptop(detectedNames(answer.body));
  });
});

describe('examples/tensors through the CLI', () => {
  const handlerModule = tensors('dist', 'handler.js');
  const v2 = eventOf(tensors('events', 'v2-infer-sentiment.json'));

  it('invoke: TensorFlow Serving predict and the Open Inference Protocol give the same probabilities', async () => {
    const predict = (await invokeEvent(eventOf(tensors('events', 'v1-predict-sentiment.json')), { handler: handlerModule, observer: quiet })) as Answer;
    const infer = (await invokeEvent(v2, { handler: handlerModule, observer: quiet })) as Answer;
    assert.equal(predict.statusCode, 200, predict.body);
    const [row] = (JSON.parse(predict.body) as { predictions: number[][] }).predictions;
    assert.deepEqual(row, (JSON.parse(infer.body) as { outputs: { data: number[] }[] }).outputs[0].data);
    assert.ok(row[1] > row[0], 'the review is positive');
  });

  it('serve: the text task route over HTTP', async () => {
    const server = await startServer({ handler: handlerModule, port: 0, observer: quiet });
    try {
      const res = await post(`${server.url}models/sentiment/classify`, 'a terrible boring film awful acting', 'text/plain');
      assert.equal(res.status, 200, res.body);
      assert.equal((JSON.parse(res.body) as { classifications: { categories: { categoryName: string }[] }[] }).classifications[0].categories[0].categoryName, 'Negative');
    } finally {
      await server.close();
    }
  });

  it('bundle --model-dir: models/ beside index.mjs, served by name from the zip', async () => {
    const out = mkdtempSync(join(tmpdir(), 'tensors-bundle-'));
    temps.push(out);
    const result = await bundleLambda({ outDir: out, entry: tensors('src', 'handler.ts'), modelDir: tensors('models') });
    const names = [...readZipFiles(new Uint8Array(readFileSync(result.zipPath)), { maxEntryBytes: 64 << 20 }).keys()];
    assert.deepEqual(names, ['index.mjs', 'models/mobilenet.json', 'models/mobilenet.tflite', 'models/sentiment.tflite']);
    const answer = runBundle(result.zipPath, v2);
    assert.equal(answer.statusCode, 200, answer.body);
    assert.deepEqual((JSON.parse(answer.body) as { model_name: string }).model_name, 'sentiment');
  });
});
