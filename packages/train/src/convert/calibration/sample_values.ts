/**
 * Samples from plain JS values (parsed JSON, or what a calibration module yields): for a single-input model
 * the value is that input's tensor (nested array or typed array, optionally wrapped in a one-item array);
 * for any model it may be an object keyed by input name or an array with one tensor per input.
 */
import { ConversionError } from '../read_layers.js';
import { checkSample, flattenInput, type CalibrationSample, type InputSpec } from './samples.js';

const isTyped = (v: unknown): boolean => ArrayBuffer.isView(v) && !(v instanceof DataView);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) && !isTyped(v);

export function sampleFromValue(value: unknown, specs: readonly InputSpec[], label: string): CalibrationSample {
  let sample: CalibrationSample;
  if (isRecord(value)) {
    const unknown = Object.keys(value).filter((k) => !specs.some((s) => s.name === k));
    if (unknown.length > 0) throw new ConversionError(`${label}: no model input named ${unknown.map((k) => `'${k}'`).join(', ')} (inputs: ${specs.map((s) => `'${s.name}'`).join(', ')})`);
    sample = specs.map((s) => {
      if (!(s.name in value)) throw new ConversionError(`${label}: missing input '${s.name}'`);
      return flattenInput(value[s.name], s, label);
    });
  } else if (specs.length === 1) {
    const wrapped = Array.isArray(value) && value.length === 1 && isPerInputWrapper(value, specs[0]);
    sample = [flattenInput(wrapped ? (value as unknown[])[0] : value, specs[0], label)];
  } else {
    if (!Array.isArray(value) || value.length !== specs.length) {
      throw new ConversionError(`${label}: the model has ${specs.length} inputs (${specs.map((s) => `'${s.name}'`).join(', ')}); give an object keyed by input name or an array of ${specs.length} tensors`);
    }
    sample = specs.map((s, i) => flattenInput(value[i], s, `${label}`));
  }
  checkSample(sample, specs, label);
  return sample;
}

/**
 * [x] for a single input is the one-tensor-per-input form when x is a typed array or nests one level deeper
 * than the input's rank (a nested tensor without its batch dim of 1 flattens the same either way).
 */
function isPerInputWrapper(value: unknown[], spec: InputSpec): boolean {
  if (isTyped(value[0])) return true;
  let depth = 0;
  let level: unknown = value;
  while (Array.isArray(level)) {
    depth++;
    level = level[0];
  }
  // Deeper than the input's rank (with its batch dim) means the outer array is the per-input list.
  return depth === spec.shape.length + 1;
}
