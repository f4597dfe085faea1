/** What the marker segments describe and what the scans fill in, shared by the decoder's stages. */
import { ImageError } from '../errors.js';

export interface HuffmanTable {
  /** For codes of up to LOOKAHEAD bits: (code length << 8) | symbol, indexed by the next LOOKAHEAD bits; 0 = longer. */
  lookup: Uint16Array;
  /** Per code length 1..16: the largest code of that length (-1 if none), for codes longer than LOOKAHEAD. */
  maxCode: Int32Array;
  /** Per code length: index in `symbols` of the first code minus that code's value. */
  valueOffset: Int32Array;
  symbols: Uint8Array;
}

export interface FrameComponent {
  id: number;
  h: number;
  v: number;
  quantTable: number;
  /** Samples per line and lines of this component: ceil(width * h / hMax), ceil(height * v / vMax). */
  width: number;
  height: number;
  /** Blocks per line and per column as stored: whole MCUs, so the interleaved scans never leave the array. */
  blocksPerLine: number;
  blocksPerColumn: number;
  /** Quantized coefficients in natural (row-major) order, 64 per block. */
  coefs: Int16Array;
}

export interface Frame {
  progressive: boolean;
  width: number;
  height: number;
  hMax: number;
  vMax: number;
  mcusPerLine: number;
  mcusPerColumn: number;
  components: FrameComponent[];
}

export interface ScanComponent {
  component: FrameComponent;
  dcTable: HuffmanTable | undefined;
  acTable: HuffmanTable | undefined;
  /** DC predictor, reset at each restart. */
  pred: number;
}

export interface Scan {
  components: ScanComponent[];
  ss: number;
  se: number;
  ah: number;
  al: number;
  restartInterval: number;
}

export function corrupt(message: string): ImageError {
  return new ImageError('IMAGE_DECODE_FAILED', `JPEG ${message}`);
}

/** Zigzag index -> natural index, with 16 extra entries of 63 so that an over-long run cannot leave the block (as libjpeg). */
export const NATURAL_ORDER = new Uint8Array([
  0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21,
  28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61,
  54, 47, 55, 62, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63,
]);
