/**
 * The one image pipeline, shared by serving and training: bytes (or decoded pixels) to the 8-bit gray or
 * RGB image a model takes, as `Image.open(f).convert('L' or 'RGB').resize((W, H))` does in Pillow. Rows go
 * from the decoder through the conversion into the streaming resampler, so the full-size image is never
 * materialised; the limits and one time budget cover decoding and resizing together.
 */
import { checkDecodedImage, rowConverter, type RowConverter } from './convert.js';
import { decodeRowsWithin } from './decode.js';
import { checkImageLimits, imageLimits, type ImageLimits } from './limits.js';
import { BicubicResizer } from './resize.js';
import { TimeBudget } from './time_budget.js';
import type { DecodedImage, Image8, ImageInput, RowFormat, RowSink } from './types.js';

/** The size and colour of the pixels wanted: 1 channel (Pillow's "L") or 3 ("RGB"). */
export interface PixelTarget {
  readonly width: number;
  readonly height: number;
  readonly channels: 1 | 3;
}

export function isDecodedImage(input: ImageInput): input is DecodedImage {
  return !(input instanceof Uint8Array) && !(input instanceof ArrayBuffer);
}

/** Decodes (unless given pixels), converts and resizes, within `limits`. */
export function prepareImage(input: ImageInput, target: PixelTarget, limits: Partial<ImageLimits> = {}): Image8 {
  const full = imageLimits(limits);
  const budget = new TimeBudget(full.deadline);
  const sink = new ConvertResizeSink(target, budget);
  if (isDecodedImage(input)) feedDecoded(input, full, budget, sink);
  else decodeRowsWithin(input instanceof ArrayBuffer ? new Uint8Array(input) : input, full, budget, sink);
  return sink.result();
}

function feedDecoded(image: DecodedImage, limits: ImageLimits, budget: TimeBudget, sink: RowSink): void {
  const { width, height, channels, bitDepth, data } = checkDecodedImage(image);
  checkImageLimits({ width, height, channels, bytesPerSample: bitDepth === 16 ? 2 : 1 }, limits);
  budget.check();
  sink.start(image);
  const stride = width * channels;
  for (let y = 0; y < height; y++) sink.row(y, data.subarray(y * stride, (y + 1) * stride));
}

/** Converts each row to the target's channels and streams it into the resampler. */
class ConvertResizeSink implements RowSink {
  private resizer: BicubicResizer | null = null;
  private toTarget: RowConverter | null = null;
  private converted = new Uint8Array(0);

  constructor(
    private readonly target: PixelTarget,
    private readonly budget: TimeBudget,
  ) {}

  start(format: RowFormat): void {
    const { width, height, channels } = this.target;
    this.resizer = new BicubicResizer(format.width, format.height, channels, width, height, this.budget);
    this.toTarget = rowConverter(format, channels);
    this.converted = new Uint8Array(format.width * channels);
  }

  row(_y: number, samples: Uint8Array | Uint16Array): void {
    if (!this.resizer || !this.toTarget) throw new RangeError('row before start');
    this.toTarget(samples, this.converted);
    this.resizer.pushRow(this.converted);
    this.budget.spend(samples.length);
  }

  result(): Image8 {
    if (!this.resizer) throw new RangeError('no image was decoded');
    return this.resizer.finish();
  }
}
