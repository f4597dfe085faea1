import { readFileSync } from 'node:fs';
import type { ImageLimits } from '@tflite-lambda/vision';
import { ClassifierError } from './errors.js';

/**
 * How pixel values (0..255 after conversion and resizing) become a float32 model input:
 * 'none' keeps 0..255, 'zero-one' divides by 255, 'minus-one-one' maps to -1..1, and { mean, std } computes
 * (pixel - mean[c]) / std[c] with mean and std in the same 0..255 units (one value, or one per channel).
 * For int8 inputs the normalised value is what gets quantized; uint8 inputs always take the pixels as-is.
 */
export type Normalization = 'none' | 'zero-one' | 'minus-one-one' | { mean: number[]; std: number[] };

export interface ClassifierOptions {
  /** Class names: an array, or the path of a file with one label per line. */
  labels?: readonly string[] | string;
  normalization?: Normalization;
  /**
   * Invert gray levels before inference. 'auto' inverts when the image is dark-on-light (its border is
   * brighter than mid-gray), since MNIST-style models want light strokes on a dark background. Default false.
   */
  invert?: boolean | 'auto';
  /** Refuse images with more pixels than this (checked from the header before decoding). Default 16_000_000. */
  maxPixels?: number;
  /** The other image limits (each dimension, decoded bytes); vision's DEFAULT_IMAGE_LIMITS where absent. */
  imageLimits?: Partial<Omit<ImageLimits, 'deadline'>>;
}

/** Per-call options: when decoding and resizing the image must be done (performance.now() ms). */
export interface PredictOptions {
  readonly deadline?: number;
}

/** Labels from an array or a file (one per line; trailing blank lines and CR characters are ignored). */
export function loadLabels(labels: readonly string[] | string | undefined): readonly string[] | null {
  if (labels === undefined) return null;
  if (typeof labels !== 'string') return Object.freeze([...labels]);
  let text: string;
  try {
    text = readFileSync(labels, 'utf8');
  } catch (err) {
    throw new ClassifierError('LABELS_UNREADABLE', `cannot read labels file '${labels}': ${String(err)}`, { cause: err });
  }
  const lines = text.split('\n').map((line) => line.replace(/\r$/, ''));
  while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
  return Object.freeze(lines);
}

/** Maps a 0..255 pixel of channel `c` to the model's real input value. */
export function normalizer(normalization: Normalization = 'none', channels: number): (pixel: number, c: number) => number {
  if (normalization === 'none') return (p) => p;
  if (normalization === 'zero-one') return (p) => p / 255;
  if (normalization === 'minus-one-one') return (p) => p / 127.5 - 1;
  const { mean, std } = normalization;
  const fits = (a: number[]): boolean => a.length === 1 || a.length === channels;
  if (!fits(mean) || !fits(std) || std.some((s) => s === 0 || !Number.isFinite(s))) {
    throw new ClassifierError(
      'BAD_OPTIONS',
      `normalization mean/std need 1 or ${channels} values and non-zero std (got mean [${mean}], std [${std}])`,
    );
  }
  return (p, c) => (p - mean[mean.length === 1 ? 0 : c]) / std[std.length === 1 ? 0 : c];
}
