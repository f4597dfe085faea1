/** Building responses: JSON bodies, the error envelopes and CORS headers. */
import type { HttpErrorCode } from './errors.js';
import type { HttpResponse } from './types.js';

/** The API is public and carries no credentials, so any origin may call it from a browser. */
export const CORS_HEADERS: Readonly<Record<string, string>> = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, HEAD, POST, OPTIONS',
  'access-control-allow-headers': 'content-type, content-encoding',
  'access-control-max-age': '86400',
};

export function jsonResponse(status: number, value: unknown, headers: Record<string, string> = {}): HttpResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(value),
  };
}

export function binaryResponse(contentType: string, body: Uint8Array): HttpResponse {
  return { status: 200, headers: { 'content-type': contentType }, body };
}

/** `{"error": {"code", "message"}}`, plus the request id for internal errors. */
export function errorResponse(
  status: number,
  code: HttpErrorCode,
  message: string,
  extra: { headers?: Record<string, string>; requestId?: string } = {},
): HttpResponse {
  const error = extra.requestId === undefined ? { code, message } : { code, message, requestId: extra.requestId };
  return jsonResponse(status, { error }, extra.headers);
}

/** The Open Inference Protocol's and TensorFlow Serving's error body: `{"error": "<message>"}`. */
export function protocolErrorResponse(status: number, message: string, headers: Record<string, string> = {}): HttpResponse {
  return jsonResponse(status, { error: message }, headers);
}

export function htmlResponse(html: string): HttpResponse {
  return {
    status: 200,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' },
    body: html,
  };
}

/** Adds CORS headers to a response (without overriding ones it already set). */
export function withCors(res: HttpResponse): HttpResponse {
  return { ...res, headers: { ...CORS_HEADERS, ...res.headers } };
}
