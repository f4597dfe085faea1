/**
 * Calibration samples from a folder of images (subfolders included, e.g. one per class): each file goes
 * through the vision package's `prepareImage` — the decode, colour conversion and bicubic resize serving
 * uses — to the model input's size and channels, then the pixels (0..255) are normalised as the model
 * expects: (p − mean[c]) / std[c], or linearly onto a value range.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { prepareImage } from '@tflite-lambda/vision';
import { ConversionError } from '../read_layers.js';
import { formatShape, type CalibrationSample, type InputSpec } from './samples.js';

export type PixelNormalization =
  | { readonly kind: 'meanStd'; readonly mean: readonly number[]; readonly std: readonly number[] }
  | { readonly kind: 'range'; readonly min: number; readonly max: number };

export const IMAGE_EXTENSIONS = ['.png', '.jpg', '.jpeg'];

/** The image files under `dir`, sorted by path so the same folder always calibrates the same way. */
function imageFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...imageFiles(p));
    else if (IMAGE_EXTENSIONS.includes(extname(name).toLowerCase())) out.push(p);
  }
  return out;
}

/** Height, width and channels of an image input: [1,H,W,C] with C 1 or 3, or [1,H,W] for gray. */
function imageGeometry(spec: InputSpec, dir: string): { height: number; width: number; channels: 1 | 3 } {
  const s = spec.shape;
  const channels = s.length === 3 ? 1 : s[3];
  if (s[0] !== 1 || (s.length !== 4 && s.length !== 3) || (channels !== 1 && channels !== 3)) {
    throw new ConversionError(`${dir}: a folder of images calibrates an image input [1,H,W,1|3]; input '${spec.name}' has shape ${formatShape(s)} (give .npy, .json or a module instead)`);
  }
  return { height: s[1], width: s[2], channels };
}

function normalizer(n: PixelNormalization | undefined, channels: number): (p: number, c: number) => number {
  if (!n) return (p) => p;
  if (n.kind === 'range') return (p) => n.min + (p / 255) * (n.max - n.min);
  const pick = (v: readonly number[], what: string): number[] => {
    if (v.length === 1) return Array<number>(channels).fill(v[0]);
    if (v.length !== channels) throw new ConversionError(`--${what} has ${v.length} values; the input has ${channels} channel(s) (give 1 or ${channels})`);
    return [...v];
  };
  const mean = pick(n.mean, 'mean');
  const std = pick(n.std, 'std');
  if (std.some((s) => s === 0)) throw new ConversionError('--std must not be 0');
  return (p, c) => (p - mean[c]) / std[c];
}

export function loadImageSamples(dir: string, specs: readonly InputSpec[], limit: number, normalization?: PixelNormalization): CalibrationSample[] {
  if (specs.length !== 1) throw new ConversionError(`${dir}: a folder of images calibrates a single-input model; this one has ${specs.length} inputs (give .json or a module)`);
  const geometry = imageGeometry(specs[0], dir);
  const files = imageFiles(dir);
  if (files.length === 0) throw new ConversionError(`${dir}: no .png/.jpg images (and no .npy files) found`);
  // Evenly spaced files, so a class-per-subfolder layout contributes every class rather than the first.
  const picked = files.length <= limit ? files : Array.from({ length: limit }, (_, i) => files[Math.floor((i * files.length) / limit)]);
  const norm = normalizer(normalization, geometry.channels);
  return picked.map((file) => {
    let pixels: Uint8Array;
    try {
      pixels = prepareImage(readFileSync(file), geometry).data;
    } catch (err) {
      throw new ConversionError(`${file}: cannot use as a calibration image (${err instanceof Error ? err.message : String(err)})`);
    }
    const data = new Float32Array(pixels.length);
    for (let i = 0; i < pixels.length; i++) data[i] = norm(pixels[i], i % geometry.channels);
    return [data];
  });
}
