/**
 * The chunk layer of a PNG: walks the chunks after the signature, checks each one's length and CRC, and
 * keeps what decoding needs — the header, the palette and the compressed image data. As in Pillow, the
 * image data is the first run of consecutive IDAT chunks, a missing IEND after complete chunks is
 * tolerated, and unknown chunks are skipped.
 */
import { ImageError } from '../errors.js';
import { crc32 } from './crc32.js';
import { readIhdr, type PngHeader } from './ihdr.js';

export interface PngChunks {
  readonly header: PngHeader;
  /** PLTE entries as R, G, B bytes (null without a PLTE before the image data). */
  readonly palette: Uint8Array | null;
  /** The zlib stream: the IDAT chunks' data, concatenated. */
  readonly data: Uint8Array;
}

const SIGNATURE_LENGTH = 8;
const MAX_CHUNK_LENGTH = 0x7fffffff;

interface Chunk {
  readonly type: string;
  readonly at: number;
  readonly data: Uint8Array;
}

function corrupt(message: string): ImageError {
  return new ImageError('IMAGE_DECODE_FAILED', `PNG ${message}`);
}

function u32be(bytes: Uint8Array, at: number): number {
  return ((bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3]) >>> 0;
}

function isLetter(byte: number): boolean {
  return (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a);
}

/** The chunk starting at `at`, its length and CRC checked. */
function readChunk(bytes: Uint8Array, at: number): Chunk {
  const length = u32be(bytes, at);
  const typeBytes = bytes.subarray(at + 4, at + 8);
  if (length > MAX_CHUNK_LENGTH || !typeBytes.every(isLetter)) throw corrupt(`has a malformed chunk header at byte ${at}`);
  const type = String.fromCharCode(...typeBytes);
  const end = at + 12 + length;
  if (end > bytes.length) throw corrupt(`is truncated: chunk ${type} at byte ${at} needs ${end} bytes, the file has ${bytes.length}`);
  const stored = u32be(bytes, end - 4);
  if (crc32(bytes, at + 4, end - 4) !== stored) throw corrupt(`chunk ${type} at byte ${at} fails its CRC check`);
  return { type, at, data: bytes.subarray(at + 8, end - 4) };
}

function readPalette(chunk: Chunk): Uint8Array {
  const { length } = chunk.data;
  if (length === 0 || length % 3 !== 0 || length > 256 * 3) {
    throw corrupt(`PLTE chunk has ${length} bytes; a palette holds 1 to 256 RGB entries`);
  }
  return chunk.data;
}

export function readPngChunks(bytes: Uint8Array): PngChunks {
  const header = readIhdr(bytes);
  let palette: Uint8Array | null = null;
  const idat: Uint8Array[] = [];
  let idatEnded = false;
  let at = SIGNATURE_LENGTH;
  while (at < bytes.length) {
    if (at + 12 > bytes.length) throw corrupt(`is truncated inside the chunk header at byte ${at}`);
    const chunk = readChunk(bytes, at);
    at += 12 + chunk.data.length;
    if (chunk.type === 'IEND') break;
    if (chunk.type === 'IDAT') {
      if (!idatEnded) idat.push(chunk.data);
      continue;
    }
    if (idat.length > 0) idatEnded = true;
    if (chunk.type === 'IHDR' && chunk.at !== SIGNATURE_LENGTH) throw corrupt(`has a second IHDR chunk at byte ${chunk.at}`);
    if (chunk.type === 'PLTE' && idat.length === 0 && header.colorType === 3) palette = readPalette(chunk);
  }
  if (idat.length === 0) throw corrupt('has no image data (no IDAT chunk)');
  if (header.colorType === 3 && palette === null) throw corrupt('is a palette image without a PLTE chunk');
  const data = idat.length === 1 ? idat[0] : new Uint8Array(Buffer.concat(idat));
  return { header, palette, data };
}
