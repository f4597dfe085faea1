import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import {
  albEvent,
  bandOf,
  columnBandModel,
  fakeModel,
  functionUrlEvent,
  httpApiV2Event,
  restV1Event,
  type EventSpec,
} from '@tflite-lambda/testing/serving';
import { grayPng, pngClaimingSize, tinyGif } from '@tflite-lambda/testing/images';
import { ImageDecoderBug } from '@tflite-lambda/vision';
import { createHandler, type HandlerOptions } from './handler.js';
import { memoryObserver } from './observe.js';
import type { ALBResult, LambdaHttpEvent, LambdaHttpHandler, LambdaHttpResult } from './types.js';

const png = grayPng(8, 8, () => 200);

/** A 56×56 image (resized to 28×28 by the classifier) with a white bar in the columns of `band`. */
function barPng(band: number): Uint8Array {
  return grayPng(56, 56, (x) => (bandOf(Math.floor(x / 2)) === band ? 255 : 0));
}

function bodyJson(result: LambdaHttpResult): Record<string, unknown> {
  assert.equal(result.isBase64Encoded, false);
  return JSON.parse(String(result.body)) as Record<string, unknown>;
}

function errorCode(result: LambdaHttpResult): unknown {
  return (bodyJson(result).error as { code: unknown }).code;
}

function contentType(result: LambdaHttpResult): string {
  const r = result as ALBResult;
  return String(r.headers?.['content-type'] ?? r.multiValueHeaders?.['content-type']?.[0] ?? '');
}

async function fakeHandler(extra: Partial<HandlerOptions> = {}) {
  const observer = memoryObserver();
  const model = fakeModel();
  const handler = await createHandler({ model, observer, ...extra });
  return { handler, observer, model };
}

const flavours: [string, (spec: EventSpec) => LambdaHttpEvent][] = [
  ['API Gateway REST v1', restV1Event],
  ['HTTP API payload 2.0', (s) => httpApiV2Event(s)],
  ['HTTP API 2.0 on a named stage', (s) => httpApiV2Event(s, 'prod')],
  ['Function URL', functionUrlEvent],
  ['ALB', (s) => albEvent(s)],
  ['ALB with multi-value headers', (s) => albEvent(s, true)],
];

describe('Lambda handler: every event flavour', () => {
  for (const [name, make] of flavours) {
    it(`${name}: decodes a base64 PNG body, honours ?top and answers JSON`, async () => {
      const { handler, model } = await fakeHandler();
      const result = await handler(make({ headers: { 'Content-Type': 'image/png' }, body: png, query: { top: '2' } }));
      assert.equal(result.statusCode, 200);
      assert.match(contentType(result), /^application\/json/);
      assert.deepEqual(model.seen[0], png);
      const body = bodyJson(result) as { value: number; top: unknown[] };
      assert.equal(body.value, png.length % 10);
      assert.equal(body.top.length, 2);
    });

    it(`${name}: serves the page on GET / and refuses a non-base64 body with 400`, async () => {
      const { handler } = await fakeHandler();
      const page = await handler(make({ method: 'GET' }));
      assert.equal(page.statusCode, 200);
      assert.match(contentType(page), /^text\/html/);
      const event = make({ headers: { 'Content-Type': 'image/png' }, body: png });
      const broken = { ...event, body: 'this is not base64!', isBase64Encoded: true };
      const result = await handler(broken);
      assert.equal(result.statusCode, 400);
      assert.equal(errorCode(result), 'INVALID_BASE64');
    });
  }

  it('ALB answers with a status description, and in multi-value form when the event used it', async () => {
    const { handler } = await fakeHandler();
    const single = (await handler(albEvent({ body: png }))) as ALBResult;
    assert.equal(single.statusDescription, '200 OK');
    assert.equal(single.multiValueHeaders, undefined);
    const multi = (await handler(albEvent({ method: 'PUT', body: png }, true))) as ALBResult;
    assert.equal(multi.statusDescription, '405 Method Not Allowed');
    assert.deepEqual(multi.multiValueHeaders?.allow, ['GET, HEAD, POST']);
    assert.equal(multi.headers, undefined);
  });

  it('URL-decodes ALB query parameters, which ALB passes encoded', async () => {
    const { handler } = await fakeHandler();
    const result = await handler(albEvent({ body: png, query: { top: ' 3' } }));
    assert.equal((bodyJson(result).top as unknown[]).length, 3);
  });

  it('rejects events that are not HTTP events', async () => {
    const { handler } = await fakeHandler();
    const sqs = { Records: [] } as unknown;
    await assert.rejects(handler(sqs as LambdaHttpEvent), TypeError);
  });
});

describe('Lambda handler: error classes and the per-request record', () => {
  it('405 for a wrong method, 413 over the body limit, 415 for a GIF', async () => {
    const { handler } = await fakeHandler({ maxBodyBytes: 1000 });
    const cases: [EventSpec, number, string][] = [
      [{ method: 'DELETE', body: png }, 405, 'METHOD_NOT_ALLOWED'],
      [{ headers: { 'Content-Type': 'image/png' }, body: new Uint8Array(1001) }, 413, 'PAYLOAD_TOO_LARGE'],
      [{ headers: { 'Content-Type': 'image/gif' }, body: tinyGif() }, 415, 'UNSUPPORTED_IMAGE_FORMAT'],
      [{ headers: { 'Content-Type': 'application/json' }, body: '{"image": 42}' }, 400, 'MISSING_IMAGE'],
    ];
    for (const [spec, status, code] of cases) {
      const result = await handler(restV1Event(spec));
      assert.equal(result.statusCode, status, code);
      assert.equal(errorCode(result), code);
    }
  });

  it('records request id, latency, input size, value and score for each request', async () => {
    const { handler, observer } = await fakeHandler();
    await handler(restV1Event({ headers: { 'Content-Type': 'image/png' }, body: png }), { awsRequestId: 'lambda-req-9' });
    const [record] = observer.records;
    assert.equal(record.requestId, 'lambda-req-9');
    assert.equal(record.status, 200);
    assert.equal(record.inputBytes, png.length);
    assert.equal(record.value, png.length % 10);
    assert.equal(record.score, 10 / 55);
    assert.ok(record.latencyMs >= 0);
  });

  it('turns an internal failure into a 500 carrying the request id, and records the error', async () => {
    const observer = memoryObserver();
    const boom = new Error('arena exhausted');
    const handler = await createHandler({ model: fakeModel(boom), observer });
    const result = await handler(restV1Event({ body: png }), { awsRequestId: 'req-500' });
    assert.equal(result.statusCode, 500);
    assert.deepEqual(bodyJson(result).error, {
      code: 'INTERNAL_ERROR',
      message: 'internal error (request id req-500)',
      requestId: 'req-500',
    });
    assert.equal(observer.records[0].internalError, boom);
  });
});

describe('Lambda handler with a real .tflite model', () => {
  let handler: LambdaHttpHandler;
  before(async () => {
    handler = await createHandler({ model: columnBandModel(), observer: memoryObserver(), maxPixels: 4_000_000 });
  });

  it('predicts the band holding the ink (decode, resize, inference, JSON)', async () => {
    for (const band of [0, 4, 9]) {
      const result = await handler(restV1Event({ headers: { 'Content-Type': 'image/png' }, body: barPng(band) }));
      assert.equal(result.statusCode, 200);
      const body = bodyJson(result) as { value: number; score: number };
      assert.equal(body.value, band);
      assert.ok(body.score > 0.5, `score ${body.score}`);
    }
  });

  it('refuses a PNG whose header claims 30000×30000 with 422, from the header alone', async () => {
    const result = await handler(functionUrlEvent({ headers: { 'content-type': 'image/png' }, body: pngClaimingSize(30000, 30000) }));
    assert.equal(result.statusCode, 422);
    assert.equal(errorCode(result), 'IMAGE_TOO_LARGE');
  });

  it('answers 422 for a truncated PNG', async () => {
    const truncated = barPng(2).subarray(0, 60);
    const result = await handler(httpApiV2Event({ headers: { 'content-type': 'image/png' }, body: truncated }));
    assert.equal(result.statusCode, 422);
    assert.equal(errorCode(result), 'IMAGE_DECODE_FAILED');
  });

  it('gives decoding the invocation\'s remaining time less the reserve, and answers 422 IMAGE_DECODE_TIMEOUT past it', async () => {
    const event = restV1Event({ headers: { 'Content-Type': 'image/png' }, body: barPng(3) });
    const late = await handler(event, { awsRequestId: 'late', getRemainingTimeInMillis: () => 900 }); // less than the 1000 ms reserve
    assert.equal(late.statusCode, 422);
    assert.equal(errorCode(late), 'IMAGE_DECODE_TIMEOUT');
    const inTime = await handler(event, { awsRequestId: 'in-time', getRemainingTimeInMillis: () => 9000 });
    assert.equal(bodyJson(inTime).value, 3);
  });

  it('refuses an image past a configured dimension limit with 422, from the header alone', async () => {
    const strict = await createHandler({ model: columnBandModel(), observer: memoryObserver(), imageLimits: { maxHeight: 55 } });
    const result = await strict(restV1Event({ headers: { 'Content-Type': 'image/png' }, body: barPng(3) }));
    assert.equal(result.statusCode, 422);
    assert.match(String((bodyJson(result).error as { message: string }).message), /height is more than the limit of 55/);
  });
});

describe('Lambda handler: a decoder bug is a 500 logged as a bug, not a 422', () => {
  it('an ImageDecoderBug from the model becomes INTERNAL_ERROR with the bug in the log record only', async () => {
    const bug = new ImageDecoderBug('JPEG', new TypeError('x is undefined'));
    const { handler, observer } = await fakeHandler({ model: fakeModel(bug) });
    const result = await handler(restV1Event({ headers: { 'Content-Type': 'image/jpeg' }, body: png }), { awsRequestId: 'req-bug' });
    assert.equal(result.statusCode, 500);
    assert.equal(errorCode(result), 'INTERNAL_ERROR');
    assert.doesNotMatch(String(result.body), /undefined|JPEG/);
    assert.equal(observer.records[0].internalError, bug);
  });
});
