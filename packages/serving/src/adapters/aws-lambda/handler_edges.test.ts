import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { addMulModel, columnBandModel, fakeModel, readBytes, repoPath, restV1Event } from '@tflite-lambda/testing/serving';
import { grayPng } from '@tflite-lambda/testing/images';
import { createHandler } from './handler.js';
import { memoryObserver, powertoolsObserver } from './observe.js';
import type { LambdaHttpResult } from './types.js';

const png = grayPng(8, 8, () => 200);
const context = { awsRequestId: 'req-1', functionName: 'classifier', functionVersion: '$LATEST', memoryLimitInMB: '1024', invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:classifier' };

/** Lines written to stdout while `fn` runs (Powertools writes its JSON log lines and EMF metrics there). */
async function stdoutOf(fn: () => Promise<unknown>): Promise<Record<string, unknown>[]> {
  const lines: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  }) as typeof process.stdout.write;
  try {
    await fn();
  } finally {
    process.stdout.write = write;
  }
  return lines.flatMap((l) => l.split('\n')).filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('Lambda handler: observability', () => {
  it('hands the Lambda context to the observer with each record', async () => {
    const observer = memoryObserver();
    const handler = await createHandler({ model: fakeModel(), observer });
    await handler(restV1Event({ body: png }), context);
    assert.equal(observer.contexts[0], context);
  });

  it("logs with Powertools' Lambda context (cold_start once, function fields) and emits ColdStart once", async () => {
    // Lambda sets this for on-demand functions; Powertools reports cold starts only then.
    const initialization = process.env.AWS_LAMBDA_INITIALIZATION_TYPE;
    process.env.AWS_LAMBDA_INITIALIZATION_TYPE = 'on-demand';
    after(() => {
      if (initialization === undefined) delete process.env.AWS_LAMBDA_INITIALIZATION_TYPE;
      else process.env.AWS_LAMBDA_INITIALIZATION_TYPE = initialization;
    });
    const observer = powertoolsObserver({
      logger: new Logger({ serviceName: 'digits', logLevel: 'INFO' }),
      metrics: new Metrics({ serviceName: 'digits', namespace: 'tests' }),
    });
    const handler = await createHandler({ model: fakeModel(), observer });
    const lines = await stdoutOf(async () => {
      await handler(restV1Event({ body: png }), context);
      await handler(restV1Event({ body: png }), { ...context, awsRequestId: 'req-2' });
    });
    const logs = lines.filter((l) => l.message === 'request');
    assert.equal(logs.length, 2);
    assert.deepEqual(logs.map((l) => [l.cold_start, l.function_request_id]), [[true, 'req-1'], [false, 'req-2']]);
    assert.equal(logs[0].function_name, 'classifier');
    assert.equal(logs[0].function_arn, context.invokedFunctionArn);
    assert.equal(logs[0].function_memory_size, '1024');
    const coldStarts = lines.filter((l) => 'ColdStart' in l);
    assert.equal(coldStarts.length, 1);
    assert.equal(coldStarts[0].function_name, 'classifier');
  });
});

describe('Lambda handler: models', () => {
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => { rmSync(d, { recursive: true, force: true }); }));
  const body = (r: LambdaHttpResult) => JSON.parse(String(r.body)) as Record<string, unknown>;

  it('answers like the demo app with nothing but the model path (dark-on-light digits inverted)', async () => {
    const plain = await createHandler({ model: repoPath('examples', 'mnist', 'model.tflite'), observer: memoryObserver() });
    for (const variant of ['', '-inverted', '-photo']) {
      for (let digit = 0; digit < 10; digit++) {
        const image = readBytes(repoPath('examples', 'mnist', 'test_images', `${digit}${variant}.png`));
        const answer = body(await plain(restV1Event({ headers: { 'Content-Type': 'image/png' }, body: image })));
        assert.equal(answer.value, digit, `${digit}${variant}.png`);
      }
    }
  });

  it('serves a model directory by name, raw tensors included', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'handler-models-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'bands.tflite'), columnBandModel());
    writeFileSync(join(dir, 'adder.tflite'), addMulModel());
    const handler = await createHandler({ modelDir: dir, observer: memoryObserver() });
    const listed = body(await handler(restV1Event({ method: 'GET', path: '/v2/models' }))).models as { name: string }[];
    assert.deepEqual(listed.map((m) => m.name), ['adder', 'bands']);
    const infer = {
      inputs: [
        { name: 'input0', shape: [1, 4], datatype: 'FP32', data: [1, 2, 3, 4] },
        { name: 'input1', shape: [1, 4], datatype: 'FP32', data: [1, 1, 1, 1] },
      ],
    };
    const res = await handler(restV1Event({ path: '/v2/models/adder/infer', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(infer) }));
    assert.equal(res.statusCode, 200);
    const out = body(res).outputs as { name: string; data: number[] }[];
    assert.deepEqual(out[0].data, [2, 3, 4, 5]);
  });

  it('needs exactly one of model, modelDir and models', async () => {
    await assert.rejects(createHandler({ observer: memoryObserver() }), /exactly one of model, modelDir or models/);
    await assert.rejects(createHandler({ model: fakeModel(), models: [fakeModel()] }), TypeError);
  });
});
