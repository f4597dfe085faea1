/**
 * Request bodies sent with Content-Encoding: gzip (or x-gzip) or deflate are decompressed before anything
 * reads them, up to a limit on the decompressed size (a small body must not inflate into gigabytes). Other
 * codings are refused by name; a body that is gzip data sent without the header is named as such by the
 * format check, so the client learns what to add.
 */
import { gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';
import { HttpError } from './errors.js';

const GZIP_MAGIC = [0x1f, 0x8b];

export function looksGzipped(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1];
}

/** A zlib stream starts with CMF 0x78 (deflate, 32 KiB window) and a header whose 16-bit value is a multiple of 31. */
function looksZlibWrapped(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && (bytes[0] & 0x0f) === 8 && ((bytes[0] << 8) | bytes[1]) % 31 === 0;
}

function inflate(body: Uint8Array, coding: string, limit: number): Uint8Array {
  const options = { maxOutputLength: limit };
  try {
    if (coding === 'gzip' || coding === 'x-gzip') return new Uint8Array(gunzipSync(body, options));
    // RFC 9110's "deflate" is zlib-wrapped; some clients send raw deflate under that name, so accept both.
    return new Uint8Array(looksZlibWrapped(body) ? inflateSync(body, options) : inflateRawSync(body, options));
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) {
      throw new HttpError('PAYLOAD_TOO_LARGE', `the ${coding} body decompresses to more than ${limit} bytes`);
    }
    // zlib's own wording ("incorrect header check") is not ours to send; the coding and the fact are enough.
    throw new HttpError('INVALID_CONTENT_ENCODING', `the body is not valid ${coding} data`);
  }
}

/** The body with its content codings undone (applied in the order listed, so undone in reverse). */
export function decodeContentEncoding(body: Uint8Array, header: string | undefined, limit: number): Uint8Array {
  const codings = (header ?? '').split(',').map((c) => c.trim().toLowerCase()).filter((c) => c !== '' && c !== 'identity');
  let out = body;
  for (const coding of codings.reverse()) {
    if (coding !== 'gzip' && coding !== 'x-gzip' && coding !== 'deflate') {
      throw new HttpError('UNSUPPORTED_CONTENT_ENCODING', `Content-Encoding '${coding}' is not supported; send gzip, deflate or no encoding`);
    }
    out = inflate(out, coding, limit);
  }
  return out;
}
