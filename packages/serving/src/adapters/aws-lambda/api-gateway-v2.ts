/**
 * HTTP API (payload format 2.0) and Lambda Function URLs, which share that format ⇄ the core request and
 * response. Headers arrive lower-cased with repeats comma-joined; cookies arrive apart, in `cookies`.
 */
import type { HttpRequest, HttpResponse } from '../../http/types.js';
import { decodeEventBody, encodeResultBody, normaliseHeaders, parseRawQuery } from './payload.js';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, LambdaHttpEvent } from './types.js';

export function isApiGatewayV2Event(event: LambdaHttpEvent): event is APIGatewayProxyEventV2 {
  return 'version' in event && event.version === '2.0' && 'rawPath' in event;
}

export function apiGatewayV2ToRequest(event: APIGatewayProxyEventV2, requestId: string): HttpRequest {
  const headers = normaliseHeaders(event.headers);
  if (event.cookies?.length) headers.cookie = event.cookies.join('; ');
  return {
    method: event.requestContext.http.method.toUpperCase(),
    path: stripStage(event.rawPath || '/', event.requestContext.stage),
    headers,
    query: parseRawQuery(event.rawQueryString),
    body: decodeEventBody(event.body, event.isBase64Encoded),
    requestId,
  };
}

export function responseToApiGatewayV2(res: HttpResponse): APIGatewayProxyStructuredResultV2 {
  return { statusCode: res.status, headers: { ...res.headers }, ...encodeResultBody(res) };
}

/** HTTP APIs with a named stage put it in rawPath ('/prod/…'); the `$default` stage and Function URLs do not. */
function stripStage(path: string, stage: string | undefined): string {
  if (!stage || stage === '$default') return path;
  const prefix = `/${stage}`;
  if (path === prefix) return '/';
  return path.startsWith(`${prefix}/`) ? path.slice(prefix.length) : path;
}
