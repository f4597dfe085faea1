/**
 * Typed access to a custom operator's FlexBuffer options map (TFLite Micro's signal library, MediaPipe's
 * landmark operators): each read names the operator and key when the option is missing or of the wrong kind.
 * TFLM reads its signal options by position with keys in alphabetical order; reading them by key gives the
 * same values.
 */
import { ModelFormatError } from '../../core/errors.js';
import { readFlexMap, type FlexValue } from '../../schema/flexbuffer_map.js';

export interface FlexOptions {
  int(key: string): number;
  float(key: string): number;
  bool(key: string): boolean;
  ints(key: string): readonly number[];
}

export function flexOptions(custom: Uint8Array | null | undefined, op: string): FlexOptions {
  if (!custom) throw new ModelFormatError(`${op}: the operator has no custom options`);
  const map = readFlexMap(custom, `${op} options`);
  const get = (key: string): Exclude<FlexValue, null> => {
    const v = map.get(key);
    if (v === undefined || v === null) throw new ModelFormatError(`${op}: option '${key}' is missing`);
    return v;
  };
  const wrong = (key: string, what: string) => new ModelFormatError(`${op}: option '${key}' is not ${what}`);
  const number = (key: string): number => {
    const v = get(key);
    if (typeof v === 'boolean') return v ? 1 : 0;
    if (typeof v !== 'number') throw wrong(key, 'a number');
    return v;
  };
  return {
    int(key) {
      const v = number(key);
      if (!Number.isInteger(v)) throw wrong(key, 'an integer');
      return v;
    },
    float: (key) => Math.fround(number(key)),
    bool: (key) => number(key) !== 0,
    ints(key) {
      const v = get(key);
      if (!Array.isArray(v) || !v.every(Number.isInteger)) throw wrong(key, 'a vector of integers');
      return v as readonly number[];
    },
  };
}
