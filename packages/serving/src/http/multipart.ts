/**
 * A small, strict multipart/form-data parser (RFC 7578 over RFC 2046 framing). Strict means a malformed body
 * is an error, never a best guess: a missing CRLF after a delimiter, an unterminated part, a header line
 * without a colon or a missing closing delimiter are all INVALID_MULTIPART.
 */
import { HttpError } from './errors.js';

export interface FormPart {
  /** The `name` of Content-Disposition: form-data. */
  readonly name?: string;
  readonly filename?: string;
  /** Lower-cased media type without parameters. */
  readonly contentType?: string;
  readonly data: Uint8Array;
}

const MAX_PARTS = 32;
const MAX_HEADER_BYTES = 8 * 1024;
const CRLF = Buffer.from('\r\n');

/** The boundary parameter of a multipart Content-Type header (RFC 2046: 1 to 70 characters). */
export function boundaryOf(contentType: string): string {
  const m = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const boundary = m?.[1] ?? m?.[2];
  if (!boundary || boundary.length > 70) {
    throw new HttpError('INVALID_MULTIPART', 'multipart/form-data needs a boundary parameter of 1 to 70 characters');
  }
  return boundary;
}

/** Splits a multipart body into its parts. */
export function parseMultipart(body: Uint8Array, boundary: string): FormPart[] {
  const buf = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const dash = Buffer.from(`--${boundary}`);
  const delimiter = Buffer.concat([CRLF, dash]);
  // The first delimiter may open the body or follow a preamble ending in CRLF.
  let pos = buf.subarray(0, dash.length).equals(dash) ? dash.length : indexAfter(buf, delimiter, 0);
  if (pos < 0) fail('no opening boundary');
  const parts: FormPart[] = [];
  for (;;) {
    if (buf[pos] === 0x2d && buf[pos + 1] === 0x2d) return parts; // "--": the close delimiter
    pos = skipPaddingAndCrlf(buf, pos);
    const headerEnd = buf.indexOf('\r\n\r\n', pos - 2);
    if (headerEnd < 0 || headerEnd - pos > MAX_HEADER_BYTES) fail('part headers are not terminated');
    const headers = parseHeaders(buf.toString('latin1', pos, Math.max(pos, headerEnd)));
    const start = headerEnd + 4;
    const end = buf.indexOf(delimiter, start);
    if (end < 0) fail('a part is not terminated by a boundary');
    parts.push({ ...headers, data: new Uint8Array(buf.buffer, buf.byteOffset + start, end - start) });
    if (parts.length > MAX_PARTS) fail(`more than ${MAX_PARTS} parts`);
    pos = end + delimiter.length;
  }
}

/** The part holding the image: named 'image' or 'file', else the first file or image/* part. */
export function imagePart(parts: FormPart[]): FormPart | undefined {
  return (
    parts.find((p) => p.name === 'image') ??
    parts.find((p) => p.name === 'file') ??
    parts.find((p) => p.filename !== undefined || p.contentType?.startsWith('image/'))
  );
}

function indexAfter(buf: Buffer, needle: Buffer, from: number): number {
  const i = buf.indexOf(needle, from);
  return i < 0 ? -1 : i + needle.length;
}

/** After a delimiter: optional linear whitespace (transport padding), then CRLF. */
function skipPaddingAndCrlf(buf: Buffer, pos: number): number {
  while (buf[pos] === 0x20 || buf[pos] === 0x09) pos++;
  if (buf[pos] !== 0x0d || buf[pos + 1] !== 0x0a) fail('a boundary line is not followed by CRLF');
  return pos + 2;
}

function parseHeaders(block: string): Omit<FormPart, 'data'> {
  let name: string | undefined;
  let filename: string | undefined;
  let contentType: string | undefined;
  for (const line of block === '' ? [] : block.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) fail(`malformed part header line '${line.slice(0, 40)}'`);
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (key === 'content-type') contentType = value.split(';')[0].trim().toLowerCase();
    if (key === 'content-disposition') {
      if (!/^form-data\b/i.test(value)) fail(`part disposition must be form-data, got '${value.slice(0, 40)}'`);
      name = dispositionParam(value, 'name');
      filename = dispositionParam(value, 'filename');
    }
  }
  return { name, filename, contentType };
}

function dispositionParam(value: string, key: string): string | undefined {
  const m = new RegExp(`;\\s*${key}=(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]+))`, 'i').exec(value);
  if (!m) return undefined;
  return m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2];
}

function fail(why: string): never {
  throw new HttpError('INVALID_MULTIPART', `malformed multipart/form-data body: ${why}`);
}
