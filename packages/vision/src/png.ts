/**
 * PNG decoding with pngjs, shaped like Pillow's PngImagePlugin: gray stays one channel (16-bit gray keeps
 * its 16-bit values, Pillow's mode "I"), 16-bit colour is cut to its high byte (Pillow's "RGB;16B" etc.),
 * palettes are expanded to RGB, and sub-byte gray is stretched to 0..255 (Pillow's "1", "L;2", "L;4").
 */
import { PNG } from 'pngjs';
import { ImageError, messageOf } from './errors.js';
import { checkPngDataComplete } from './png_data.js';
import type { DecodedImage } from './types.js';

const COLOR_TYPE_CHANNELS: Record<number, 1 | 2 | 3 | 4> = { 0: 1, 2: 3, 3: 3, 4: 2, 6: 4 };

export function decodePng(bytes: Uint8Array): DecodedImage {
  const depth = bytes[24];
  const colorType = bytes[25];
  const channels = COLOR_TYPE_CHANNELS[colorType];
  if (channels === undefined) throw new ImageError('IMAGE_DECODE_FAILED', `PNG has invalid colour type ${colorType}`);
  checkPngDataComplete(bytes);
  let png: { width: number; height: number; data: ArrayLike<number> };
  try {
    // 16-bit samples are kept (skipRescale) so that we, not pngjs, decide how to reduce them, as Pillow does.
    png = PNG.sync.read(asBuffer(withoutTransparencyChunk(bytes)), { skipRescale: depth === 16, checkCRC: true });
  } catch (err) {
    throw new ImageError('IMAGE_DECODE_FAILED', `PNG could not be decoded: ${messageOf(err)}`, { cause: err });
  }
  return fromRgba(png.data, png.width, png.height, channels, depth);
}

/** Keeps the channels the file has out of pngjs's RGBA output, at the depth Pillow would keep. */
function fromRgba(
  rgba: ArrayLike<number>,
  width: number,
  height: number,
  channels: 1 | 2 | 3 | 4,
  depth: number,
): DecodedImage {
  const pixels = width * height;
  const keep16 = depth === 16 && channels === 1;
  const data = keep16 ? new Uint16Array(pixels) : new Uint8Array(pixels * channels);
  // 16-bit colour: Pillow unpacks the most significant byte only (no rounding).
  const shift = depth === 16 && !keep16 ? 8 : 0;
  // pngjs puts gray+alpha as (g, g, g, a): take gray from R and alpha from A.
  const sourceChannel = channels === 2 ? [0, 3] : [0, 1, 2, 3];
  for (let p = 0; p < pixels; p++) {
    for (let c = 0; c < channels; c++) data[p * channels + c] = rgba[p * 4 + sourceChannel[c]] >> shift;
  }
  return { width, height, channels, bitDepth: keep16 ? 16 : 8, data };
}

/**
 * pngjs blanks pixels that match a tRNS colour to 0, but Pillow keeps their values (transparency is only
 * metadata to convert('L') and convert('RGB')), so the chunk is dropped before decoding. A palette's tRNS
 * only adds alpha, which we ignore anyway.
 */
function withoutTransparencyChunk(bytes: Uint8Array): Uint8Array {
  const kept: Uint8Array[] = [];
  let at = 8;
  let from = 0;
  while (at + 12 <= bytes.length) {
    const length = ((bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3]) >>> 0;
    const end = at + 12 + length;
    if (String.fromCharCode(...bytes.subarray(at + 4, at + 8)) === 'tRNS' && end <= bytes.length) {
      kept.push(bytes.subarray(from, at));
      from = end;
    }
    at = end;
  }
  if (from === 0) return bytes;
  kept.push(bytes.subarray(from));
  return Buffer.concat(kept);
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
