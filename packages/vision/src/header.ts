/**
 * Image dimensions read from the header alone, so that oversized images are refused before any pixel
 * memory is allocated (a 30000x30000 PNG "bomb" is a few hundred bytes of compressed zeros).
 */
import { ImageError, validSize } from './errors.js';
import { readJpegFrame } from './jpeg_frame.js';
import { sniffImageFormat } from './sniff.js';
import type { ImageHeader } from './types.js';

export function readImageHeader(bytes: Uint8Array): ImageHeader {
  const format = sniffImageFormat(bytes);
  if (format === 'png') return { format, ...readPngSize(bytes) };
  if (format === 'jpeg') {
    const { width, height } = readJpegFrame(bytes);
    return { format, width, height };
  }
  throw new ImageError('UNSUPPORTED_IMAGE_FORMAT', 'not a PNG or JPEG image (unknown signature)');
}

/** Throws IMAGE_TOO_LARGE when the header claims more than `maxPixels` pixels. */
export function checkPixelLimit(header: ImageHeader, maxPixels: number): void {
  const pixels = header.width * header.height;
  if (pixels > maxPixels) {
    throw new ImageError(
      'IMAGE_TOO_LARGE',
      `${header.format.toUpperCase()} image is ${header.width}x${header.height} = ${pixels} pixels, ` +
        `more than the limit of ${maxPixels}`,
    );
  }
}

function u32be(bytes: Uint8Array, at: number): number {
  return ((bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3]) >>> 0;
}

/** PNG: the first chunk after the 8-byte signature must be IHDR, whose data starts with width and height. */
function readPngSize(bytes: Uint8Array): { width: number; height: number } {
  const IHDR_END = 8 + 8 + 8; // signature, chunk length + type, width + height
  const isIhdr = bytes.length >= IHDR_END && String.fromCharCode(...bytes.subarray(12, 16)) === 'IHDR';
  if (!isIhdr) throw new ImageError('IMAGE_DECODE_FAILED', 'PNG is truncated or does not start with an IHDR chunk');
  return validSize('PNG', u32be(bytes, 16), u32be(bytes, 20));
}
