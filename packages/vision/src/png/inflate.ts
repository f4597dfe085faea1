/**
 * Inflates a PNG's image data with node's zlib into one buffer of exactly the size the header implies.
 * The output is capped at that size, so a deflate bomb costs no more memory than an honest file of the
 * same dimensions; the compression library's own messages stay in the error's cause, never in what a client reads.
 */
import { constants, inflateSync } from 'node:zlib';
import { ImageError } from '../errors.js';

/** zlib's smallest output chunk. */
const MIN_CHUNK = 64;

/**
 * The inflated stream, `expected` bytes long. A chunk size above `expected` lets zlib write everything into
 * a single buffer (no concatenation copy); a stream that would inflate past `expected` is stopped there.
 */
export function inflateImageData(data: Uint8Array, expected: number): Uint8Array {
  let raw: Buffer;
  try {
    raw = inflateSync(data, {
      finishFlush: constants.Z_SYNC_FLUSH, // a truncated stream yields what it has, measured below
      chunkSize: Math.max(MIN_CHUNK, expected + 1),
      maxOutputLength: expected,
    });
  } catch (err) {
    if (err instanceof RangeError) {
      throw new ImageError('IMAGE_DECODE_FAILED', `PNG image data inflates to more than the ${expected} bytes its header calls for`, { cause: err });
    }
    throw new ImageError('IMAGE_DECODE_FAILED', 'PNG image data is corrupt: its compressed stream does not inflate', { cause: err });
  }
  if (raw.length < expected) {
    throw new ImageError('IMAGE_DECODE_FAILED', `PNG image data is truncated: ${raw.length} of ${expected} bytes`);
  }
  return new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength);
}
