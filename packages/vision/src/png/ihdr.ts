/** The PNG header chunk (IHDR): size, bit depth, colour type, interlacing, validated as the spec allows. */
import { ImageError, validSize } from '../errors.js';
import type { ImageHeader } from '../types.js';

export interface PngHeader {
  readonly width: number;
  readonly height: number;
  /** Bits per sample (per palette index for colour type 3). */
  readonly depth: number;
  /** 0 gray, 2 RGB, 3 palette, 4 gray+alpha, 6 RGBA. */
  readonly colorType: number;
  readonly interlaced: boolean;
}

/** Samples per pixel stored in the file, and the depths each colour type allows (PNG spec, table 11.1). */
const COLOR_TYPES: Record<number, { samples: number; depths: number[] }> = {
  0: { samples: 1, depths: [1, 2, 4, 8, 16] },
  2: { samples: 3, depths: [8, 16] },
  3: { samples: 1, depths: [1, 2, 4, 8] },
  4: { samples: 2, depths: [8, 16] },
  6: { samples: 4, depths: [8, 16] },
};

const IHDR_DATA = 16; // signature (8), chunk length (4) and type (4)
const IHDR_LENGTH = 13;

function u32be(bytes: Uint8Array, at: number): number {
  return ((bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3]) >>> 0;
}

function corrupt(message: string): ImageError {
  return new ImageError('IMAGE_DECODE_FAILED', `PNG ${message}`);
}

/** The IHDR fields; the chunk must come first, right after the signature. Its CRC is checked by the decoder. */
export function readIhdr(bytes: Uint8Array): PngHeader {
  const isIhdr = bytes.length >= IHDR_DATA + IHDR_LENGTH && String.fromCharCode(...bytes.subarray(12, 16)) === 'IHDR';
  if (!isIhdr) throw corrupt('is truncated or does not start with an IHDR chunk');
  if (u32be(bytes, 8) !== IHDR_LENGTH) throw corrupt(`IHDR chunk has length ${u32be(bytes, 8)}, not ${IHDR_LENGTH}`);
  const { width, height } = validSize('PNG', u32be(bytes, 16), u32be(bytes, 20));
  if (width > 0x7fffffff || height > 0x7fffffff) throw corrupt(`header gives an invalid size ${width}x${height}`);
  const [depth, colorType, compression, filter, interlace] = bytes.subarray(24, 29);
  const type = COLOR_TYPES[colorType];
  if (type === undefined) throw corrupt(`has invalid colour type ${colorType}`);
  if (!type.depths.includes(depth)) throw corrupt(`colour type ${colorType} cannot have bit depth ${depth}`);
  if (compression !== 0 || filter !== 0 || interlace > 1) {
    throw corrupt(`header has unknown compression ${compression}, filter ${filter} or interlace ${interlace} method`);
  }
  return { width, height, depth, colorType, interlaced: interlace === 1 };
}

export function samplesPerPixel(header: PngHeader): number {
  return COLOR_TYPES[header.colorType].samples;
}

/** Channels of the decoded rows: a palette expands to RGB. */
export function decodedChannels(header: PngHeader): 1 | 2 | 3 | 4 {
  return header.colorType === 3 ? 3 : (samplesPerPixel(header) as 1 | 2 | 3 | 4);
}

export function pngImageHeader(header: PngHeader): ImageHeader {
  const { width, height } = header;
  return { format: 'png', width, height, channels: decodedChannels(header), bytesPerSample: header.depth === 16 ? 2 : 1 };
}
