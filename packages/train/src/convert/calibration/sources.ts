/**
 * Representative inputs for full-integer calibration from a path: a folder of images, a folder of .npy
 * files, one .npy file, a .json file, or a JS module (.mjs/.js) whose default export yields samples.
 * Whatever the source, samples come out as one typed array per model input, checked against the model's
 * input shapes with errors naming the sample.
 */
import { readFileSync, readdirSync, statSync, type Stats } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConversionError } from '../read_layers.js';
import { loadImageSamples, IMAGE_EXTENSIONS, type PixelNormalization } from './image_samples.js';
import { readNpy, type NpyArray } from './npy.js';
import { sampleFromValue } from './sample_values.js';
import { checkSample, formatShape, toInputArray, type CalibrationSample, type InputSpec } from './samples.js';

export interface CalibrationSourceOptions {
  /** At most this many samples (image folders pick evenly spaced files; other sources the first N). */
  readonly limit?: number;
  /** How image pixels (0..255) become model input values (default: unchanged). */
  readonly normalization?: PixelNormalization;
}

export const DEFAULT_CALIBRATION_LIMIT = 200;

export async function loadCalibrationSamples(path: string, specs: readonly InputSpec[], opts: CalibrationSourceOptions = {}): Promise<CalibrationSample[]> {
  const limit = opts.limit ?? DEFAULT_CALIBRATION_LIMIT;
  if (!(limit >= 1)) throw new ConversionError(`calibration sample limit must be at least 1, got ${limit}`);
  let stat: Stats;
  try {
    stat = statSync(path);
  } catch {
    throw new ConversionError(`${path}: no such calibration file or folder`);
  }
  let samples: CalibrationSample[];
  if (stat.isDirectory()) {
    const names = readdirSync(path).sort();
    samples = names.some((n) => extname(n).toLowerCase() === '.npy')
      ? npyFolderSamples(path, names.filter((n) => extname(n).toLowerCase() === '.npy'), specs, limit)
      : loadImageSamples(path, specs, limit, opts.normalization);
  } else {
    const ext = extname(path).toLowerCase();
    if (ext === '.npy') samples = npySamples([readNpy(readFileSync(path), path)], specs, path, limit);
    else if (ext === '.json') samples = jsonSamples(path, specs, limit);
    else if (ext === '.mjs' || ext === '.js' || ext === '.cjs') samples = await moduleSamples(path, specs, limit);
    else if (IMAGE_EXTENSIONS.includes(ext)) throw new ConversionError(`${path}: give the folder of calibration images, not one image`);
    else throw new ConversionError(`${path}: calibration data must be a folder of images or .npy files, a .npy, a .json or a .mjs/.js module`);
  }
  if (samples.length === 0) throw new ConversionError(`${path}: no calibration samples found`);
  return samples;
}

function jsonSamples(path: string, specs: readonly InputSpec[], limit: number): CalibrationSample[] {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new ConversionError(`${path}: not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  if (!Array.isArray(value)) throw new ConversionError(`${path}: a calibration .json holds an array of samples`);
  return value.slice(0, limit).map((v, i) => sampleFromValue(v, specs, `${path} sample ${i}`));
}

/** The default export: samples as an array, (async) iterable, or a function returning one of those. */
async function moduleSamples(path: string, specs: readonly InputSpec[], limit: number): Promise<CalibrationSample[]> {
  let mod: { default?: unknown };
  try {
    mod = (await import(pathToFileURL(resolve(path)).href)) as { default?: unknown };
  } catch (err) {
    throw new ConversionError(`${path}: cannot load the calibration module (${err instanceof Error ? err.message : String(err)})`);
  }
  let source = mod.default;
  if (typeof source === 'function') source = await (source as (inputs: readonly InputSpec[]) => unknown)(specs);
  const iterable = source as { [Symbol.asyncIterator]?: unknown; [Symbol.iterator]?: unknown } | null;
  if (iterable === null || typeof iterable !== 'object' || (typeof iterable[Symbol.asyncIterator] !== 'function' && typeof iterable[Symbol.iterator] !== 'function')) {
    throw new ConversionError(`${path}: the default export must be an iterable or async iterable of samples (or a function returning one)`);
  }
  const out: CalibrationSample[] = [];
  for await (const value of source as AsyncIterable<unknown> | Iterable<unknown>) {
    out.push(sampleFromValue(value, specs, `${path} sample ${out.length}`));
    if (out.length >= limit) break;
  }
  return out;
}

/** A folder of .npy files: `<input name>.npy` per input for a multi-input model; any files for one input. */
function npyFolderSamples(dir: string, files: string[], specs: readonly InputSpec[], limit: number): CalibrationSample[] {
  if (specs.length === 1) return npySamples(files.map((f) => readNpy(readFileSync(join(dir, f)), join(dir, f))), specs, dir, limit);
  const arrays = specs.map((s) => {
    const file = files.find((f) => basename(f, extname(f)) === s.name);
    if (!file) throw new ConversionError(`${dir}: no '${s.name}.npy' for model input '${s.name}' (a multi-input model takes one .npy per input)`);
    return readNpy(readFileSync(join(dir, file)), join(dir, file));
  });
  const perInput = specs.map((s, i) => splitNpy(arrays[i], s, join(dir, `${s.name}.npy`)));
  const count = Math.min(...perInput.map((p) => p.length));
  if (perInput.some((p) => p.length !== count)) throw new ConversionError(`${dir}: the per-input .npy files hold different sample counts (${perInput.map((p) => p.length).join(', ')})`);
  return Array.from({ length: Math.min(count, limit) }, (_, i) => {
    const sample = perInput.map((p) => p[i]);
    checkSample(sample, specs, `${dir} sample ${i}`);
    return sample;
  });
}

function npySamples(arrays: NpyArray[], specs: readonly InputSpec[], label: string, limit: number): CalibrationSample[] {
  if (specs.length !== 1) throw new ConversionError(`${label}: the model has ${specs.length} inputs; give a folder with one '<input name>.npy' per input`);
  const out: CalibrationSample[] = [];
  for (const [k, a] of arrays.entries()) {
    for (const t of splitNpy(a, specs[0], arrays.length === 1 ? label : `${label} file ${k}`)) {
      if (out.length >= limit) return out;
      out.push([t]);
    }
  }
  return out;
}

/**
 * One input's samples from an array shaped like the input without its batch dimension (one sample) or with
 * a leading sample dimension N ([N, ...input shape without batch]).
 */
function splitNpy(a: NpyArray, spec: InputSpec, label: string): (Float32Array | Int32Array)[] {
  const inner = spec.shape[0] === 1 ? spec.shape.slice(1) : spec.shape;
  const per = inner.reduce((n, d) => n * d, 1);
  const same = (x: readonly number[], y: readonly number[]) => x.length === y.length && x.every((d, i) => d === y[i]);
  let count: number;
  if (same(a.shape, inner)) count = 1;
  else if (same(a.shape.slice(1), inner)) count = a.shape[0];
  else throw new ConversionError(`${label}: array of shape ${formatShape(a.shape)} does not hold samples for input '${spec.name}' of shape ${formatShape(spec.shape)} (want [N,${inner.join(',')}])`);
  return Array.from({ length: count }, (_, i) => toInputArray(a.data.subarray(i * per, (i + 1) * per), spec, `${label} sample ${i}`));
}
