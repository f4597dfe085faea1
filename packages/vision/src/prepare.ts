/**
 * The one image pipeline, shared by serving and training: bytes (or decoded pixels) to the 8-bit gray or
 * RGB image a model takes, as `Image.open(f).convert('L' or 'RGB').resize((W, H))` does in Pillow. Rows go
 * from the decoder through the conversion into the streaming resampler, so the full-size image is never
 * materialised; the limits and one time budget cover decoding and resizing together.
 */
import { checkDecodedImage, rowConverter, type RowConverter } from './convert.js';
import { decodeRowsWithin } from './decode.js';
import { readImageHeader } from './header.js';
import { checkImageLimits, imageLimits, type ImageLimits } from './limits.js';
import { BicubicResizer } from './resize.js';
import { TimeBudget } from './time_budget.js';
import type { DecodedImage, Image8, ImageInput, RowFormat, RowSink } from './types.js';

/** A rectangle of the source image, in its pixels. */
export interface Region {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The size and colour of the pixels wanted: 1 channel (Pillow's "L") or 3 ("RGB"). */
export interface PixelTarget {
  readonly width: number;
  readonly height: number;
  readonly channels: 1 | 3;
  /**
   * The part of the source to resize, chosen from the source's size (default: all of it) — Pillow's
   * `crop(box).resize(size)`. Rows and columns outside it are decoded but never resampled.
   */
  readonly region?: (width: number, height: number) => Region;
}

/** The prepared pixels, with the source's size and the region of it they show. */
export interface PreparedImage extends Image8 {
  readonly source: { readonly width: number; readonly height: number };
  readonly region: Region;
}

export function isDecodedImage(input: ImageInput): input is DecodedImage {
  return !(input instanceof Uint8Array) && !(input instanceof ArrayBuffer);
}

/** Decodes (unless given pixels), converts and resizes, within `limits`. */
export function prepareImage(input: ImageInput, target: PixelTarget, limits: Partial<ImageLimits> = {}): PreparedImage {
  const full = imageLimits(limits);
  const budget = new TimeBudget(full.deadline);
  if (isDecodedImage(input)) {
    const image = checkDecodedImage(input);
    const sink = new ConvertResizeSink(target, regionIn(target, image), budget);
    feedDecoded(image, full, budget, sink);
    return sink.result();
  }
  const bytes = input instanceof ArrayBuffer ? new Uint8Array(input) : input;
  // The region is settled from the header, so a bad one is the caller's error and not the decoder's.
  const sink = new ConvertResizeSink(target, regionIn(target, readImageHeader(bytes)), budget);
  decodeRowsWithin(bytes, full, budget, sink);
  return sink.result();
}

function feedDecoded(image: DecodedImage, limits: ImageLimits, budget: TimeBudget, sink: RowSink): void {
  const { width, height, channels, bitDepth, data } = image;
  checkImageLimits({ width, height, channels, bytesPerSample: bitDepth === 16 ? 2 : 1 }, limits);
  budget.check();
  sink.start(image);
  const stride = width * channels;
  for (let y = 0; y < height; y++) sink.row(y, data.subarray(y * stride, (y + 1) * stride));
}

/** The target's region of an image of this size (the whole image without one); it must lie inside and hold a pixel. */
function regionIn(target: PixelTarget, { width, height }: { width: number; height: number }): Region {
  const region = target.region?.(width, height);
  if (region === undefined) return { x: 0, y: 0, width, height };
  const { x, y } = region;
  const inside = [x, y, region.width, region.height].every(Number.isInteger) && x >= 0 && y >= 0 && region.width >= 1 &&
    region.height >= 1 && x + region.width <= width && y + region.height <= height;
  if (!inside) throw new RangeError(`region ${JSON.stringify(region)} is not inside the ${width}x${height} image`);
  return region;
}

/** Converts each row to the target's channels and streams the region's part of it into the resampler. */
class ConvertResizeSink implements RowSink {
  private resizer: BicubicResizer | null = null;
  private toTarget: RowConverter | null = null;
  private converted = new Uint8Array(0);
  private source = { width: 0, height: 0 };

  constructor(
    private readonly target: PixelTarget,
    private readonly region: Region,
    private readonly budget: TimeBudget,
  ) {}

  start(format: RowFormat): void {
    const { width, height, channels } = this.target;
    this.source = { width: format.width, height: format.height };
    this.resizer = new BicubicResizer(this.region.width, this.region.height, channels, width, height, this.budget);
    this.toTarget = rowConverter(format, channels);
    this.converted = new Uint8Array(format.width * channels);
  }

  row(y: number, samples: Uint8Array | Uint16Array): void {
    if (!this.resizer || !this.toTarget) throw new RangeError('row before start');
    const { x, y: top, width, height } = this.region;
    if (y < top || y >= top + height) return;
    this.toTarget(samples, this.converted);
    const ch = this.target.channels;
    this.resizer.pushRow(this.converted.subarray(x * ch, (x + width) * ch));
    this.budget.spend(samples.length);
  }

  result(): PreparedImage {
    if (!this.resizer) throw new RangeError('no image was decoded');
    return { ...this.resizer.finish(), source: this.source, region: this.region };
  }
}
