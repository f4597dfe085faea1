import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { request } from 'node:http';
import { connect } from 'node:net';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { CommandError } from '../command.js';
import { resolveHandler, startServer, type RunningServer } from './serve.js';
import { bandModelFile, bandPng } from '@tflite-lambda/testing/cli';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function send(url: string, method: string, body?: Uint8Array | string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const testImages = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'examples', 'mnist', 'test_images');

const json = (r: Reply) => JSON.parse(r.body.toString('utf8')) as Record<string, unknown>;
const code = (r: Reply) => (json(r).error as { code: string }).code;

describe('tflite-lambda serve: round trips over real HTTP', () => {
  let server: RunningServer;
  const model = bandModelFile();
  before(async () => {
    server = await startServer({ model, port: 0, observer: { record: () => undefined } });
  });
  after(async () => {
    await server.close();
    rmSync(dirname(model), { recursive: true, force: true });
  });

  it('classifies a PNG posted as binary, as the deployed API would', async () => {
    for (const k of [1, 6]) {
      const r = await send(server.url, 'POST', bandPng(k), { 'content-type': 'image/png' });
      assert.equal(r.status, 200);
      assert.match(String(r.headers['content-type']), /^application\/json/);
      assert.equal(json(r).value, k);
    }
  });

  it('answers top K for a JSON base64 body and for a multipart upload', async () => {
    const image = Buffer.from(bandPng(3));
    const viaJson = await send(`${server.url}?top=4`, 'POST', JSON.stringify({ image: image.toString('base64') }), {
      'content-type': 'application/json',
    });
    assert.equal(viaJson.status, 200);
    assert.equal(json(viaJson).value, 3);
    assert.equal((json(viaJson).top as unknown[]).length, 4);
    const form = Buffer.concat([
      Buffer.from('--frm\r\nContent-Disposition: form-data; name="image"; filename="3.png"\r\nContent-Type: image/png\r\n\r\n'),
      image,
      Buffer.from('\r\n--frm--\r\n'),
    ]);
    const viaForm = await send(server.url, 'POST', form, { 'content-type': 'multipart/form-data; boundary=frm' });
    assert.equal(json(viaForm).value, 3);
  });

  it('serves the page at GET /', async () => {
    const r = await send(server.url, 'GET');
    assert.equal(r.status, 200);
    assert.match(r.body.toString('utf8'), /<canvas id="pad"/);
  });

  it('answers every bad input with its 4xx and keeps serving afterwards', async () => {
    const bomb = Buffer.from(bandPng(0));
    bomb.writeUInt32BE(30000, 16);
    bomb.writeUInt32BE(30000, 20); // IHDR CRC now wrong too: still refused before any pixel is decoded
    const gif = Buffer.from('474946383961010001000000002c00000000010001000002024401003b', 'hex');
    const cases: [string, string, Uint8Array | string | undefined, Record<string, string>, number, string][] = [
      ['POST', '', 'definitely not json', { 'content-type': 'application/json' }, 400, 'INVALID_JSON'],
      ['POST', '', '{"image":"%%%"}', { 'content-type': 'application/json' }, 400, 'INVALID_BASE64'],
      ['POST', '', gif, { 'content-type': 'image/gif' }, 415, 'UNSUPPORTED_IMAGE_FORMAT'],
      ['POST', '', 'hello', { 'content-type': 'text/plain' }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
      ['POST', '', bomb, { 'content-type': 'image/png' }, 422, 'IMAGE_TOO_LARGE'],
      ['POST', '', Buffer.from(bandPng(2)).subarray(0, 70), { 'content-type': 'image/png' }, 422, 'IMAGE_DECODE_FAILED'],
      ['POST', '', new Uint8Array(6 * 1024 * 1024 + 1), { 'content-type': 'image/png' }, 413, 'PAYLOAD_TOO_LARGE'],
      ['PUT', '', bandPng(1), { 'content-type': 'image/png' }, 405, 'METHOD_NOT_ALLOWED'],
      ['POST', '?top=zero', bandPng(1), { 'content-type': 'image/png' }, 400, 'INVALID_QUERY'],
      ['GET', 'missing', undefined, {}, 404, 'NOT_FOUND'],
    ];
    for (const [method, suffix, body, headers, status, errorCode] of cases) {
      const r = await send(`${server.url}${suffix}`, method, body, headers);
      assert.equal(r.status, status, `${method} ${suffix} ${errorCode}`);
      assert.equal(code(r), errorCode);
    }
    const after = await send(server.url, 'POST', bandPng(8), { 'content-type': 'image/png' });
    assert.equal(json(after).value, 8);
  });

  it('answers malformed HTTP with 400 on that connection only', async () => {
    const { port } = new URL(server.url);
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => socket.end('NOT HTTP AT ALL\r\n\r\n'));
      let text = '';
      socket.on('data', (d: Buffer) => (text += d.toString('latin1')));
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
    });
    assert.match(reply, /^HTTP\/1\.1 400 /);
    assert.equal((await send(server.url, 'POST', bandPng(4), { 'content-type': 'image/png' })).status, 200);
  });

  it('answers a body over the API Gateway quota with 413 and stays up', async () => {
    const r = await send(server.url, 'POST', new Uint8Array(10 * 1024 * 1024 + 1), { 'content-type': 'image/png' });
    assert.equal(r.status, 413);
    assert.equal((await send(`${server.url}health`, 'GET')).status, 200);
  });
});

describe('tflite-lambda serve --handler', () => {
  it('serves any module exporting handler, and refuses one that does not', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tflite-lambda-handler-'));
    try {
      const good = join(dir, 'good.mjs');
      writeFileSync(good, "export const handler = async (event) => ({ statusCode: 201, headers: { 'x-path': event.path }, body: 'made' });");
      writeFileSync(join(dir, 'bad.mjs'), 'export const nothing = 1;');
      const running = await startServer({ handler: good, port: 0 });
      const r = await send(`${running.url}some/where`, 'POST', 'x', { 'content-type': 'text/plain' });
      await running.close();
      assert.deepEqual([r.status, r.headers['x-path'], r.body.toString()], [201, '/some/where', 'made']);
      await assert.rejects(resolveHandler({ handler: join(dir, 'bad.mjs') }), /does not export a handler/);
      await assert.rejects(resolveHandler({ handler: good, model: 'm.tflite' }), /not both/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('compiles a TypeScript handler (with its relative .js imports) and runs it where the source is', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tflite-lambda-handler-ts-'));
    try {
      writeFileSync(join(dir, 'reply.ts'), 'export const reply = (path: string): { statusCode: number; body: string } => ({ statusCode: 200, body: path });');
      const source = [
        "import { reply } from './reply.js';",
        "import { basename, dirname } from 'node:path';",
        "import { fileURLToPath } from 'node:url';",
        'const folder: string = basename(dirname(fileURLToPath(import.meta.url)));',
        'export const handler = async (event: { path: string }) => reply(folder + event.path);',
      ].join('\n');
      writeFileSync(join(dir, 'handler.ts'), source);
      const handler = await resolveHandler({ handler: join(dir, 'handler.ts') });
      assert.deepEqual(await handler({ path: '/p' } as never), { statusCode: 200, body: `${basename(dir)}/p` });
      assert.deepEqual(readdirSync(dir).sort(), ['handler.ts', 'reply.ts'], 'the compiled module is removed');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('tflite-lambda serve: the demo app and the port', () => {
  it('serves the demo MNIST model shipped in the package when given no model or handler', async () => {
    const running = await startServer({ port: 0, observer: { record: () => undefined } });
    try {
      const page = await send(running.url, 'GET');
      assert.match(page.body.toString('utf8'), /<canvas id="pad"/);
      for (const name of ['7.png', '3-photo.png']) {
        const r = await send(running.url, 'POST', readFileSync(join(testImages, name)), { 'content-type': 'image/png' });
        assert.equal(json(r).value, Number(name[0]), name);
      }
    } finally {
      await running.close();
    }
  });

  it('says in one line that a port is taken, instead of a stack trace', async () => {
    const model = bandModelFile();
    const first = await startServer({ model, port: 0, observer: { record: () => undefined } });
    try {
      const port = Number(new URL(first.url).port);
      await assert.rejects(startServer({ model, port }), (err: Error) => {
        assert.ok(err instanceof CommandError);
        assert.equal(err.message, `port ${port} on 127.0.0.1 is already in use (another server running?); choose another with --port`);
        return true;
      });
    } finally {
      await first.close();
      rmSync(dirname(model), { recursive: true, force: true });
    }
  });
});
