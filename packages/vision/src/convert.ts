/**
 * Pillow's mode conversions, integer-exact: `convert('L')` and `convert('RGB')` of the image Pillow would
 * have opened. Alpha is ignored (Pillow drops it without compositing); 16-bit gray is clipped to 255 as in
 * Pillow's "I" -> "L" conversion (values above 255 become white, they are not rescaled).
 */
import { ImageError } from './errors.js';
import type { DecodedImage, Image8 } from './types.js';

/** ITU-R 601-2 luma in Pillow's 16-bit fixed point: 299/587/114 per mille scaled by 65536, rounded. */
export function luma(r: number, g: number, b: number): number {
  return (r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16;
}

/** Like Pillow's `convert('L')`. */
export function toGray(image: DecodedImage): Image8 {
  const { width, height, channels } = checkDecodedImage(image);
  const pixels = width * height;
  const sample = sampleReader(image);
  const out = new Uint8Array(pixels);
  if (channels <= 2) {
    for (let p = 0; p < pixels; p++) out[p] = sample(p * channels);
  } else {
    for (let p = 0; p < pixels; p++) {
      const at = p * channels;
      out[p] = luma(sample(at), sample(at + 1), sample(at + 2));
    }
  }
  return { width, height, channels: 1, data: out };
}

/** Like Pillow's `convert('RGB')`: gray is replicated, alpha dropped. */
export function toRgb(image: DecodedImage): Image8 {
  const { width, height, channels } = checkDecodedImage(image);
  const pixels = width * height;
  const sample = sampleReader(image);
  const out = new Uint8Array(pixels * 3);
  for (let p = 0; p < pixels; p++) {
    const at = p * channels;
    for (let c = 0; c < 3; c++) out[p * 3 + c] = sample(channels <= 2 ? at : at + c);
  }
  return { width, height, channels: 3, data: out };
}

/**
 * Reads one sample as 8 bits. 16-bit gray is clipped (Pillow's "I" mode); 16-bit gray+alpha or colour
 * keeps its high byte, which is what Pillow's decoder would already have done.
 */
function sampleReader(image: DecodedImage): (index: number) => number {
  const { data } = image;
  if (image.bitDepth === 8) return (i) => data[i];
  if (image.channels === 1) return (i) => Math.min(data[i], 255);
  return (i) => data[i] >> 8;
}

/** Rejects pixel buffers whose size or element type does not match their description. */
export function checkDecodedImage(image: DecodedImage): DecodedImage {
  const { width, height, channels, bitDepth, data } = image;
  const expected = width * height * channels;
  const typeOk = bitDepth === 16 ? data instanceof Uint16Array : data instanceof Uint8Array;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new ImageError('IMAGE_DECODE_FAILED', `pixel buffer has an invalid size ${width}x${height}`);
  }
  if (!typeOk || data.length !== expected || ![1, 2, 3, 4].includes(channels)) {
    throw new ImageError(
      'IMAGE_DECODE_FAILED',
      `pixel buffer does not match ${width}x${height}x${channels} at ${bitDepth} bits ` +
        `(got ${data.constructor.name} of ${data.length} samples, expected ${expected})`,
    );
  }
  return image;
}
