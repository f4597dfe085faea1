/**
 * The local API: a node:http server that turns each request into an API Gateway REST proxy event, runs the
 * Lambda handler on it and writes the handler's response back. Whatever a request contains, the server
 * answers and stays up: oversize bodies get API Gateway's 413, a handler that throws gets API Gateway's 502.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyResult, LambdaHttpHandler, LambdaHttpResult } from '../aws-lambda/types.js';
import { toApiGatewayV1Event, type EventBuildOptions } from './event.js';

/** API Gateway's own payload quota; the handler's (smaller, 6 MB) limit applies inside it. */
export const API_GATEWAY_MAX_PAYLOAD = 10 * 1024 * 1024;

export interface DevServerOptions extends EventBuildOptions {
  readonly handler: LambdaHttpHandler;
  readonly maxPayloadBytes?: number;
  /** Called with each unexpected failure (default: console.error). */
  readonly onError?: (err: unknown) => void;
}

export function createDevServer(options: DevServerOptions): Server {
  const onError = options.onError ?? ((err: unknown) => console.error(err));
  const server = createServer((req, res) => {
    serve(req, res, options).catch((err: unknown) => {
      onError(err);
      if (!res.headersSent) writeJson(res, 502, { message: 'Internal server error' });
      else res.destroy();
    });
  });
  // Malformed HTTP from a client: answer 400 and close that socket only.
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
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

async function serve(req: IncomingMessage, res: ServerResponse, options: DevServerOptions): Promise<void> {
  const body = await readBody(req, options.maxPayloadBytes ?? API_GATEWAY_MAX_PAYLOAD);
  if (body === null) {
    writeJson(res, 413, { message: 'Request Too Long' });
    return;
  }
  const event = toApiGatewayV1Event(req, body, options);
  const result = await options.handler(event, { awsRequestId: randomUUID(), functionName: 'local' });
  writeResult(res, result);
}

/** The whole body, or null when it exceeds the limit (the rest is read and dropped so the reply arrives). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > limit ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
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

function writeJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
}
