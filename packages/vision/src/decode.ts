/**
 * Decoding entry points. Every path reads the header, checks the limits, then runs the format's row decoder
 * under a time budget; a decoder's unexpected exception surfaces as an ImageDecoderBug, never as a verdict
 * on the image.
 */
import { guardDecoder, ImageError } from './errors.js';
import { readImageHeader } from './header.js';
import { decodeJpegRows } from './jpeg/decoder.js';
import { checkImageLimits, imageLimits, type ImageLimits } from './limits.js';
import { decodePngRows } from './png/decoder.js';
import { TimeBudget } from './time_budget.js';
import type { DecodedImage, ImageHeader, RowFormat, RowSink } from './types.js';

/** Decodes PNG or JPEG bytes into `sink`, row by row; returns the header. */
export function decodeImageRows(bytes: Uint8Array, sink: RowSink, limits: Partial<ImageLimits> = {}): ImageHeader {
  const full = imageLimits(limits);
  return decodeRowsWithin(bytes, full, new TimeBudget(full.deadline), sink);
}

/** decodeImageRows with the limits resolved and a budget shared with whatever consumes the rows. */
export function decodeRowsWithin(bytes: Uint8Array, limits: ImageLimits, budget: TimeBudget, sink: RowSink): ImageHeader {
  const header = readImageHeader(bytes);
  checkImageLimits(header, limits);
  budget.check();
  const checked = sizeCheckedSink(header, sink);
  const decode = header.format === 'png' ? decodePngRows : decodeJpegRows;
  guardDecoder(header.format.toUpperCase(), () => decode(bytes, limits, budget, checked));
  return header;
}

/** The decoder must produce the size its header announced (a JPEG's frame is read twice, by two walkers). */
function sizeCheckedSink(header: ImageHeader, sink: RowSink): RowSink {
  return {
    start(format) {
      if (format.width !== header.width || format.height !== header.height) {
        throw new ImageError(
          'IMAGE_DECODE_FAILED',
          `decoded size ${format.width}x${format.height} differs from the header's ${header.width}x${header.height}`,
        );
      }
      sink.start(format);
    },
    row: (y, samples) => sink.row(y, samples),
  };
}

/**
 * Decodes PNG or JPEG bytes into one pixel buffer. The limits (pixels, each dimension, decoded bytes) are
 * checked from the header before any pixel memory is allocated.
 */
export function decodeImage(bytes: Uint8Array, limits: Partial<ImageLimits> = {}): DecodedImage {
  const collected: { image?: DecodedImage; rowLength: number } = { rowLength: 0 };
  decodeImageRows(bytes, {
    start(format: RowFormat) {
      const rowLength = format.width * format.channels;
      const samples = rowLength * format.height;
      collected.rowLength = rowLength;
      collected.image = { ...format, data: format.bitDepth === 16 ? new Uint16Array(samples) : new Uint8Array(samples) };
    },
    row(y, samples) {
      collected.image?.data.set(samples.subarray(0, collected.rowLength), y * collected.rowLength);
    },
  }, limits);
  if (!collected.image) throw new ImageError('IMAGE_DECODE_FAILED', 'the decoder produced no image');
  return collected.image;
}
