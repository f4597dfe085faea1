/**
 * Event builders for tests, reproducing the structure AWS documents for each integration (and that
 * `sam local generate-event` emits): API Gateway REST proxy v1, HTTP API payload 2.0, Function URL and ALB.
 * Values are illustrative; only the structure matters. Not exported from the package index.
 */
import type { ALBEvent, APIGatewayProxyEvent, APIGatewayProxyEventV2 } from 'aws-lambda';

export interface EventSpec {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  query?: Record<string, string>;
  /** Raw bytes are sent base64-encoded (isBase64Encoded: true); strings are sent as text. */
  body?: Uint8Array | string;
}

function bodyOf(spec: EventSpec): { body: string | null; isBase64Encoded: boolean } {
  if (spec.body === undefined) return { body: null, isBase64Encoded: false };
  if (typeof spec.body === 'string') return { body: spec.body, isBase64Encoded: false };
  return { body: Buffer.from(spec.body).toString('base64'), isBase64Encoded: true };
}

/** Payload 2.0 leaves `body` out when there is none, rather than null. */
function v2BodyOf(spec: EventSpec): { body?: string; isBase64Encoded: boolean } {
  const { body, isBase64Encoded } = bodyOf(spec);
  return body === null ? { isBase64Encoded } : { body, isBase64Encoded };
}

export function restV1Event(spec: EventSpec): APIGatewayProxyEvent {
  const method = spec.method ?? 'POST';
  const path = spec.path ?? '/';
  const headers = { Host: 'abc123.execute-api.us-east-1.amazonaws.com', 'User-Agent': 'curl/8.5.0', ...spec.headers };
  const query = spec.query && Object.keys(spec.query).length ? spec.query : null;
  return {
    resource: path === '/' ? '/' : '/{proxy+}',
    path,
    httpMethod: method,
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    queryStringParameters: query,
    multiValueQueryStringParameters: query && Object.fromEntries(Object.entries(query).map(([k, v]) => [k, [v]])),
    pathParameters: path === '/' ? null : { proxy: path.slice(1) },
    stageVariables: null,
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      authorizer: undefined,
      protocol: 'HTTP/1.1',
      httpMethod: method,
      identity: {
        accessKey: null, accountId: null, apiKey: null, apiKeyId: null, caller: null, clientCert: null,
        cognitoAuthenticationProvider: null, cognitoAuthenticationType: null, cognitoIdentityId: null,
        cognitoIdentityPoolId: null, principalOrgId: null, sourceIp: '203.0.113.7', user: null,
        userAgent: 'curl/8.5.0', userArn: null,
      },
      path: `/Prod${path}`,
      stage: 'Prod',
      requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
      requestTimeEpoch: 1700000000000,
      resourceId: 'a1b2c3',
      resourcePath: path === '/' ? '/' : '/{proxy+}',
    },
    ...bodyOf(spec),
  };
}

/** HTTP API payload 2.0; `stage` '$default' unless given (named stages appear in rawPath). */
export function httpApiV2Event(spec: EventSpec, stage = '$default', domainName = 'abc123.execute-api.us-east-1.amazonaws.com'): APIGatewayProxyEventV2 {
  const method = spec.method ?? 'POST';
  const path = spec.path ?? '/';
  const rawPath = stage === '$default' ? path : `/${stage}${path}`;
  const rawQueryString = new URLSearchParams(spec.query ?? {}).toString();
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString,
    cookies: ['theme=dark'],
    headers: { host: domainName, 'user-agent': 'curl/8.5.0', ...lower(spec.headers ?? {}) },
    ...(spec.query ? { queryStringParameters: spec.query } : {}),
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      domainName,
      domainPrefix: domainName.split('.')[0],
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'curl/8.5.0' },
      requestId: 'JKJaXmPLvHcESHA=',
      routeKey: '$default',
      stage,
      time: '14/Nov/2023:22:13:20 +0000',
      timeEpoch: 1700000000000,
    },
    ...v2BodyOf(spec),
  };
}

/** A Lambda Function URL event: payload 2.0 with a lambda-url domain and the $default stage. */
export function functionUrlEvent(spec: EventSpec): APIGatewayProxyEventV2 {
  return httpApiV2Event(spec, '$default', 'abcdefghijklmnopqrstuvwxyz0123.lambda-url.us-east-1.on.aws');
}

/** ALB target event; with `multiValue`, as when the target group enables multi-value headers. */
export function albEvent(spec: EventSpec, multiValue = false): ALBEvent {
  const headers = { host: 'lb-123.us-east-1.elb.amazonaws.com', 'user-agent': 'curl/8.5.0', ...lower(spec.headers ?? {}) };
  // ALB passes query parameters as they appeared on the wire: still URL-encoded.
  const query = Object.fromEntries(Object.entries(spec.query ?? {}).map(([k, v]) => [encodeURIComponent(k), encodeURIComponent(v)]));
  const base = {
    requestContext: { elb: { targetGroupArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/tg/0123456789abcdef' } },
    httpMethod: spec.method ?? 'POST',
    path: spec.path ?? '/',
    ...bodyOf(spec),
  };
  if (multiValue) {
    return {
      ...base,
      multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
      multiValueQueryStringParameters: Object.fromEntries(Object.entries(query).map(([k, v]) => [k, [v]])),
    };
  }
  return { ...base, headers, queryStringParameters: query };
}

function lower(h: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));
}
