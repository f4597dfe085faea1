/**
 * Application Load Balancer target events ⇄ the core request and response. With multi-value headers enabled
 * on the target group, the event carries only the multiValue* maps and the response must answer in kind.
 * ALB passes query parameters URL-encoded, unlike API Gateway.
 */
import type { HttpRequest, HttpResponse } from '../../http/types.js';
import { decodeEventBody, encodeResultBody, normaliseHeaders, normaliseQuery } from './payload.js';
import type { ALBEvent, ALBResult, LambdaHttpEvent } from './types.js';

const REASONS: Record<number, string> = {
  200: 'OK',
  204: 'No Content',
  400: 'Bad Request',
  404: 'Not Found',
  405: 'Method Not Allowed',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  500: 'Internal Server Error',
};

export function isAlbEvent(event: LambdaHttpEvent): event is ALBEvent {
  return 'elb' in (event.requestContext ?? {});
}

export function albToRequest(event: ALBEvent, requestId: string): HttpRequest {
  return {
    method: event.httpMethod.toUpperCase(),
    path: event.path || '/',
    headers: normaliseHeaders(event.headers, event.multiValueHeaders),
    query: normaliseQuery(event.queryStringParameters, event.multiValueQueryStringParameters, true),
    body: decodeEventBody(event.body, event.isBase64Encoded),
    requestId,
  };
}

export function responseToAlb(res: HttpResponse, event: ALBEvent): ALBResult {
  const statusDescription = `${res.status} ${REASONS[res.status] ?? ''}`.trim();
  const body = encodeResultBody(res);
  if (event.multiValueHeaders) {
    const multiValueHeaders = Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, [v]]));
    return { statusCode: res.status, statusDescription, multiValueHeaders, ...body };
  }
  return { statusCode: res.status, statusDescription, headers: { ...res.headers }, ...body };
}
