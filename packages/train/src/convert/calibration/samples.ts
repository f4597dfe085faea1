/**
 * Calibration samples: one typed array per model input, in the model's input order, each holding one
 * example (batch 1) in C order. Every source (image folder, .npy, .json, module) ends here, so the checks
 * and their messages are the same whatever the data came from.
 */
import { ConversionError } from '../read_layers.js';

/** One representative example: a Float32Array (or Int32Array for integer inputs) per model input. */
export type CalibrationSample = readonly (Float32Array | Int32Array)[];

/** What calibration needs to know of a model input: its name, shape (batch 1) and element type. */
export interface InputSpec {
  readonly name: string;
  readonly shape: readonly number[];
  readonly dtype: 'float32' | 'int32';
}

export const formatShape = (shape: readonly number[]): string => `[${shape.join(',')}]`;

export const elementCount = (shape: readonly number[]): number => shape.reduce((n, d) => n * d, 1);

/** Throws a ConversionError naming `label` unless `sample` has one array of the right size per input. */
export function checkSample(sample: CalibrationSample, specs: readonly InputSpec[], label: string): void {
  if (sample.length !== specs.length) {
    throw new ConversionError(`${label}: ${sample.length} input tensor(s), but the model has ${specs.length} (${specs.map((s) => `'${s.name}' ${formatShape(s.shape)}`).join(', ')})`);
  }
  specs.forEach((spec, i) => {
    const got = sample[i].length;
    const want = elementCount(spec.shape);
    if (got !== want) throw new ConversionError(`${label}: input '${spec.name}' has ${got} values; the model expects shape ${formatShape(spec.shape)} (${want} values)`);
    const data = sample[i];
    for (let k = 0; k < data.length; k++) {
      if (!Number.isFinite(data[k])) throw new ConversionError(`${label}: input '${spec.name}' holds a non-finite value (${data[k]}) at element ${k}`);
    }
  });
}

/** A typed array of the spec's element type holding `values` (integer inputs must get integers). */
export function toInputArray(values: ArrayLike<number>, spec: InputSpec, label: string): Float32Array | Int32Array {
  if (spec.dtype === 'float32') return values instanceof Float32Array ? values : Float32Array.from(values);
  for (let k = 0; k < values.length; k++) {
    if (!Number.isInteger(values[k])) throw new ConversionError(`${label}: input '${spec.name}' is int32 but element ${k} is ${values[k]}`);
  }
  return values instanceof Int32Array ? values : Int32Array.from(values);
}

/**
 * A nested JS array (or a flat typed array) for one input, flattened in C order. A nested array must have
 * the input's shape, with or without its leading batch dimension of 1.
 */
export function flattenInput(value: unknown, spec: InputSpec, label: string): Float32Array | Int32Array {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return toInputArray(value as unknown as ArrayLike<number>, spec, label);
  if (!Array.isArray(value)) throw new ConversionError(`${label}: input '${spec.name}' must be an array of numbers (nested to shape ${formatShape(spec.shape)}), got ${describe(value)}`);
  const shape = nestedShape(value, `${label}: input '${spec.name}'`);
  const want = spec.shape;
  const fits = sameShape(shape, want) || (want[0] === 1 && sameShape(shape, want.slice(1))) || shape.length === 1 && shape[0] === elementCount(want);
  if (!fits) throw new ConversionError(`${label}: input '${spec.name}' has shape ${formatShape(shape)}; the model expects ${formatShape(want)}`);
  return toInputArray(value.flat(Infinity) as number[], spec, label);
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** The shape of a rectangular nested array of numbers; a ragged or non-numeric one is an error. */
function nestedShape(value: unknown[], where: string): number[] {
  const shape: number[] = [];
  let level: unknown = value;
  while (Array.isArray(level)) {
    shape.push(level.length);
    level = level[0];
  }
  const walk = (v: unknown, depth: number, path: string): void => {
    if (depth === shape.length) {
      if (typeof v !== 'number') throw new ConversionError(`${where}: element ${path} is ${describe(v)}, not a number`);
      return;
    }
    if (!Array.isArray(v) || v.length !== shape[depth]) throw new ConversionError(`${where}: ragged nested array at ${path || '[]'} (expected ${shape[depth]} items)`);
    v.forEach((x, i) => { walk(x, depth + 1, `${path}[${i}]`); });
  };
  walk(value, 0, '');
  return shape;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'string' ? `the string ${JSON.stringify(v.slice(0, 20))}` : typeof v;
}
