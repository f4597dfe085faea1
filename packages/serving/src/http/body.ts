/**
 * Finds the image in a request body: raw image bytes, JSON `{"image": "<base64>"}` or a multipart/form-data
 * part. Only media types are judged here; whether the bytes are a PNG or JPEG is checked by the app.
 */
import { sniffImageFormat } from '@tflite-lambda/vision';
import { decodeBase64Strict, stripDataUrl } from './base64.js';
import { HttpError } from './errors.js';
import { boundaryOf, imagePart, parseMultipart } from './multipart.js';
import type { HttpRequest } from './types.js';

/** Media types whose body is the image itself; the bytes are sniffed afterwards, so octet-stream is fine. */
const RAW_TYPES = new Set(['image/png', 'image/jpeg', 'image/jpg', 'image/pjpeg', 'application/octet-stream']);

/** Lower-cased media type of the request without parameters, or '' when absent. */
export function mediaTypeOf(req: HttpRequest): string {
  return (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
}

/** The image bytes carried by the request, or an HttpError saying why there are none. */
export function extractImage(req: HttpRequest): Uint8Array {
  const type = mediaTypeOf(req);
  if (type === 'application/json' || type.endsWith('+json')) return imageFromJson(req.body);
  if (type === 'multipart/form-data') return imageFromMultipart(req);
  if (type === '' || RAW_TYPES.has(type)) return nonEmpty(req.body);
  // curl's --data-binary @digit.png sends this type unless told otherwise: take the bytes if they are an image,
  // or were one before a text decode on the way (the app then says what happened to them).
  if (type === 'application/x-www-form-urlencoded' && (sniffImageFormat(req.body) !== null || textMangledImage(req.body))) {
    return req.body;
  }
  if (type.startsWith('image/')) {
    throw new HttpError('UNSUPPORTED_IMAGE_FORMAT', `image type '${type}' is not supported; send PNG or JPEG`);
  }
  throw new HttpError(
    'UNSUPPORTED_MEDIA_TYPE',
    `content type '${type}' is not supported; send image/png, image/jpeg, application/json or multipart/form-data`,
  );
}

/** PNG or JPEG whose signature went through a UTF-8 decode (each byte ≥ 0x80 became EF BF BD), or null. */
export function textMangledImage(bytes: Uint8Array): 'PNG' | 'JPEG' | null {
  const hex = Buffer.from(bytes.subarray(0, 9)).toString('hex');
  if (hex.startsWith('efbfbd504e47')) return 'PNG'; // 89 'P' 'N' 'G'
  if (hex === 'efbfbdefbfbdefbfbd') return 'JPEG'; // FF D8 FF
  return null;
}

function imageFromJson(body: Uint8Array): Uint8Array {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch {
    throw new HttpError('INVALID_JSON', 'the body is not valid JSON');
  }
  const image = typeof parsed === 'object' && parsed !== null ? (parsed as { image?: unknown }).image : undefined;
  if (typeof image !== 'string' || image === '') {
    throw new HttpError('MISSING_IMAGE', 'the JSON body needs an "image" field holding a base64-encoded PNG or JPEG');
  }
  return decodeBase64Strict(stripDataUrl(image), 'the "image" field');
}

function imageFromMultipart(req: HttpRequest): Uint8Array {
  const parts = parseMultipart(req.body, boundaryOf(req.headers['content-type'] ?? ''));
  const part = imagePart(parts);
  if (!part) throw new HttpError('MISSING_IMAGE', 'the form has no "image" or file part');
  return nonEmpty(part.data);
}

function nonEmpty(bytes: Uint8Array): Uint8Array {
  if (bytes.length === 0) throw new HttpError('MISSING_IMAGE', 'the request has no image: the body is empty');
  return bytes;
}
