/**
 * Options of TFLite Micro's signal-library operators: a FlexBuffer map (TFLM reads its values by position,
 * keys in alphabetical order; reading them by key gives the same values).
 */
import { ModelFormatError } from '../../../core/errors.js';
import { readFlexMap } from '../../../schema/flexbuffer_map.js';

export interface SignalOptions {
  int(key: string): number;
  bool(key: string): boolean;
}

export function signalOptions(custom: Uint8Array | null | undefined, op: string): SignalOptions {
  if (!custom) throw new ModelFormatError(`${op}: the operator has no custom options`);
  const map = readFlexMap(custom, `${op} options`);
  const get = (key: string) => {
    const v = map.get(key);
    if (v === undefined || v === null) throw new ModelFormatError(`${op}: option '${key}' is missing`);
    return v;
  };
  return {
    int(key) {
      const v = get(key);
      if (typeof v === 'boolean') return v ? 1 : 0;
      if (typeof v !== 'number' || !Number.isInteger(v)) throw new ModelFormatError(`${op}: option '${key}' is not an integer`);
      return v;
    },
    bool(key) {
      const v = get(key);
      if (typeof v === 'boolean') return v;
      if (typeof v === 'number') return v !== 0;
      throw new ModelFormatError(`${op}: option '${key}' is not a boolean`);
    },
  };
}
