/**
 * Builds the API Gateway REST proxy (v1) event that API Gateway — and `sam local start-api` — would send for
 * a local HTTP request, so the local server exercises exactly the deployed handler path. Bodies whose
 * media type is a binary media type arrive base64-encoded with `isBase64Encoded: true`, as in AWS.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { APIGatewayProxyEvent } from '../aws-lambda/types.js';

/** Mirrors the BinaryMediaTypes of the examples' SAM templates, plus audio for audio classifiers. */
export const DEFAULT_BINARY_MEDIA_TYPES = ['image/*', 'audio/*', 'application/octet-stream', 'multipart/form-data'];

export interface EventBuildOptions {
  readonly binaryMediaTypes?: readonly string[];
  readonly stage?: string;
}

export function toApiGatewayV1Event(req: IncomingMessage, body: Buffer, options: EventBuildOptions = {}): APIGatewayProxyEvent {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const { headers, multiValueHeaders } = headerMaps(req.rawHeaders);
  const query = queryMaps(url.searchParams);
  const binary = isBinary(req.headers['content-type'], options.binaryMediaTypes ?? DEFAULT_BINARY_MEDIA_TYPES);
  const stage = options.stage ?? 'Prod';
  const method = (req.method ?? 'GET').toUpperCase();
  const path = safeDecode(url.pathname);
  const resource = path === '/' ? '/' : '/{proxy+}';
  const now = Date.now();
  return {
    resource,
    path,
    httpMethod: method,
    headers,
    multiValueHeaders,
    queryStringParameters: query.single,
    multiValueQueryStringParameters: query.multi,
    pathParameters: path === '/' ? null : { proxy: path.slice(1) },
    stageVariables: null,
    requestContext: {
      accountId: '123456789012',
      apiId: 'local',
      authorizer: undefined,
      protocol: `HTTP/${req.httpVersion}`,
      httpMethod: method,
      identity: identityOf(req),
      path: `/${stage}${path}`,
      stage,
      requestId: randomUUID(),
      requestTime: new Date(now).toUTCString(),
      requestTimeEpoch: now,
      resourceId: 'local',
      resourcePath: resource,
    },
    body: body.length === 0 ? null : binary ? body.toString('base64') : body.toString('utf8'),
    isBase64Encoded: binary && body.length > 0,
  };
}

/** API Gateway keeps the client's header case; the single map holds the last value of each. */
function headerMaps(raw: string[]): { headers: Record<string, string>; multiValueHeaders: Record<string, string[]> } {
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) {
    headers[raw[i]] = raw[i + 1];
    multiValueHeaders[raw[i]] ??= [];
    multiValueHeaders[raw[i]].push(raw[i + 1]);
  }
  return { headers, multiValueHeaders };
}

function queryMaps(params: URLSearchParams): {
  single: Record<string, string> | null;
  multi: Record<string, string[]> | null;
} {
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  for (const [k, v] of params) {
    single[k] = v;
    multi[k] ??= [];
    multi[k].push(v);
  }
  return Object.keys(single).length ? { single, multi } : { single: null, multi: null };
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function isBinary(contentType: string | undefined, binaryTypes: readonly string[]): boolean {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (type === '') return false;
  return binaryTypes.some((t) => t === '*/*' || t === type || (t.endsWith('/*') && type.startsWith(t.slice(0, -1))));
}

function identityOf(req: IncomingMessage): APIGatewayProxyEvent['requestContext']['identity'] {
  return {
    accessKey: null,
    accountId: null,
    apiKey: null,
    apiKeyId: null,
    caller: null,
    clientCert: null,
    cognitoAuthenticationProvider: null,
    cognitoAuthenticationType: null,
    cognitoIdentityId: null,
    cognitoIdentityPoolId: null,
    principalOrgId: null,
    sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
    user: null,
    userAgent: req.headers['user-agent'] ?? null,
    userArn: null,
  };
}
