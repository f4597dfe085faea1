/**
 * `convert`'s flags beyond the basics: the quantization mode, how calibration images are normalised
 * (--mean/--std or --input-range), and the metadata to write (--labels, --name, …). Parsing only; the
 * command does the work.
 */
import { readFileSync } from 'node:fs';
import type { ConversionMetadata, PixelNormalization, QuantizeMode } from '@tflite-lambda/train';
import { stringFlag, type ParsedArgs } from '../args.js';
import { CommandError, UsageError } from '../command.js';

const MODES: Record<string, QuantizeMode> = { none: 'none', dynamic: 'dynamic', float16: 'float16', int8: 'int8', int16x8: 'int16x8', '16x8': 'int16x8' };

export function quantizeFlag(p: ParsedArgs): QuantizeMode {
  const v = stringFlag(p, 'quantize') ?? 'none';
  const mode = MODES[v];
  if (!mode) throw new UsageError(`--quantize must be none, dynamic, float16, int8 or int16x8 (16x8), got '${v}'`);
  return mode;
}

function numberList(p: ParsedArgs, name: string): number[] | undefined {
  const v = stringFlag(p, name);
  if (v === undefined) return undefined;
  const list = v.split(',').map((s) => Number(s.trim()));
  if (list.length === 0 || list.some((x) => !Number.isFinite(x)) || v.trim() === '') throw new UsageError(`--${name} takes comma-separated numbers, got '${v}'`);
  return list;
}

/** Pixel normalization from --mean/--std (both, 1 or C values) or --input-range MIN,MAX; none without flags. */
export function normalizationFlags(p: ParsedArgs): PixelNormalization | undefined {
  const mean = numberList(p, 'mean');
  const std = numberList(p, 'std');
  const range = numberList(p, 'input-range');
  if ((mean === undefined) !== (std === undefined)) throw new UsageError('give --mean and --std together');
  if (range && mean) throw new UsageError('give either --mean/--std or --input-range, not both');
  if (range) {
    if (range.length !== 2 || !(range[0] < range[1])) throw new UsageError(`--input-range takes MIN,MAX with MIN < MAX, got '${stringFlag(p, 'input-range')}'`);
    return { kind: 'range', min: range[0], max: range[1] };
  }
  if (mean && std) {
    if (std.some((s) => s === 0)) throw new UsageError('--std must not be 0');
    return { kind: 'meanStd', mean, std };
  }
  return undefined;
}

/** The normalization as TFLite metadata states it: (x − mean) / std on 0..255 pixels. */
export function normalizationAsMeanStd(n: PixelNormalization, channels: number): { mean: number[]; std: number[] } {
  if (n.kind === 'meanStd') return { mean: [...n.mean], std: [...n.std] };
  // min + p/255·(max − min) = (p − mean)/std with std = 255/(max − min) and mean = −min·std.
  const std = 255 / (n.max - n.min);
  return { mean: Array<number>(channels).fill(-n.min * std), std: Array<number>(channels).fill(std) };
}

export function metadataFlags(p: ParsedArgs): Omit<ConversionMetadata, 'image' | 'normalization'> {
  const labelsPath = stringFlag(p, 'labels');
  let labels: string[] | undefined;
  if (labelsPath !== undefined) {
    let text: string;
    try {
      text = readFileSync(labelsPath, 'utf8');
    } catch {
      throw new CommandError(`${labelsPath}: cannot read the labels file`);
    }
    labels = text.split('\n').map((l) => l.replace(/\r$/, '')).filter((l, i, all) => l !== '' || all.slice(i).some((x) => x !== ''));
    if (labels.length === 0) throw new CommandError(`${labelsPath}: the labels file is empty`);
  }
  return {
    name: stringFlag(p, 'name'), description: stringFlag(p, 'description'), author: stringFlag(p, 'author'), license: stringFlag(p, 'license'),
    version: stringFlag(p, 'model-version'), inputDescription: stringFlag(p, 'input-description'), labels,
  };
}
