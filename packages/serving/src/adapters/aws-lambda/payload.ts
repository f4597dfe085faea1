/**
 * The one place that handles what every event flavour shares: base64 bodies in and out, header and query
 * maps (single- and multi-value) normalised to the core's lower-cased single-string form.
 */
import { decodeBase64Strict } from '../../http/base64.js';
import type { HttpResponse } from '../../http/types.js';

type Single = Record<string, string | undefined> | null | undefined;
type Multi = Record<string, string[] | undefined> | null | undefined;

/** The event body as bytes: base64-decoded (strictly) when the platform says it is encoded. */
export function decodeEventBody(body: string | null | undefined, isBase64Encoded: boolean | undefined): Uint8Array {
  if (body === null || body === undefined || body === '') return new Uint8Array(0);
  if (isBase64Encoded) return decodeBase64Strict(body);
  return new TextEncoder().encode(body);
}

/** A response body as Lambda wants it: text stays text, bytes become base64 with the flag set. */
export function encodeResultBody(res: HttpResponse): { body: string; isBase64Encoded: boolean } {
  if (typeof res.body === 'string') return { body: res.body, isBase64Encoded: false };
  return { body: Buffer.from(res.body).toString('base64'), isBase64Encoded: true };
}

/** Lower-cased names; multi-value entries win over single ones and are joined with ', ' (RFC 9110). */
export function normaliseHeaders(single: Single, multi?: Multi): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(single ?? {})) if (v !== undefined) out[k.toLowerCase()] = v;
  for (const [k, v] of Object.entries(multi ?? {})) if (v?.length) out[k.toLowerCase()] = v.join(', ');
  return out;
}

/** Query parameters with the last of repeated values; `decode` for ALB, which passes them URL-encoded. */
export function normaliseQuery(single: Single, multi?: Multi, decode = false): Record<string, string> {
  const out: Record<string, string> = {};
  const d = decode ? safeDecode : (s: string) => s;
  for (const [k, v] of Object.entries(single ?? {})) if (v !== undefined) out[d(k)] = d(v);
  for (const [k, v] of Object.entries(multi ?? {})) if (v?.length) out[d(k)] = d(v[v.length - 1]);
  return out;
}

/** Parses a raw query string (payload 2.0's rawQueryString). */
export function parseRawQuery(raw: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(raw ?? '')) out[k] = v;
  return out;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}
