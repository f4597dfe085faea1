/**
 * What an image will cost, read from its header alone, so that oversized images are refused before any
 * pixel memory is allocated (a 30000x30000 PNG "bomb" is a few hundred bytes of compressed zeros).
 */
import { ImageError } from './errors.js';
import { readJpegFrame } from './jpeg_frame.js';
import { pngImageHeader, readIhdr } from './png/ihdr.js';
import { sniffImageFormat } from './sniff.js';
import type { ImageHeader } from './types.js';

export function readImageHeader(bytes: Uint8Array): ImageHeader {
  const format = sniffImageFormat(bytes);
  if (format === 'png') return pngImageHeader(readIhdr(bytes));
  if (format === 'jpeg') {
    const { width, height, components } = readJpegFrame(bytes);
    return { format, width, height, channels: components.length, bytesPerSample: 1 };
  }
  throw new ImageError('UNSUPPORTED_IMAGE_FORMAT', 'not a PNG or JPEG image (unknown signature)');
}
