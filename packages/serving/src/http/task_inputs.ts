/**
 * The audio clip or the text a request carries, for the audio and text task routes (images go through
 * body.ts): raw bodies of their media types, JSON fields, or a multipart part.
 */
import { decodeBase64Strict, stripDataUrl } from './base64.js';
import { mediaTypeOf } from './body.js';
import { HttpError } from './errors.js';
import { isJsonType, jsonObjectBody } from './json_body.js';
import { boundaryOf, parseMultipart, type FormPart } from './multipart.js';
import type { HttpRequest } from './types.js';

const AUDIO_TYPES = new Set(['audio/wav', 'audio/x-wav', 'audio/wave', 'audio/vnd.wave', 'application/octet-stream', '']);

function formPart(req: HttpRequest, names: readonly string[]): FormPart | undefined {
  const parts = parseMultipart(req.body, boundaryOf(req.headers['content-type'] ?? ''));
  for (const n of names) {
    const part = parts.find((p) => p.name === n);
    if (part) return part;
  }
  return parts.find((p) => p.filename !== undefined);
}

function nonEmpty(bytes: Uint8Array, what: string): Uint8Array {
  if (bytes.length === 0) throw new HttpError('MISSING_INPUT', `the request has no ${what}: the body is empty`);
  return bytes;
}

/** WAV bytes: a raw body, JSON {"audio": "<base64>"} or a multipart part named audio or file. */
export function extractAudio(req: HttpRequest): Uint8Array {
  const type = mediaTypeOf(req);
  if (AUDIO_TYPES.has(type)) return nonEmpty(req.body, 'audio');
  if (isJsonType(type)) {
    const audio = jsonObjectBody(req, '{"audio": "<base64 WAV>"}').audio;
    if (typeof audio !== 'string' || audio === '') throw new HttpError('MISSING_INPUT', 'the JSON body needs an "audio" field holding a base64-encoded WAV file');
    return decodeBase64Strict(stripDataUrl(audio), 'the "audio" field');
  }
  if (type === 'multipart/form-data') {
    const part = formPart(req, ['audio', 'file']);
    if (!part) throw new HttpError('MISSING_INPUT', 'the form has no "audio" or file part');
    return nonEmpty(part.data, 'audio');
  }
  throw new HttpError('UNSUPPORTED_MEDIA_TYPE', `content type '${type}' is not supported; send audio/wav, application/json or multipart/form-data`);
}

function utf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new HttpError('INVALID_INPUT', 'the text is not valid UTF-8');
  }
}

/** The text: a text/plain body, JSON {"text": "..."}, a form field named text, or a multipart part. */
export function extractText(req: HttpRequest): string {
  const type = mediaTypeOf(req);
  let text: unknown;
  if (type === 'text/plain' || type === '') text = utf8(req.body);
  else if (isJsonType(type)) text = jsonObjectBody(req, '{"text": "..."}').text;
  else if (type === 'application/x-www-form-urlencoded') text = new URLSearchParams(utf8(req.body)).get('text');
  else if (type === 'multipart/form-data') {
    const part = formPart(req, ['text']);
    text = part && utf8(part.data);
  } else {
    throw new HttpError('UNSUPPORTED_MEDIA_TYPE', `content type '${type}' is not supported; send text/plain, application/json or a form`);
  }
  if (typeof text !== 'string' || text.trim() === '') throw new HttpError('MISSING_INPUT', 'the request has no text to classify (send {"text": "..."} or text/plain)');
  return text;
}
