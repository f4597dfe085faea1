/** API Gateway REST API, Lambda proxy integration (payload 1.0) ⇄ the core request and response. */
import type { HttpRequest, HttpResponse } from '../../http/types.js';
import { decodeEventBody, encodeResultBody, normaliseHeaders, normaliseQuery } from './payload.js';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, LambdaHttpEvent } from './types.js';

export function isApiGatewayV1Event(event: LambdaHttpEvent): event is APIGatewayProxyEvent {
  return 'httpMethod' in event && !('elb' in (event.requestContext ?? {}));
}

/** `path` is already without the stage; both the single- and multi-value maps are sent, so both are read. */
export function apiGatewayV1ToRequest(event: APIGatewayProxyEvent, requestId: string): HttpRequest {
  return {
    method: event.httpMethod.toUpperCase(),
    path: event.path || '/',
    headers: normaliseHeaders(event.headers, event.multiValueHeaders),
    query: normaliseQuery(event.queryStringParameters, event.multiValueQueryStringParameters),
    body: decodeEventBody(event.body, event.isBase64Encoded),
    requestId,
  };
}

export function responseToApiGatewayV1(res: HttpResponse): APIGatewayProxyResult {
  return { statusCode: res.status, headers: { ...res.headers }, ...encodeResultBody(res) };
}
