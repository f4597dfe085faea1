/**
 * Pillow's mode conversions, integer-exact: `convert('L')` and `convert('RGB')` of the image Pillow would
 * have opened. Alpha is ignored (Pillow drops it without compositing); 16-bit gray is clipped to 255 as in
 * Pillow's "I" -> "L" conversion (values above 255 become white, they are not rescaled). The conversion
 * works per row, so the decoders' rows can be converted as they arrive.
 */
import { ImageError } from './errors.js';
import type { DecodedImage, Image8, RowFormat } from './types.js';

/** ITU-R 601-2 luma in Pillow's 16-bit fixed point: 299/587/114 per mille scaled by 65536, rounded. */
export function luma(r: number, g: number, b: number): number {
  return (r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16;
}

/** Writes one row of `format` samples as `channels` (1 = L, 3 = RGB) 8-bit samples into `out`. */
export type RowConverter = (samples: Uint8Array | Uint16Array, out: Uint8Array) => void;

export function rowConverter(format: RowFormat, channels: 1 | 3): RowConverter {
  const ch = format.channels;
  const sample = sampleReader(format);
  if (channels === 3) {
    return (s, out) => {
      for (let p = 0, at = 0; p < out.length; p += 3, at += ch) {
        out[p] = sample(s, at);
        out[p + 1] = sample(s, ch <= 2 ? at : at + 1);
        out[p + 2] = sample(s, ch <= 2 ? at : at + 2);
      }
    };
  }
  if (ch <= 2) return (s, out) => {
    for (let p = 0; p < out.length; p++) out[p] = sample(s, p * ch);
  };
  return (s, out) => {
    for (let p = 0, at = 0; p < out.length; p++, at += ch) out[p] = luma(sample(s, at), sample(s, at + 1), sample(s, at + 2));
  };
}

/**
 * Reads one sample as 8 bits. 16-bit gray is clipped (Pillow's "I" mode); 16-bit gray+alpha or colour
 * keeps its high byte, which is what Pillow's decoder would already have done.
 */
function sampleReader(format: RowFormat): (s: Uint8Array | Uint16Array, i: number) => number {
  if (format.bitDepth === 8) return (s, i) => s[i];
  if (format.channels === 1) return (s, i) => Math.min(s[i], 255);
  return (s, i) => s[i] >> 8;
}

/** Like Pillow's `convert('L')`. */
export function toGray(image: DecodedImage): Image8 {
  return convertImage(image, 1);
}

/** Like Pillow's `convert('RGB')`: gray is replicated, alpha dropped. */
export function toRgb(image: DecodedImage): Image8 {
  return convertImage(image, 3);
}

function convertImage(image: DecodedImage, channels: 1 | 3): Image8 {
  const { width, height, data } = checkDecodedImage(image);
  const convert = rowConverter(image, channels);
  const out = new Uint8Array(width * height * channels);
  const inRow = width * image.channels;
  const outRow = width * channels;
  for (let y = 0; y < height; y++) {
    convert(data.subarray(y * inRow, (y + 1) * inRow), out.subarray(y * outRow, (y + 1) * outRow));
  }
  return { width, height, channels, data: out };
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
