/**
 * A completeness check of a PNG's compressed image data. pngjs does not notice when the IDAT stream
 * inflates to fewer bytes than the image needs: it then unfilters uninitialised memory and may return a
 * garbage image instead of failing. So the stream is inflated once here and its length compared with what
 * the header requires, before pngjs decodes. (It costs a second inflate, cheap next to the rest of decoding.)
 */
import { constants, inflateSync } from 'node:zlib';
import { ImageError } from './errors.js';

const SAMPLES_PER_PIXEL: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
// Adam7 passes: x0, y0, dx, dy.
const ADAM7 = [[0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2]];

/** Bytes of filtered scanlines (one filter byte per row) the header implies. */
export function expectedRawSize(width: number, height: number, depth: number, colorType: number, interlaced: boolean): number {
  const bitsPerPixel = (SAMPLES_PER_PIXEL[colorType] ?? 0) * depth;
  const rows = (w: number, h: number): number => (w > 0 && h > 0 ? h * (1 + Math.ceil((w * bitsPerPixel) / 8)) : 0);
  if (!interlaced) return rows(width, height);
  return ADAM7.reduce((sum, [x0, y0, dx, dy]) => sum + rows(Math.ceil((width - x0) / dx), Math.ceil((height - y0) / dy)), 0);
}

function idatStream(bytes: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [];
  for (let at = 8; at + 12 <= bytes.length; ) {
    const length = ((bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3]) >>> 0;
    if (String.fromCharCode(...bytes.subarray(at + 4, at + 8)) === 'IDAT') parts.push(bytes.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  return Buffer.concat(parts);
}

export function checkPngDataComplete(bytes: Uint8Array): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  const expected = expectedRawSize(width, height, bytes[24], bytes[25], bytes[28] === 1);
  let inflated: number;
  try {
    // Partial streams are measured rather than rejected here; a longer stream stops at expected + 1 bytes.
    inflated = inflateSync(idatStream(bytes), { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: expected + 1 }).length;
  } catch (err) {
    if (err instanceof RangeError) return; // more data than needed: pngjs ignores the excess, as libpng does
    throw new ImageError('IMAGE_DECODE_FAILED', `PNG image data does not inflate: ${String(err)}`, { cause: err });
  }
  if (inflated < expected) {
    throw new ImageError('IMAGE_DECODE_FAILED', `PNG image data is truncated: ${inflated} of ${expected} bytes`);
  }
}
