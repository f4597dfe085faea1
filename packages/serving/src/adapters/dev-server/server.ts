/**
 * The local API: a node:http server that turns each request into an API Gateway REST proxy event, runs the
 * Lambda handler on it and writes the handler's response back. Whatever a client does, the server answers
 * and stays up: an oversized body gets API Gateway's 413 as soon as its size is known, a client too slow to
 * send its headers or body gets 408 and is disconnected (slowloris), a silent socket is closed, and a handler
 * that throws gets API Gateway's 502. Client-side problems are one log line each, never a stack trace.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { APIGatewayProxyResult, LambdaContextLike, LambdaHttpHandler, LambdaHttpResult } from '../aws-lambda/types.js';
import { toApiGatewayV1Event, type EventBuildOptions } from './event.js';
import { BodyPool, declaredLength, readRequestBody, type BodyOutcome } from './request_body.js';

/** API Gateway's own payload quota; the handler's (smaller, 6 MB) limit applies inside it. */
export const API_GATEWAY_MAX_PAYLOAD = 10 * 1024 * 1024;

export interface DevServerOptions extends EventBuildOptions {
  readonly handler: LambdaHttpHandler;
  /** Larger bodies get 413 as soon as Content-Length or the streamed bytes say so (default 10 MB). */
  readonly maxPayloadBytes?: number;
  /** Request bodies held at once by all requests together; past it a request gets 503 (default 64 MB). */
  readonly maxBufferedBytes?: number;
  /** Time a client has to send its request headers (default 10 s) and its whole request (default 30 s). */
  readonly headersTimeoutMs?: number;
  readonly requestTimeoutMs?: number;
  /** A connection that sends nothing for this long is closed (default 10 s). */
  readonly idleTimeoutMs?: number;
  /** What the handler's context reports as its remaining time at the start, like the template's Timeout (default 10 s). */
  readonly functionTimeoutMs?: number;
  /** One line per client-side problem: aborted upload, timeout, malformed request (default: console.error). */
  readonly log?: (line: string) => void;
  /** Called with each unexpected failure, i.e. a bug (default: console.error). */
  readonly onError?: (err: unknown) => void;
}

const DEFAULTS = {
  maxBufferedBytes: 64 * 1024 * 1024,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  idleTimeoutMs: 10_000,
  functionTimeoutMs: 10_000,
};

export function createDevServer(options: DevServerOptions): Server {
  const onError = options.onError ?? ((err: unknown) => console.error(err));
  const log = options.log ?? ((line: string) => console.error(line));
  const headersTimeout = options.headersTimeoutMs ?? DEFAULTS.headersTimeoutMs;
  const requestTimeout = Math.max(headersTimeout, options.requestTimeoutMs ?? DEFAULTS.requestTimeoutMs);
  const pool = new BodyPool(options.maxBufferedBytes ?? DEFAULTS.maxBufferedBytes);
  const server = createServer(
    // Node checks the header and request deadlines on this interval, so it bounds how late a slow client is cut off.
    { headersTimeout, requestTimeout, connectionsCheckingInterval: Math.min(1000, Math.max(50, headersTimeout / 4)) },
    (req, res) => {
      serve(req, res, options, pool, log).catch((err: unknown) => {
        onError(err);
        if (!res.headersSent) writeJson(res, 502, { message: 'Internal server error' });
        else res.destroy();
      });
    },
  );
  server.setTimeout(options.idleTimeoutMs ?? DEFAULTS.idleTimeoutMs, (socket: Socket) => {
    log(`dev server: closed a connection from ${socket.remoteAddress ?? '?'} idle for ${socket.timeout ?? 0} ms`);
    socket.destroy();
  });
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => answerClientError(err, socket, log));
  // curl sends "Expect: 100-continue" before bodies over 1 MB: an oversized one is refused before it is sent.
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    if ((declaredLength(req) ?? 0) > (options.maxPayloadBytes ?? API_GATEWAY_MAX_PAYLOAD)) {
      refuse(req, res, { kind: 'too-large', limit: options.maxPayloadBytes ?? API_GATEWAY_MAX_PAYLOAD }, log);
      return;
    }
    res.writeContinue();
    server.emit('request', req, res);
  });
  return server;
}

/** Starts the server; resolves with the port it listens on (pass 0 for a free one). */
export function listen(server: Server, port: number, host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : port);
    });
  });
}

/** Client errors that only mean the client went away (mid-request); the request's own handler logs those. */
const CLIENT_GONE = new Set(['ECONNRESET', 'EPIPE', 'HPE_INVALID_EOF_STATE']);

/** Malformed HTTP, oversized headers or a request too slow to arrive: the status says which, then the socket closes. */
function answerClientError(err: NodeJS.ErrnoException, socket: Socket, log: (line: string) => void): void {
  if (CLIENT_GONE.has(err.code ?? '') || !socket.writable) {
    socket.destroy();
    return;
  }
  const status = err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout'
    : err.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large'
    : '400 Bad Request';
  log(`dev server: ${status.slice(4)} for ${socket.remoteAddress ?? '?'} (${err.code ?? err.message})`);
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

async function serve(
  req: IncomingMessage,
  res: ServerResponse,
  options: DevServerOptions,
  pool: BodyPool,
  log: (line: string) => void,
): Promise<void> {
  const reading = readRequestBody(req, options.maxPayloadBytes ?? API_GATEWAY_MAX_PAYLOAD, pool);
  try {
    const outcome = await reading.outcome;
    if (outcome.kind !== 'complete') return refuse(req, res, outcome, log);
    const event = toApiGatewayV1Event(req, outcome.body, options);
    const result = await options.handler(event, lambdaContext(options.functionTimeoutMs ?? DEFAULTS.functionTimeoutMs));
    if (!res.destroyed) writeResult(res, result);
  } finally {
    pool.release(reading.reserved());
  }
}

/** The context a Lambda invocation gets: its id, and the time left before the function's timeout. */
function lambdaContext(timeoutMs: number): LambdaContextLike {
  const end = performance.now() + timeoutMs;
  return { awsRequestId: randomUUID(), functionName: 'local', getRemainingTimeInMillis: () => Math.max(0, Math.round(end - performance.now())) };
}

/** Answers a body that will not be read to its end, and closes the connection so the rest is never read. */
function refuse(req: IncomingMessage, res: ServerResponse, outcome: Exclude<BodyOutcome, { kind: 'complete' }>, log: (line: string) => void): void {
  const where = `${req.method ?? '?'} ${(req.url ?? '').slice(0, 100)}`;
  if (outcome.kind === 'aborted') {
    log(`dev server: client closed the connection during the body of ${where} after ${outcome.received} bytes`);
    return;
  }
  res.shouldKeepAlive = false;
  if (outcome.kind === 'busy') {
    log(`dev server: 503 for ${where}: request bodies held at once would pass the server's buffer budget`);
    writeJson(res, 503, { message: 'Service Unavailable' }, { 'retry-after': '1' });
    return;
  }
  writeJson(res, 413, { message: 'Request Too Long' });
}

function writeResult(res: ServerResponse, result: LambdaHttpResult): void {
  const r = result as APIGatewayProxyResult;
  const headers: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(r.headers ?? {})) headers[k] = String(v);
  for (const [k, v] of Object.entries(r.multiValueHeaders ?? {})) headers[k] = v.map(String);
  const body = r.body === undefined ? Buffer.alloc(0) : Buffer.from(r.body, r.isBase64Encoded ? 'base64' : 'utf8');
  res.writeHead(r.statusCode, { ...headers, 'content-length': String(body.length) });
  res.end(body);
}

function writeJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...headers });
  res.end(body);
}
