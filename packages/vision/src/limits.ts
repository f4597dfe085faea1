/**
 * What an image may cost before we decode it. Every limit is judged from the header, before any pixel
 * memory exists, and again by each decoder at the point where it allocates (so a file whose header and
 * body disagree cannot slip past). The defaults keep the worst accepted image inside the example's Lambda
 * budget (1024 MB, 10 s); the README records the measurements behind them.
 */
import { ImageError } from './errors.js';
import type { ImageHeader } from './types.js';

/** What the limits judge: a header's size and sample layout (the format only names it in messages). */
export type ImageSize = Omit<ImageHeader, 'format'> & { format?: ImageHeader['format'] };

export interface ImageLimits {
  /** Width x height. */
  readonly maxPixels: number;
  /** Each dimension on its own: a 1 x 16 000 000 strip is within the pixel limit but costs per row. */
  readonly maxWidth: number;
  readonly maxHeight: number;
  /** Width x height x channels x bytes per sample of what the file decodes to (16-bit samples count 2). */
  readonly maxDecodedBytes: number;
  /**
   * JPEG coefficient visits all scans together may need, judged from each scan's header before it is
   * decoded: a baseline file visits each coefficient once, a progressive one once per scan covering it.
   */
  readonly maxScanWork: number;
  /**
   * When decoding and resizing must be done, in `performance.now()` milliseconds; past it they stop with
   * IMAGE_DECODE_TIMEOUT. Infinity (the default) for no deadline.
   */
  readonly deadline: number;
}

/** 16 megapixels: a 4608x3456 phone photo. */
export const DEFAULT_MAX_PIXELS = 16_000_000;

export const DEFAULT_IMAGE_LIMITS: ImageLimits = Object.freeze({
  maxPixels: DEFAULT_MAX_PIXELS,
  maxWidth: 16_384,
  maxHeight: 16_384,
  // 16 MP of RGBA at 8 bits, or 8 MP at 16 bits.
  maxDecodedBytes: 64_000_000,
  // What 12.5 MP of 4:4:4 progressive at four passes needs; a baseline 16 MP photo needs a third of it.
  maxScanWork: 150_000_000,
  deadline: Infinity,
});

/** The defaults with `overrides` applied; a limit that is not a positive number is a programming error. */
export function imageLimits(overrides: Partial<ImageLimits> = {}): ImageLimits {
  const limits = { ...DEFAULT_IMAGE_LIMITS };
  for (const [key, value] of Object.entries(overrides) as [keyof ImageLimits, number | undefined][]) {
    if (value === undefined) continue;
    if (typeof value !== 'number' || Number.isNaN(value) || (key !== 'deadline' && value <= 0)) {
      throw new TypeError(`image limit ${key} must be a positive number, got ${String(value)}`);
    }
    limits[key] = value;
  }
  return limits;
}

export function decodedBytesOf(header: ImageSize): number {
  return header.width * header.height * header.channels * header.bytesPerSample;
}

/** Throws IMAGE_TOO_LARGE naming the first limit the header's image would pass. */
export function checkImageLimits(header: ImageSize, limits: ImageLimits): void {
  const { width, height } = header;
  const what = `${header.format === undefined ? 'image' : `${header.format.toUpperCase()} image`} is ${width}x${height}`;
  const refuse = (why: string): never => {
    throw new ImageError('IMAGE_TOO_LARGE', `${what}: ${why}`);
  };
  if (width > limits.maxWidth) refuse(`its width is more than the limit of ${limits.maxWidth}`);
  if (height > limits.maxHeight) refuse(`its height is more than the limit of ${limits.maxHeight}`);
  const pixels = width * height;
  if (pixels > limits.maxPixels) refuse(`${pixels} pixels, more than the limit of ${limits.maxPixels}`);
  const bytes = decodedBytesOf(header);
  if (bytes > limits.maxDecodedBytes) {
    const sample = header.bytesPerSample === 2 ? '16-bit ' : '';
    refuse(`${header.channels} ${sample}channel(s) decode to ${bytes} bytes, more than the limit of ${limits.maxDecodedBytes}`);
  }
}
