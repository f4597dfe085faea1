/**
 * Tensors as JSON, for the inference protocols: values nested as the shape or flat (row-major), checked
 * against the dtype (integers in range, booleans as true/false or 0/1) and the element count, into the typed
 * array the interpreter takes; and back, as flat or nested arrays. float16 travels as numbers and is stored
 * as IEEE half bits; int64 as numbers (exact up to 2^53).
 */
import { allocTyped, float16BitsToNumber, numElements, type DType, type TypedArray } from '@tflite-lambda/runtime/internal';
import { HttpError } from '../errors.js';

const INT_RANGES: Partial<Record<DType, [number, number]>> = {
  int8: [-128, 127],
  uint8: [0, 255],
  int16: [-32768, 32767],
  int32: [-2147483648, 2147483647],
  int64: [-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

export type Nested = number | boolean | Nested[];

function bad(message: string): never {
  throw new HttpError('INVALID_TENSOR', message);
}

/** The shape implied by nested arrays (they must be rectangular). */
export function shapeOf(value: unknown, what: string): number[] {
  const shape: number[] = [];
  let level: unknown = value;
  while (Array.isArray(level)) {
    shape.push(level.length);
    level = level[0];
  }
  const check = (v: unknown, depth: number): void => {
    if (depth === shape.length) {
      if (Array.isArray(v)) bad(`${what}: nested arrays are not rectangular`);
      return;
    }
    if (!Array.isArray(v) || v.length !== shape[depth]) bad(`${what}: nested arrays are not rectangular`);
    for (const x of v) check(x, depth + 1);
  };
  check(value, 0);
  return shape;
}

/** Row-major values of a (possibly nested) array, with a budget so a deep or huge body cannot run away. */
export function flatten(value: unknown, what: string, limit: number): unknown[] {
  const out: unknown[] = [];
  const walk = (v: unknown, depth: number): void => {
    if (depth > 32) bad(`${what}: arrays nested deeper than 32 levels`);
    if (Array.isArray(v)) for (const x of v) walk(x, depth + 1);
    else {
      if (out.length >= limit) bad(`${what}: more than ${limit} values`);
      out.push(v);
    }
  };
  walk(value, 0);
  return out;
}

/** IEEE half bits of a number, rounding to nearest even. */
export function numberToFloat16Bits(x: number): number {
  const f32 = new Float32Array([x]);
  const bits = new Uint32Array(f32.buffer)[0];
  const sign = (bits >>> 16) & 0x8000;
  const exponent = ((bits >>> 23) & 0xff) - 127 + 15;
  let mantissa = bits & 0x7fffff;
  if (((bits >>> 23) & 0xff) === 0xff) return sign | 0x7c00 | (mantissa ? 0x200 : 0); // Inf / NaN
  if (exponent >= 0x1f) return sign | 0x7c00; // overflow → Inf
  if (exponent <= 0) {
    if (exponent < -10) return sign; // underflow → ±0
    mantissa |= 0x800000;
    const shift = 14 - exponent;
    const half = 1 << (shift - 1);
    const rounded = (mantissa + half - 1 + ((mantissa >>> shift) & 1)) >>> shift;
    return sign | rounded;
  }
  const rounded = mantissa + 0xfff + ((mantissa >>> 13) & 1);
  if (rounded & 0x800000) return exponent + 1 >= 0x1f ? sign | 0x7c00 : sign | ((exponent + 1) << 10);
  return sign | (exponent << 10) | (rounded >>> 13);
}

/** A typed array of `dtype` holding `values` (flat, row-major), each checked. */
export function typedFromJson(dtype: DType, shape: readonly number[], values: readonly unknown[], what: string): TypedArray {
  const n = numElements(shape);
  if (values.length !== n) bad(`${what}: ${values.length} values for shape [${shape}] (${n} expected)`);
  const out = allocTyped(dtype, n);
  const range = INT_RANGES[dtype];
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (dtype === 'bool') {
      if (v !== true && v !== false && v !== 0 && v !== 1) bad(`${what}: value ${i} is ${JSON.stringify(v)}; BOOL takes true, false, 0 or 1`);
      out[i] = v === true || v === 1 ? 1 : 0;
      continue;
    }
    if (typeof v !== 'number') bad(`${what}: value ${i} is ${JSON.stringify(v)?.slice(0, 20)}; expected a number`);
    if (range && !(Number.isInteger(v) && v >= range[0] && v <= range[1])) bad(`${what}: value ${i} (${v}) is not a ${dtype}`);
    if (dtype === 'int64') (out as BigInt64Array)[i] = BigInt(v);
    else if (dtype === 'float16') out[i] = numberToFloat16Bits(v);
    else out[i] = v;
  }
  return out;
}

/** Plain numbers (booleans for bool) of a tensor, row-major. */
export function jsonFromTyped(dtype: DType, data: TypedArray): (number | boolean)[] {
  if (dtype === 'bool') return Array.from(data as Uint8Array, (v) => v !== 0);
  if (dtype === 'float16') return Array.from(data as Uint16Array, float16BitsToNumber);
  return Array.from(data as ArrayLike<number | bigint>, Number);
}

/** Values nested to `shape` (TensorFlow Serving's form). */
export function nest(values: readonly (number | boolean)[], shape: readonly number[]): Nested {
  if (shape.length === 0) return values[0];
  const build = (offset: number, depth: number): Nested[] => {
    const size = shape.slice(depth + 1).reduce((a, b) => a * b, 1);
    return Array.from({ length: shape[depth] }, (_, i) =>
      depth === shape.length - 1 ? values[offset + i] : build(offset + i * size, depth + 1),
    );
  };
  return build(0, 0);
}
