/** The image a request carries, checked to be a PNG or JPEG, with a message that says what it is otherwise. */
import { sniffImageFormat } from '@tflite-lambda/vision';
import { extractImage, textMangledImage } from './body.js';
import { looksGzipped } from './content_encoding.js';
import { HttpError } from './errors.js';
import type { HttpRequest } from './types.js';

export function imageOf(req: HttpRequest): Uint8Array {
  const image = extractImage(req);
  if (sniffImageFormat(image) === null) {
    throw new HttpError('UNSUPPORTED_IMAGE_FORMAT', `the image is not a PNG or JPEG (${describeMagic(image)})`);
  }
  return image;
}

export function describeMagic(bytes: Uint8Array): string {
  const head = Buffer.from(bytes.subarray(0, 4)).toString('latin1');
  if (looksGzipped(bytes)) return 'it is gzip-compressed data: send it with Content-Encoding: gzip, or uncompressed';
  if (head.startsWith('GIF8')) return 'it is a GIF';
  if (head === 'RIFF') return 'it looks like WebP';
  if (head.startsWith('BM')) return 'it looks like BMP';
  const mangled = textMangledImage(bytes);
  if (mangled) {
    return `it looks like a ${mangled} that was decoded as text on the way (its bytes ≥ 0x80 became U+FFFD): send it as ` +
      'binary, with Content-Type image/png or image/jpeg (API Gateway passes only its binary media types unchanged)';
  }
  return `first bytes ${Buffer.from(bytes.subarray(0, 4)).toString('hex')}`;
}
