import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { bundleLambda, type BundleResult } from './bundle.js';
import { bandModelFile, bandPng, unzip } from '@tflite-lambda/testing/cli';

const exampleHandler = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'examples', 'mnist', 'src', 'handler.ts');

interface LambdaReply {
  statusCode: number;
  body: string;
}

const temps: string[] = [];
after(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});
function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

/** Unzips into a folder without node_modules and runs the handler on a REST v1 event POSTing `png`. */
function runUnzipped(zipPath: string, png: Uint8Array, env: Record<string, string> = {}): { reply: LambdaReply; stdout: string } {
  const dir = tempDir('tflite-lambda-unzipped-');
  for (const e of unzip(readFileSync(zipPath))) {
    mkdirSync(dirname(join(dir, e.name)), { recursive: true });
    writeFileSync(join(dir, e.name), e.data);
  }
  const event = { body: Buffer.from(png).toString('base64'), path: '/', httpMethod: 'POST', isBase64Encoded: true, headers: { 'Content-Type': 'image/png' } };
  writeFileSync(join(dir, 'event.json'), JSON.stringify(event));
  const script = [
    "import { readFileSync, writeFileSync } from 'node:fs';",
    "const { handler } = await import('./index.mjs');",
    "const result = await handler(JSON.parse(readFileSync('event.json', 'utf8')), { awsRequestId: 'bundle-test' });",
    "writeFileSync('result.json', JSON.stringify(result));",
  ].join('\n');
  writeFileSync(join(dir, 'run.mjs'), script);
  // A clean environment: no loader, no export condition, nothing but the unzipped files.
  const run = spawnSync(process.execPath, ['run.mjs'], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ...env } });
  assert.equal(run.status, 0, run.stderr);
  return { reply: JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8')) as LambdaReply, stdout: run.stdout };
}

const bodyOf = (reply: LambdaReply) => JSON.parse(reply.body) as { value: number; label?: string };

describe('tflite-lambda bundle --entry (your own handler module)', () => {
  let result: BundleResult;
  let model: string;
  before(async () => {
    model = bandModelFile();
    temps.push(dirname(model));
    result = await bundleLambda({ outDir: tempDir('tflite-lambda-bundle-'), entry: exampleHandler, model });
  });

  it('holds index.mjs and the model at the root, and serving code only', () => {
    const entries = unzip(readFileSync(result.zipPath));
    assert.deepEqual(entries.map((e) => e.name), ['index.mjs', 'model.tflite']);
    assert.deepEqual(entries[1].data, readFileSync(model));
    assert.ok(result.inputs.some((i) => i.includes('serving')), 'serving code is bundled');
    assert.ok(!result.inputs.some((i) => /tfjs|@tensorflow|packages\/train|packages\/cli/.test(i)), result.inputs.join('\n'));
    assert.equal(readFileSync(result.zipPath).length, result.bytes);
  });

  it('is reproducible byte for byte', async () => {
    const again = await bundleLambda({ outDir: tempDir('tflite-lambda-bundle-'), entry: exampleHandler, model });
    assert.ok(readFileSync(again.zipPath).equals(readFileSync(result.zipPath)));
  });

  it('runs an event through index.mjs unzipped in a folder without node_modules', () => {
    const { reply, stdout } = runUnzipped(result.zipPath, bandPng(7));
    assert.equal(reply.statusCode, 200, reply.body);
    assert.equal(bodyOf(reply).value, 7);
    assert.match(stdout, /"requestId":"bundle-test"/); // the Powertools log line
  });
});

describe('tflite-lambda bundle --model (the built-in handler)', () => {
  it('ships the built-in handler with the model, serving code only, and answers from the zip', async () => {
    const model = bandModelFile();
    temps.push(dirname(model));
    const result = await bundleLambda({ outDir: tempDir('tflite-lambda-bundle-'), model });
    assert.deepEqual(unzip(readFileSync(result.zipPath)).map((e) => e.name), ['index.mjs', 'model.tflite']);
    const cliInputs = result.inputs.filter((i) => /packages\/cli\//.test(i));
    assert.deepEqual(cliInputs.map((i) => i.replace(/.*packages\/cli\//, '')), ['dist/handler.js']);
    assert.ok(!result.inputs.some((i) => /@tensorflow|packages\/train/.test(i)), result.inputs.join('\n'));
    assert.equal(bodyOf(runUnzipped(result.zipPath, bandPng(3)).reply).value, 3);
  });

  it('bakes in labels and the invert setting, which the environment overrides', async () => {
    const model = bandModelFile();
    temps.push(dirname(model));
    const labels = join(dirname(model), 'labels.txt');
    writeFileSync(labels, Array.from({ length: 10 }, (_, k) => `band ${k}`).join('\n'));
    const result = await bundleLambda({ outDir: tempDir('tflite-lambda-bundle-'), model, labels, settings: { invert: true } });
    assert.deepEqual(unzip(readFileSync(result.zipPath)).map((e) => e.name), ['index.mjs', 'model.tflite', 'labels.txt']);
    // Inverted, a white bar in band 2 on black leaves every other band white: band 2 is then the least likely.
    const inverted = bodyOf(runUnzipped(result.zipPath, bandPng(2)).reply);
    assert.notEqual(inverted.value, 2);
    const plain = bodyOf(runUnzipped(result.zipPath, bandPng(2), { INVERT: 'false' }).reply);
    assert.deepEqual([plain.value, plain.label], [2, 'band 2']);
  });
});
