import assert from 'node:assert/strict';
import { deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { describe, it } from 'node:test';
import { fakeModel } from '@tflite-lambda/testing/serving';
import { grayPng } from '@tflite-lambda/testing/images';
import { createApp, type AppOptions } from './app.js';
import type { HttpRequest, HttpResponse } from './types.js';

const png = grayPng(4, 4, (x) => x * 60);

function request(over: Partial<HttpRequest>): HttpRequest {
  return { method: 'POST', path: '/', headers: {}, query: {}, body: new Uint8Array(0), requestId: 'req-1', ...over };
}

function run(over: Partial<HttpRequest>, options: Partial<AppOptions> = {}, model = fakeModel()) {
  return createApp({ models: [model], ...options }).handle(request(over));
}

function error(res: HttpResponse): { code: string; message: string } {
  return (JSON.parse(String(res.body)) as { error: { code: string; message: string } }).error;
}

describe('HEAD', () => {
  for (const path of ['/', '/health', '/models', '/v2/health/live', '/openapi.json']) {
    it(`answers HEAD ${path} with GET's status and headers and no body`, () => {
      const get = run({ method: 'GET', path }).response;
      const head = run({ method: 'HEAD', path }).response;
      assert.equal(head.status, 200);
      assert.equal(head.status, get.status);
      assert.equal(head.headers['content-type'], get.headers['content-type']);
      assert.equal(head.body, '');
    });
  }
  it('is not allowed where GET is not, and Allow says so', () => {
    const res = run({ method: 'HEAD', path: '/classify' }).response;
    assert.equal(res.status, 405);
    assert.equal(res.headers.allow, 'POST');
  });
});

describe('compressed request bodies', () => {
  const cases: [string, Uint8Array][] = [
    ['gzip', gzipSync(png)],
    ['x-gzip', gzipSync(png)],
    ['deflate', deflateSync(png)],
    ['deflate', deflateRawSync(png)],
  ];
  for (const [encoding, body] of cases) {
    it(`inflates a Content-Encoding: ${encoding} body before reading the image`, () => {
      const model = fakeModel();
      const { response } = run({ headers: { 'content-type': 'image/png', 'content-encoding': encoding }, body }, {}, model);
      assert.equal(response.status, 200);
      assert.deepEqual(model.seen[0], png);
    });
  }
  it('names gzip when a gzipped image arrives without Content-Encoding', () => {
    const res = run({ headers: { 'content-type': 'image/png' }, body: gzipSync(png) }).response;
    assert.equal(res.status, 415);
    assert.match(error(res).message, /gzip-compressed data: send it with Content-Encoding: gzip/);
  });
  it('refuses a body that inflates past the limit with 413, before decoding the image', () => {
    const model = fakeModel();
    const bomb = gzipSync(new Uint8Array(5_000_000));
    const res = run({ headers: { 'content-type': 'image/png', 'content-encoding': 'gzip' }, body: bomb }, { maxBodyBytes: 1_000_000 }, model).response;
    assert.equal(res.status, 413);
    assert.equal(error(res).code, 'PAYLOAD_TOO_LARGE');
    assert.equal(model.seen.length, 0);
  });
  it('refuses corrupt gzip with 400 and other codings with 415', () => {
    const corrupt = run({ headers: { 'content-encoding': 'gzip' }, body: new Uint8Array([0x1f, 0x8b, 8, 0, 1, 2, 3]) }).response;
    assert.equal(corrupt.status, 400);
    assert.equal(error(corrupt).code, 'INVALID_CONTENT_ENCODING');
    const br = run({ headers: { 'content-encoding': 'br' }, body: png }).response;
    assert.equal(br.status, 415);
    assert.match(error(br).message, /Content-Encoding 'br' is not supported/);
  });
});

describe('routes by model', () => {
  const two = () => createApp({ models: [fakeModel(undefined, { name: 'digits', labelled: true }), fakeModel(undefined, { name: 'other' })] });
  it('answers the MediaPipe-shaped classification on /models/{name}/classify, with filters from the query', () => {
    const res = two().handle(request({ path: '/models/other/classify', headers: { 'content-type': 'image/png' }, body: png, query: { maxResults: '2' } })).response;
    assert.equal(res.status, 200);
    const body = JSON.parse(String(res.body)) as { classifications: { categories: unknown[]; headIndex: number }[] };
    assert.equal(body.classifications[0].categories.length, 2);
    assert.equal(body.classifications[0].headIndex, 0);
  });
  it('keeps value/score on / for the first model, with its labels', () => {
    const res = two().handle(request({ headers: { 'content-type': 'image/png' }, body: png })).response;
    assert.deepEqual(JSON.parse(String(res.body)), { value: png.length % 10, score: 10 / 55, label: `digit-${png.length % 10}` });
  });
  it('answers 404 naming the models there are, and 404 for a task the model does not have', () => {
    const missing = two().handle(request({ path: '/models/nope/classify', body: png })).response;
    assert.equal(missing.status, 404);
    assert.match(error(missing).message, /no model named 'nope' \(models: digits, other\)/);
    const wrongTask = two().handle(request({ path: '/models/digits/detect', body: png })).response;
    assert.equal(wrongTask.status, 404);
    assert.match(error(wrongTask).message, /cannot detect: it has the classify task/);
  });
  it('lists the models with their routes', () => {
    const res = two().handle(request({ method: 'GET', path: '/models' })).response;
    const body = JSON.parse(String(res.body)) as { models: { name: string; task: string; routes: string[] }[] };
    assert.deepEqual(body.models.map((m) => [m.name, m.task, m.routes]), [
      ['digits', 'classify', ['POST /models/digits/classify']],
      ['other', 'classify', ['POST /models/other/classify']],
    ]);
  });
  it('maps a bad filter to 400', () => {
    const res = two().handle(request({ path: '/models/digits/classify', body: png, query: { maxResults: '0' } })).response;
    assert.equal(res.status, 400);
    assert.equal(error(res).code, 'INVALID_QUERY');
  });
});
