/**
 * Turns plain (unfiltered) PNG rows into the samples Pillow's PNG plugin would hold: sub-byte gray
 * stretched to 0..255 (Pillow's "1", "L;2", "L;4"), 16-bit gray kept whole (mode "I"), other 16-bit samples
 * cut to their high byte ("RGB;16B" and friends), palette indices replaced by their RGB entry.
 */
import { ImageError } from '../errors.js';
import { decodedChannels, samplesPerPixel, type PngHeader } from './ihdr.js';

/** 1-bit gray to 0/255, 2-bit to multiples of 85, 4-bit to multiples of 17. */
const GRAY_SCALE: Record<number, number> = { 1: 255, 2: 85, 4: 17, 8: 1 };

export interface RowUnpacker {
  /** A row of decoded samples for the whole image width (reused between calls). */
  readonly out: Uint8Array | Uint16Array;
  /**
   * Writes the `width` pixels whose packed bytes start at `at` into `out` at columns x0, x0 + dx, ...
   * (dx > 1 for the passes of an interlaced image).
   */
  unpack(raw: Uint8Array, at: number, width: number, x0: number, dx: number): void;
}

export function rowUnpacker(header: PngHeader, palette: Uint8Array | null): RowUnpacker {
  const channels = decodedChannels(header);
  if (header.depth === 16 && channels === 1) return gray16Unpacker(header.width);
  if (header.colorType === 3) return paletteUnpacker(header, palette ?? new Uint8Array(0));
  if (header.depth < 8) return subByteGrayUnpacker(header);
  return sampleUnpacker(header, header.depth === 16 ? 2 : 1);
}

function gray16Unpacker(width: number): RowUnpacker {
  const out = new Uint16Array(width);
  return {
    out,
    unpack(raw, at, n, x0, dx) {
      for (let i = 0, x = x0; i < n; i++, x += dx) out[x] = (raw[at + 2 * i] << 8) | raw[at + 2 * i + 1];
    },
  };
}

/** 8-bit samples as they are; 16-bit ones (`bytes` 2) by their high byte, which comes first. */
function sampleUnpacker(header: PngHeader, bytes: 1 | 2): RowUnpacker {
  const ch = samplesPerPixel(header);
  const out = new Uint8Array(header.width * ch);
  return {
    out,
    unpack(raw, at, n, x0, dx) {
      if (dx === 1 && bytes === 1) {
        out.set(raw.subarray(at, at + n * ch), x0 * ch);
        return;
      }
      for (let i = 0, x = x0; i < n; i++, x += dx) for (let c = 0; c < ch; c++) out[x * ch + c] = raw[at + bytes * (i * ch + c)];
    },
  };
}

/** The i-th packed value of `depth` bits (1, 2, 4 or 8), most significant bits first. */
function packedValue(raw: Uint8Array, at: number, i: number, depth: number): number {
  if (depth === 8) return raw[at + i];
  const bit = i * depth;
  return (raw[at + (bit >> 3)] >> (8 - depth - (bit & 7))) & ((1 << depth) - 1);
}

function subByteGrayUnpacker(header: PngHeader): RowUnpacker {
  const { depth } = header;
  const scale = GRAY_SCALE[depth];
  const out = new Uint8Array(header.width);
  return {
    out,
    unpack(raw, at, n, x0, dx) {
      for (let i = 0, x = x0; i < n; i++, x += dx) out[x] = packedValue(raw, at, i, depth) * scale;
    },
  };
}

/** Indices past the palette's end are refused: the file is inconsistent, and guessing a colour would be silent. */
function paletteUnpacker(header: PngHeader, palette: Uint8Array): RowUnpacker {
  const { depth } = header;
  const entries = palette.length / 3;
  const out = new Uint8Array(header.width * 3);
  return {
    out,
    unpack(raw, at, n, x0, dx) {
      for (let i = 0, x = x0; i < n; i++, x += dx) {
        const index = packedValue(raw, at, i, depth);
        if (index >= entries) {
          throw new ImageError('IMAGE_DECODE_FAILED', `PNG pixel uses palette index ${index}, but the PLTE has ${entries} entries`);
        }
        out[3 * x] = palette[3 * index];
        out[3 * x + 1] = palette[3 * index + 1];
        out[3 * x + 2] = palette[3 * index + 2];
      }
    },
  };
}
