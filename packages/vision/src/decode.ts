import { ImageError } from './errors.js';
import { checkPixelLimit, readImageHeader } from './header.js';
import { decodeJpeg } from './jpeg.js';
import { decodePng } from './png.js';
import type { DecodedImage } from './types.js';

/** Default pixel limit: 25 megapixels (a 5000x5000 photo) decodes; a decompression bomb does not. */
export const DEFAULT_MAX_PIXELS = 25_000_000;

/**
 * Decodes PNG or JPEG bytes. The size is read from the header and checked against `maxPixels` before any
 * pixel memory is allocated.
 */
export function decodeImage(bytes: Uint8Array, opts: { maxPixels?: number } = {}): DecodedImage {
  const header = readImageHeader(bytes);
  checkPixelLimit(header, opts.maxPixels ?? DEFAULT_MAX_PIXELS);
  const image = header.format === 'png' ? decodePng(bytes) : decodeJpeg(bytes);
  if (image.width !== header.width || image.height !== header.height) {
    throw new ImageError(
      'IMAGE_DECODE_FAILED',
      `decoded size ${image.width}x${image.height} differs from the header's ${header.width}x${header.height}`,
    );
  }
  return image;
}
