/**
 * How pixel values (0..255 after conversion and resizing) become a float32 model input. 'none' keeps
 * 0..255, 'zero-one' divides by 255, 'minus-one-one' maps to -1..1, and { mean, std } computes
 * (pixel - mean[c]) / std[c] with mean and std in the same 0..255 units (one value, or one per channel) —
 * the form of the metadata's NormalizationOptions. For int8 inputs the normalised value is what gets
 * quantized; uint8 inputs always take the pixels as they are.
 */
import type { TensorMetadata } from '@tflite-lambda/runtime/metadata';
import { TaskError } from '../core/errors.js';

export type Normalization = 'none' | 'zero-one' | 'minus-one-one' | { readonly mean: readonly number[]; readonly std: readonly number[] };

/** The NormalizationOptions of an input's metadata, if it has them. */
export function metadataNormalization(tensor: TensorMetadata | undefined): Normalization | undefined {
  const unit = tensor?.processUnits?.find((u) => u.kind === 'normalization');
  return unit?.kind === 'normalization' ? { mean: unit.mean, std: unit.std } : undefined;
}

/** Maps a 0..255 pixel of channel `c` to the model's real input value. */
export function normalizer(normalization: Normalization = 'none', channels: number): (pixel: number, c: number) => number {
  if (normalization === 'none') return (p) => p;
  if (normalization === 'zero-one') return (p) => p / 255;
  if (normalization === 'minus-one-one') return (p) => p / 127.5 - 1;
  const { mean, std } = normalization;
  const fits = (a: readonly number[]): boolean => a.length === 1 || a.length === channels;
  if (!fits(mean) || !fits(std) || std.some((s) => s === 0 || !Number.isFinite(s))) {
    throw new TaskError(
      'BAD_OPTIONS',
      `normalization mean/std need 1 or ${channels} values and non-zero std (got mean [${mean}], std [${std}])`,
    );
  }
  return (p, c) => (p - mean[mean.length === 1 ? 0 : c]) / std[std.length === 1 ? 0 : c];
}
