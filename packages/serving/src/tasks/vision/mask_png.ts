/**
 * A category mask as a PNG: 8-bit indexed colour, so each pixel's value is its category index (what a
 * program reads back) and the palette gives every category a distinct colour (what a viewer shows) — the
 * PASCAL VOC colour map, category 0 (background) black.
 */
import { deflateSync } from 'node:zlib';
import { concatBytes, crc32 } from '@tflite-lambda/runtime/metadata';
import type { Mask } from '../core/results.js';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The PASCAL VOC colour map: the bits of the index, three at a time, spread over R, G and B from the top. */
export function vocPalette(): Uint8Array {
  const palette = new Uint8Array(256 * 3);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let bit = 7; bit >= 0; bit--, c >>= 3) {
      palette[3 * i] |= (c & 1) << bit;
      palette[3 * i + 1] |= ((c >> 1) & 1) << bit;
      palette[3 * i + 2] |= ((c >> 2) & 1) << bit;
    }
  }
  return palette;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  const typed = new TextEncoder().encode(type);
  out.set(typed, 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

export function categoryMaskPng(mask: Mask<Uint8Array>): Uint8Array {
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, mask.width);
  view.setUint32(4, mask.height);
  header.set([8, 3, 0, 0, 0], 8); // bit depth 8, colour type 3 (palette), deflate, no filter method, no interlace
  const rows = new Uint8Array((mask.width + 1) * mask.height);
  for (let y = 0; y < mask.height; y++) rows.set(mask.data.subarray(y * mask.width, (y + 1) * mask.width), y * (mask.width + 1) + 1);
  return concatBytes([
    Uint8Array.from(SIGNATURE),
    chunk('IHDR', header),
    chunk('PLTE', vocPalette()),
    chunk('IDAT', new Uint8Array(deflateSync(rows))),
    chunk('IEND', new Uint8Array(0)),
  ]);
}
