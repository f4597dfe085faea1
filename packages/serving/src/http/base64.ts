/** Strict base64 decoding: Buffer.from(s, 'base64') silently skips junk, which would hide client bugs. */
import { HttpError } from './errors.js';

/**
 * Decodes base64, standard or URL-safe alphabet (not mixed), padded or not, ignoring whitespace from
 * line-wrapping encoders; throws HttpError INVALID_BASE64 on anything else. A loop, not a regular
 * expression: bodies are megabytes long, and a backtracking pattern over them can exhaust the stack.
 */
export function decodeBase64Strict(text: string, what = 'body'): Uint8Array {
  const compact = /[\t\n\r ]/.test(text) ? text.replace(/[\t\n\r ]+/g, '') : text;
  let end = compact.length;
  while (end > 0 && compact.charCodeAt(end - 1) === 0x3d /* = */ && compact.length - end < 2) end--;
  const padding = compact.length - end;
  const alphabet = alphabetOf(compact, end);
  const validLength = padding > 0 ? compact.length % 4 === 0 : end % 4 !== 1;
  if (alphabet === null || !validLength) throw new HttpError('INVALID_BASE64', `${what} is not valid base64`);
  const buf = Buffer.from(compact.slice(0, end), alphabet);
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

/** 'base64' or 'base64url' when every character before `end` belongs to one alphabet, else null. */
function alphabetOf(s: string, end: number): 'base64' | 'base64url' | null {
  let standard = false;
  let urlSafe = false;
  for (let i = 0; i < end; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)) continue;
    if (c === 0x2b || c === 0x2f) standard = true; // + /
    else if (c === 0x2d || c === 0x5f) urlSafe = true; // - _
    else return null;
  }
  if (standard && urlSafe) return null;
  return urlSafe ? 'base64url' : 'base64';
}

/** Strips an optional `data:<type>;base64,` prefix, as canvas.toDataURL() produces. */
export function stripDataUrl(text: string): string {
  const m = /^data:[^,;]{0,100}(?:;[^,;]{0,100}){0,5};base64,/i.exec(text.slice(0, 400));
  return m ? text.slice(m[0].length) : text;
}
