/** JSON request bodies: strict UTF-8, one parse, and a 400 that says what was expected. */
import { HttpError } from './errors.js';
import type { HttpRequest } from './types.js';

export function parseJsonBody(body: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch {
    throw new HttpError('INVALID_JSON', 'the body is not valid JSON');
  }
}

/** A JSON object body, or a 400 naming the shape expected. */
export function jsonObjectBody(req: HttpRequest, expected: string): Record<string, unknown> {
  const parsed = parseJsonBody(req.body);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new HttpError('INVALID_JSON', `the body must be a JSON object: ${expected}`);
  }
  return parsed as Record<string, unknown>;
}

export function isJsonType(type: string): boolean {
  return type === 'application/json' || type.endsWith('+json');
}
