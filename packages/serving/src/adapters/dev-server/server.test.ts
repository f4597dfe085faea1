import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { after, describe, test } from 'node:test';
import type { LambdaContextLike, LambdaHttpEvent } from '../aws-lambda/types.js';
import { createDevServer, listen, type DevServerOptions } from './server.js';

interface Running {
  readonly port: number;
  readonly logs: string[];
  readonly errors: unknown[];
  readonly calls: { event: LambdaHttpEvent; remainingMs: number | undefined }[];
  readonly server: Server;
}

const servers: Server[] = [];
after(() => {
  for (const s of servers) s.close();
});

/** A dev server whose handler answers with the size of the body it got. */
async function start(options: Partial<DevServerOptions> = {}): Promise<Running> {
  const logs: string[] = [];
  const errors: unknown[] = [];
  const calls: Running['calls'] = [];
  const server = createDevServer({
    handler: async (event: LambdaHttpEvent, context?: LambdaContextLike) => {
      calls.push({ event, remainingMs: context?.getRemainingTimeInMillis?.() });
      const body = 'body' in event && event.body ? Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8') : Buffer.alloc(0);
      return { statusCode: 200, body: JSON.stringify({ bytes: body.length }) };
    },
    log: (line) => logs.push(line),
    onError: (err) => errors.push(err),
    ...options,
  });
  servers.push(server);
  return { port: await listen(server, 0), logs, errors, calls, server };
}

interface Exchange {
  readonly socket: Socket;
  /** Everything received until the server closed the connection, and when that was (ms after connecting). */
  readonly closed: Promise<{ text: string; afterMs: number }>;
}

function open(port: number): Promise<Exchange> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket = connect(port, '127.0.0.1', () => {
      let text = '';
      socket.on('data', (d: Buffer) => (text += d.toString('latin1')));
      const closed = new Promise<{ text: string; afterMs: number }>((done) => socket.on('close', () => done({ text, afterMs: performance.now() - started })));
      resolve({ socket, closed });
    });
    socket.on('error', () => undefined); // a reset after the server's answer is expected in some tests
    socket.once('error', reject);
  });
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
/** Resolves once the server has taken a request's headers (our handler runs first, reserving its body). */
const requestSeen = (server: Server) => new Promise<void>((done) => server.once('request', () => done()));

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !condition(); waited += 20) {
    if (waited > 10_000) assert.fail(`timed out waiting for ${what}`);
    await sleep(20);
  }
}
const head = (lines: string[]) => `${lines.join('\r\n')}\r\n\r\n`;

describe('dev server: bodies', () => {
  test('a Content-Length over the limit gets 413 at once, before any of the body is sent, and the connection closes', async () => {
    const { port, calls } = await start();
    const c = await open(port);
    c.socket.write(head(['POST / HTTP/1.1', 'Host: x', 'Content-Type: image/png', 'Content-Length: 50000000']));
    const { text } = await c.closed;
    assert.match(text, /^HTTP\/1\.1 413 /);
    assert.match(text, /connection: close/i);
    assert.match(text, /Request Too Long/);
    assert.equal(calls.length, 0);
  });

  test('a client asking "Expect: 100-continue" for an oversized body gets 413 instead of the go-ahead', async () => {
    const { port } = await start();
    const c = await open(port);
    c.socket.write(head(['POST / HTTP/1.1', 'Host: x', 'Content-Type: image/png', 'Content-Length: 50000000', 'Expect: 100-continue']));
    const { text } = await c.closed;
    assert.match(text, /^HTTP\/1\.1 413 /);
    assert.doesNotMatch(text, /100 Continue/);
  });

  test('a client asking "Expect: 100-continue" for a body within the limit gets the go-ahead, then its answer', async () => {
    const { port } = await start();
    const c = await open(port);
    c.socket.write(head(['POST / HTTP/1.1', 'Host: x', 'Connection: close', 'Content-Type: image/png', 'Content-Length: 5', 'Expect: 100-continue']));
    c.socket.write('hello');
    const { text } = await c.closed;
    assert.match(text, /^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 200 [\s\S]*\{"bytes":5\}$/);
  });

  test('a chunked body gets 413 as soon as its streamed bytes pass the limit', async () => {
    const { port } = await start({ maxPayloadBytes: 1000 });
    const c = await open(port);
    c.socket.write(head(['POST / HTTP/1.1', 'Host: x', 'Content-Type: image/png', 'Transfer-Encoding: chunked']));
    c.socket.write(`7d0\r\n${'x'.repeat(2000)}\r\n`); // then nothing more: the server must not wait for the end
    assert.match((await c.closed).text, /^HTTP\/1\.1 413 /);
  });

  test('the handler gets the body as sent, base64 in the event as API Gateway does, and the remaining time', async () => {
    const { port, calls } = await start({ functionTimeoutMs: 7000 });
    const c = await open(port);
    const body = Buffer.alloc(3000, 0xab);
    c.socket.write(head(['POST / HTTP/1.1', 'Host: x', 'Connection: close', 'Content-Type: image/png', `Content-Length: ${body.length}`]));
    c.socket.write(body);
    const { text } = await c.closed;
    assert.match(text, /^HTTP\/1\.1 200 /);
    assert.match(text, /\{"bytes":3000\}$/);
    const [{ event, remainingMs }] = calls;
    assert.ok('isBase64Encoded' in event && event.isBase64Encoded);
    assert.ok(remainingMs !== undefined && remainingMs > 0 && remainingMs <= 7000, `remaining ${remainingMs}`);
  });

  test('bodies past the buffer budget get 503 while others are held; the budget is released afterwards', async () => {
    const { port, server } = await start({ maxBufferedBytes: 1000 });
    const first = await open(port);
    const seen = requestSeen(server);
    first.socket.write(head(['POST / HTTP/1.1', 'Host: x', 'Connection: close', 'Content-Type: image/png', 'Content-Length: 800']));
    first.socket.write(Buffer.alloc(10));
    await seen;
    const second = await open(port);
    second.socket.write(head(['POST / HTTP/1.1', 'Host: x', 'Content-Type: image/png', 'Content-Length: 800']));
    const refused = await second.closed;
    assert.match(refused.text, /^HTTP\/1\.1 503 /);
    assert.match(refused.text, /retry-after: 1/i);
    first.socket.write(Buffer.alloc(790));
    assert.match((await first.closed).text, /^HTTP\/1\.1 200 [\s\S]*\{"bytes":800\}$/);
    const third = await open(port);
    third.socket.write(head(['POST / HTTP/1.1', 'Host: x', 'Connection: close', 'Content-Type: image/png', 'Content-Length: 800']));
    third.socket.write(Buffer.alloc(800));
    assert.match((await third.closed).text, /^HTTP\/1\.1 200 /);
  });

  test('a client that abandons its upload costs one log line, no stack trace and no error report', async () => {
    const { port, server, logs, errors, calls } = await start();
    const c = await open(port);
    const seen = requestSeen(server);
    c.socket.write(head(['POST /classify HTTP/1.1', 'Host: x', 'Content-Type: image/png', 'Content-Length: 1000']));
    c.socket.write(Buffer.alloc(100));
    await seen;
    c.socket.destroy();
    await until(() => logs.length > 0, 'the log line');
    await sleep(50);
    assert.equal(logs.length, 1, logs.join('\n'));
    assert.match(logs[0], /^dev server: client closed the connection during the body of POST \/classify after \d+ bytes$/);
    assert.deepEqual([errors.length, calls.length], [0, 0]);
  });
});

describe('dev server: slow and silent clients', () => {
  test('headers trickled byte by byte (slowloris) get 408 and the connection is closed', async () => {
    const { port, logs } = await start({ headersTimeoutMs: 200, requestTimeoutMs: 400 });
    const c = await open(port);
    c.socket.write('POST / HTTP/1.1\r\n');
    const trickle = setInterval(() => c.socket.writable && c.socket.write('X-Slow: 1\r\n'), 50);
    const { text, afterMs } = await c.closed;
    clearInterval(trickle);
    assert.match(text, /^HTTP\/1\.1 408 /);
    assert.ok(afterMs < 10_000, `closed after ${Math.round(afterMs)} ms`);
    assert.ok(logs.some((l) => /Request Timeout/.test(l)), logs.join('\n'));
  });

  test('a body that stops arriving gets 408 and the connection is closed', async () => {
    const { port, calls } = await start({ headersTimeoutMs: 200, requestTimeoutMs: 400, idleTimeoutMs: 60_000 });
    const c = await open(port);
    c.socket.write(head(['POST / HTTP/1.1', 'Host: x', 'Content-Type: image/png', 'Content-Length: 100']));
    c.socket.write(Buffer.alloc(10));
    const { text } = await c.closed;
    assert.match(text, /^HTTP\/1\.1 408 /);
    assert.equal(calls.length, 0);
  });

  test('a connection that sends nothing is closed', async () => {
    const { port } = await start({ headersTimeoutMs: 300, requestTimeoutMs: 300, idleTimeoutMs: 300 });
    const c = await open(port);
    const { afterMs } = await c.closed;
    assert.ok(afterMs < 10_000, `closed after ${Math.round(afterMs)} ms`);
  });
});
