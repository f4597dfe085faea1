/** JPEG decoding with jpeg-js (baseline and progressive; gray, YCbCr, Adobe CMYK/YCCK). */
import jpeg from 'jpeg-js';
import { ImageError, messageOf } from './errors.js';
import { yccToRgbLikeLibjpeg, type ChromaRatio } from './jpeg_color.js';
import { readJpegFrame, type JpegFrame } from './jpeg_frame.js';
import type { DecodedImage } from './types.js';

export function decodeJpeg(bytes: Uint8Array): DecodedImage {
  const frame = readJpegFrame(bytes);
  const ratio = libjpegChromaRatio(frame);
  const { width, height, data } = decodePixels(bytes, ratio === null);
  if (frame.components.length === 1) {
    // jpeg-js replicates a gray component into R, G and B; keep one, as Pillow's mode "L" does.
    const gray = new Uint8Array(width * height);
    for (let p = 0; p < gray.length; p++) gray[p] = data[p * 3];
    return { width, height, channels: 1, bitDepth: 8, data: gray };
  }
  const rgb = ratio === null ? data : yccToRgbLikeLibjpeg(data, width, height, ratio);
  return { width, height, channels: 3, bitDepth: 8, data: rgb };
}

/**
 * For ordinary YCbCr files (3 components, no Adobe segment, luma at full resolution and chroma at 1x1, 2x1
 * or 2x2) we take jpeg-js's raw planes and convert like libjpeg; anything else uses jpeg-js's own conversion.
 */
function libjpegChromaRatio(frame: JpegFrame): ChromaRatio | null {
  const [luma, cb, cr] = frame.components;
  if (frame.components.length !== 3 || frame.adobe || cb.h !== cr.h || cb.v !== cr.v) return null;
  // libjpeg treats component ids 'R', 'G', 'B' as RGB, not YCbCr.
  if (luma.id === 0x52 && cb.id === 0x47 && cr.id === 0x42) return null;
  const rx = luma.h / cb.h;
  const ry = luma.v / cb.v;
  if ((rx === 1 || rx === 2) && (ry === 1 || (ry === 2 && rx === 2))) return { rx, ry };
  return null;
}

function decodePixels(bytes: Uint8Array, colorTransform: boolean): { width: number; height: number; data: Uint8Array } {
  try {
    return jpeg.decode(bytes, {
      useTArray: true,
      formatAsRGBA: false,
      colorTransform: colorTransform ? undefined : false,
      // Strict: a truncated or corrupt scan is an error (as in Pillow), not a silently grey image.
      tolerantDecoding: false,
      // The caller has already enforced its own pixel limit from the header.
      maxResolutionInMP: Number.MAX_SAFE_INTEGER,
      maxMemoryUsageInMB: 2048,
    });
  } catch (err) {
    throw new ImageError('IMAGE_DECODE_FAILED', `JPEG could not be decoded: ${messageOf(err)}`, { cause: err });
  }
}
