/**
 * JPEG decoding with our libjpeg-turbo-exact decoder (jpeg/): baseline and progressive, gray, YCbCr, RGB and
 * Adobe CMYK/YCCK, with the samples Pillow gets. Anything unexpected becomes IMAGE_DECODE_FAILED.
 */
import { ImageError, messageOf } from './errors.js';
import { decodeJpegPixels } from './jpeg/decoder.js';
import type { DecodedImage } from './types.js';

export function decodeJpeg(bytes: Uint8Array): DecodedImage {
  try {
    const { width, height, channels, data } = decodeJpegPixels(bytes);
    return { width, height, channels, bitDepth: 8, data };
  } catch (err) {
    if (err instanceof ImageError) throw err;
    // A bug of ours (say, an index out of range on hostile input) must still surface as a decode failure.
    throw new ImageError('IMAGE_DECODE_FAILED', `JPEG could not be decoded: ${messageOf(err)}`, { cause: err });
  }
}
