/** Pixel containers shared by the decoders, the Pillow-style conversions and the classifier. */

export type ImageFormat = 'png' | 'jpeg';

/**
 * Decoded pixels, interleaved and row-major. `channels` says what the samples are: 1 gray, 2 gray+alpha,
 * 3 RGB, 4 RGBA. 16-bit data (bitDepth 16, Uint16Array) is kept only where Pillow keeps it: 16-bit
 * grayscale PNGs (Pillow's mode "I"); every other 16-bit PNG is reduced to 8 bits at decode time, as Pillow does.
 */
export interface DecodedImage {
  width: number;
  height: number;
  channels: 1 | 2 | 3 | 4;
  bitDepth: 8 | 16;
  data: Uint8Array | Uint16Array;
}

/** Encoded bytes (PNG or JPEG) or pixels already decoded. */
export type ImageInput = Uint8Array | ArrayBuffer | DecodedImage;

/** What the header says, enough to price the image before decoding it. */
export interface ImageHeader {
  format: ImageFormat;
  width: number;
  height: number;
  /** Samples per pixel the decoder produces before conversion (a palette counts 3; a JPEG its components). */
  channels: number;
  /** 2 for 16-bit PNG samples, else 1. */
  bytesPerSample: 1 | 2;
}

/** The shape of the rows a decoder hands out: DecodedImage without the data. */
export type RowFormat = Omit<DecodedImage, 'data'>;

/**
 * Receives a decoded image one row at a time, top to bottom: `start` once, then `row` for y = 0..height-1.
 * A row's samples are only valid during the call (decoders reuse the buffer).
 */
export interface RowSink {
  start(format: RowFormat): void;
  row(y: number, samples: Uint8Array | Uint16Array): void;
}

/** An 8-bit image with 1 (L) or 3 (RGB) channels: what conversions produce and the resampler consumes. */
export interface Image8 {
  width: number;
  height: number;
  channels: 1 | 3;
  data: Uint8Array;
}
