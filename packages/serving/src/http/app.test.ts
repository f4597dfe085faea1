import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ImageError } from '@tflite-lambda/vision';
import { createApp, type AppOptions } from './app.js';
import { fakeModel } from '@tflite-lambda/testing/serving';
import { grayPng, tinyGif } from '@tflite-lambda/testing/images';
import type { ImageClassifyTask, ServedModel } from '../models/served_model.js';
import type { HttpRequest, HttpResponse, Prediction } from './types.js';

function request(over: Partial<HttpRequest>): HttpRequest {
  return { method: 'POST', path: '/', headers: {}, query: {}, body: new Uint8Array(0), requestId: 'req-1', ...over };
}

function json(res: HttpResponse): Record<string, unknown> {
  return JSON.parse(String(res.body)) as Record<string, unknown>;
}

function errorCode(res: HttpResponse): unknown {
  return (json(res).error as { code: unknown }).code;
}

const png = grayPng(4, 4, (x) => x * 60);

function run(over: Partial<HttpRequest>, options: Partial<AppOptions> = {}, model = fakeModel()) {
  return createApp({ models: [model], ...options }).handle(request(over));
}

describe('HTTP core: classification requests', () => {
  it('classifies a raw PNG body and answers value and score as JSON', () => {
    const model = fakeModel();
    const { response, outcome } = run({ headers: { 'content-type': 'image/png' }, body: png }, {}, model);
    assert.equal(response.status, 200);
    assert.match(response.headers['content-type'], /^application\/json/);
    assert.deepEqual(json(response), { value: png.length % 10, score: 10 / 55 });
    assert.deepEqual(model.seen[0], png);
    assert.equal(outcome.inputBytes, png.length);
    assert.equal(outcome.value, png.length % 10);
  });

  it('takes the image from JSON {"image": base64}, with or without a data: URL prefix', () => {
    for (const image of [Buffer.from(png).toString('base64'), `data:image/png;base64,${Buffer.from(png).toString('base64')}`]) {
      const model = fakeModel();
      const body = new TextEncoder().encode(JSON.stringify({ image }));
      const { response } = run({ headers: { 'content-type': 'application/json' }, body }, {}, model);
      assert.equal(response.status, 200);
      assert.deepEqual(model.seen[0], png);
    }
  });

  it('takes the image part of a multipart/form-data body', () => {
    const model = fakeModel();
    const body = Buffer.concat([
      Buffer.from('--XyZ\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n'),
      Buffer.from('--XyZ\r\nContent-Disposition: form-data; name="image"; filename="d.png"\r\nContent-Type: image/png\r\n\r\n'),
      Buffer.from(png),
      Buffer.from('\r\n--XyZ--\r\n'),
    ]);
    const { response } = run({ headers: { 'content-type': 'multipart/form-data; boundary=XyZ' }, body }, {}, model);
    assert.equal(response.status, 200);
    assert.deepEqual(model.seen[0], png);
  });

  it('adds the top K ranked classes for ?top=K, the first being the answer', () => {
    const { response } = run({ headers: { 'content-type': 'image/png' }, body: png, query: { top: '3' } });
    const body = json(response) as { value: number; top: Prediction[] };
    assert.equal(body.top.length, 3);
    assert.equal(body.value, body.top[0].value);
    assert.deepEqual(body.top.map((t) => t.value), [0, 1, 2].map((i) => (png.length + i) % 10));
  });

  it('takes a raw image sent as application/x-www-form-urlencoded (curl --data-binary without -H)', () => {
    const { response } = run({ headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: png });
    assert.equal(response.status, 200);
  });

  it('also classifies on /classify, with or without trailing slashes', () => {
    for (const path of ['/classify', '/classify//']) assert.equal(run({ path, body: png }).response.status, 200, path);
  });

  it('caps ?top at the number of classes', () => {
    const { response } = run({ body: png, query: { top: '50' } });
    assert.equal((json(response).top as unknown[]).length, 10);
  });
});

describe('HTTP core: client errors', () => {
  const cases: [string, Partial<HttpRequest>, number, string][] = [
    ['a non-integer top', { body: png, query: { top: 'abc' } }, 400, 'INVALID_QUERY'],
    ['an empty body', {}, 400, 'MISSING_IMAGE'],
    ['malformed JSON', { headers: { 'content-type': 'application/json' }, body: Buffer.from('{"image":') }, 400, 'INVALID_JSON'],
    ['JSON without image', { headers: { 'content-type': 'application/json' }, body: Buffer.from('{"img":"x"}') }, 400, 'MISSING_IMAGE'],
    ['JSON image not base64', { headers: { 'content-type': 'application/json' }, body: Buffer.from('{"image":"**"}') }, 400, 'INVALID_BASE64'],
    ['a multipart body without boundary', { headers: { 'content-type': 'multipart/form-data' }, body: png }, 400, 'INVALID_MULTIPART'],
    ['a GIF sent as octet-stream', { headers: { 'content-type': 'application/octet-stream' }, body: tinyGif() }, 415, 'UNSUPPORTED_IMAGE_FORMAT'],
    ['a GIF media type', { headers: { 'content-type': 'image/gif' }, body: tinyGif() }, 415, 'UNSUPPORTED_IMAGE_FORMAT'],
    ['text/plain', { headers: { 'content-type': 'text/plain' }, body: Buffer.from('3') }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['a form-encoded body that is not an image', { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: Buffer.from('a=1') }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['PUT on /', { method: 'PUT', body: png }, 405, 'METHOD_NOT_ALLOWED'],
    ['an unknown path', { path: '/nowhere' }, 404, 'NOT_FOUND'],
  ];
  for (const [what, over, status, code] of cases) {
    it(`answers ${status} ${code} for ${what}`, () => {
      const { response, outcome } = run(over);
      assert.equal(response.status, status);
      assert.equal(errorCode(response), code);
      assert.equal(outcome.errorCode, code);
      assert.equal(outcome.internalError, undefined);
    });
  }

  it('says so when the image was decoded as text on the way (API Gateway without a binary media type)', () => {
    const mangled = Buffer.from(new TextDecoder().decode(png)); // what a UTF-8 round trip makes of the bytes
    const { response } = run({ headers: { 'content-type': 'image/png' }, body: mangled });
    assert.equal(response.status, 415);
    assert.match((json(response).error as { message: string }).message, /looks like a PNG that was decoded as text on the way/);
    // curl --data-binary through API Gateway: form-encoded type, body decoded as text.
    const viaCurl = run({ headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: mangled }).response;
    assert.equal(viaCurl.status, 415);
    assert.match((json(viaCurl).error as { message: string }).message, /Content-Type image\/png or image\/jpeg/);
  });

  it('refuses a body over the limit with 413 before reading it', () => {
    const model = fakeModel();
    const { response } = run({ body: new Uint8Array(101) }, { maxBodyBytes: 100 }, model);
    assert.equal(response.status, 413);
    assert.equal(errorCode(response), 'PAYLOAD_TOO_LARGE');
    assert.equal(model.seen.length, 0);
  });

  it('lists the allowed methods in Allow for 405', () => {
    assert.equal(run({ method: 'DELETE' }).response.headers.allow, 'GET, HEAD, POST');
  });

  it('maps the classifier image errors to 422 and 415', () => {
    const expect: [ImageError['code'], number][] = [
      ['IMAGE_DECODE_FAILED', 422],
      ['IMAGE_TOO_LARGE', 422],
      ['IMAGE_DECODE_TIMEOUT', 422],
      ['UNSUPPORTED_IMAGE_FORMAT', 415],
    ];
    for (const [code, status] of expect) {
      const { response } = run({ body: png }, {}, fakeModel(new ImageError(code, 'bad image')));
      assert.equal(response.status, status);
      assert.deepEqual(json(response), { error: { code, message: 'bad image' } });
    }
  });
});

describe('HTTP core: the request deadline', () => {
  it('reaches the task with the image, on the MNIST routes and on the task route', () => {
    const seen: (number | undefined)[] = [];
    const model = fakeModel(undefined, { name: 'digits' });
    const task = model.task as ImageClassifyTask;
    const recording: ServedModel = { ...model, task: { ...task, classify: (image, filter, call) => {
      seen.push(call?.deadline);
      return task.classify(image, filter);
    } } };
    const app = createApp({ models: [recording] });
    app.handle(request({ body: png, deadline: 1234 }));
    app.handle(request({ body: png, query: { top: '1' }, deadline: 5678 }));
    app.handle(request({ path: '/models/digits/classify', body: png, deadline: 9 }));
    app.handle(request({ body: png }));
    assert.deepEqual(seen, [1234, 5678, 9, undefined]);
  });
});

describe('HTTP core: internal errors, page, CORS', () => {
  it('answers 500 with the request id and hands the error to the edge', () => {
    const boom = new RangeError('kernel exploded');
    const { response, outcome } = run({ body: png, requestId: 'abc-123' }, {}, fakeModel(boom));
    assert.equal(response.status, 500);
    assert.deepEqual(json(response), {
      error: { code: 'INTERNAL_ERROR', message: 'internal error (request id abc-123)', requestId: 'abc-123' },
    });
    assert.equal(outcome.internalError, boom);
  });

  it('serves the draw-a-digit page at GET /', () => {
    const { response } = run({ method: 'GET' });
    assert.equal(response.status, 200);
    assert.match(response.headers['content-type'], /^text\/html/);
    assert.match(String(response.body), /<canvas id="pad"/);
  });

  it('answers a health check with the class count', () => {
    assert.deepEqual(json(run({ method: 'GET', path: '/health' }).response), { status: 'ok', classes: 10, models: ['fake'] });
  });

  it('answers CORS preflight with 204 and sends Access-Control-Allow-Origin on every response', () => {
    const pre = run({ method: 'OPTIONS' }).response;
    assert.equal(pre.status, 204);
    assert.equal(pre.headers['access-control-allow-methods'], 'GET, HEAD, POST, OPTIONS');
    assert.equal(run({ method: 'PUT' }).response.headers['access-control-allow-origin'], '*');
  });

  it('sends no CORS headers when cors is off, and then OPTIONS is a 405', () => {
    const { response } = run({ method: 'OPTIONS' }, { cors: false });
    assert.equal(response.status, 405);
    assert.equal(response.headers['access-control-allow-origin'], undefined);
  });
});
