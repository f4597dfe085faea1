import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import { invokeEvent } from './invoke.js';
import { bandModelFile, bandPng } from '@tflite-lambda/testing/cli';

/** The CLI entry beside this file's folder: main.ts under tsx, main.js once compiled. */
function cliEntry(): string {
  const ts = fileURLToPath(new URL('../main.ts', import.meta.url));
  return existsSync(ts) ? ts : fileURLToPath(new URL('../main.js', import.meta.url));
}

/** The seed's minimal REST proxy event: just body, path, method and the base64 flag. */
function seedEvent(png: Uint8Array): object {
  return { body: Buffer.from(png).toString('base64'), path: '/', httpMethod: 'POST', isBase64Encoded: true };
}

describe('tflite-lambda invoke', () => {
  const model = bandModelFile();
  const temps = [dirname(model)];
  after(() => {
    for (const d of temps) rmSync(d, { recursive: true, force: true });
  });

  it('runs the handler on an event and returns the Lambda response', async () => {
    const result = (await invokeEvent(seedEvent(bandPng(5)) as never, { model })) as { statusCode: number; body: string };
    assert.equal(result.statusCode, 200);
    assert.equal((JSON.parse(result.body) as { value: number }).value, 5);
  });

  it('prints only the response JSON on stdout, logs on stderr', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tflite-lambda-invoke-'));
    temps.push(dir);
    const eventFile = join(dir, 'event.json');
    writeFileSync(eventFile, JSON.stringify(seedEvent(bandPng(9))));
    const run = spawnSync(process.execPath, [...process.execArgv, cliEntry(), 'invoke', '--event', eventFile, '--model', model], {
      encoding: 'utf8',
    });
    assert.equal(run.status, 0, run.stderr);
    const printed = JSON.parse(run.stdout) as { statusCode: number; body: string; isBase64Encoded: boolean };
    assert.equal(printed.statusCode, 200);
    assert.equal(printed.isBase64Encoded, false);
    assert.equal((JSON.parse(printed.body) as { value: number }).value, 9);
    const log = JSON.parse(run.stderr.trim().split('\n').pop() ?? '{}') as { requestId: string; status: number };
    assert.deepEqual([log.requestId, log.status], ['local-invoke', 200]);
  });

  it('exits 1 naming the file when the JSON is not an HTTP event', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tflite-lambda-invoke-'));
    temps.push(dir);
    const eventFile = join(dir, 'sqs.json');
    writeFileSync(eventFile, JSON.stringify({ Records: [{ eventSource: 'aws:sqs', body: 'hi' }] }));
    const run = spawnSync(process.execPath, [...process.execArgv, cliEntry(), 'invoke', '--event', eventFile, '--model', model], { encoding: 'utf8' });
    assert.equal(run.status, 1);
    assert.match(run.stderr, /^error: .*sqs\.json: not an API Gateway \(REST v1 or HTTP API 2\.0\), Function URL or ALB event/);
  });

  it('exits 2 with a one-line usage message when --event is missing', () => {
    const run = spawnSync(process.execPath, [...process.execArgv, cliEntry(), 'invoke'], { encoding: 'utf8' });
    assert.equal(run.status, 2);
    assert.equal(run.stderr, 'error: --event <file.json> or --sample <name> is required (see tflite-lambda invoke --help)\n');
  });

  it('runs the demo app on its shipped sample events', () => {
    // Each sample POSTs one digit (README of examples/mnist): REST v1 a 7, HTTP API 2.0 a 2 with ?top=3, ALB a 0.
    for (const [sample, digit] of [['rest-v1', 7], ['http-api-v2', 2], ['alb', 0]] as const) {
      const run = spawnSync(process.execPath, [...process.execArgv, cliEntry(), 'invoke', '--sample', sample], { encoding: 'utf8' });
      assert.equal(run.status, 0, run.stderr);
      const printed = JSON.parse(run.stdout) as { statusCode: number; body: string };
      assert.equal((JSON.parse(printed.body) as { value: number }).value, digit, sample);
    }
  });
});
