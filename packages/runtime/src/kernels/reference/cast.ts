/**
 * CAST between every dtype TFLite's cast.cc takes and we hold: float32, float16, float64, int64, int32,
 * uint32, int16, uint16, int8, uint8, bool and complex64 (INT4 constants are int8 here already). Each element
 * follows a C++ static_cast: float → int truncates toward zero; integers narrow by keeping the low bits
 * (wrap-around, defined in C++20); anything → bool is `value != 0`; bool → anything is 0 or 1; complex → real
 * keeps the real part; real → complex has a zero imaginary part; → float16 rounds through float32 first.
 * A float outside an integer target's range is undefined behaviour in C++ except where cast.cc clamps
 * (float32 → int32/int16/uint8), and TFLite builds disagree on the rest (x86 wraps through INT32_MIN;
 * LiteRT.js's wasm build saturates yet wraps int8); we saturate to the target range everywhere, and NaN
 * becomes 0.
 */
import { complexParts, intRange, type DType, type TypedArray } from '../../core/dtype.js';
import { BuiltinOp } from '../../core/ops.js';
import type { CastOptions } from '../../core/options.js';
import { float16BitsToNumber, numberToFloat16Bits } from '../common/float16.js';
import { expectDType, requireInput, requireOutput } from '../common/node_checks.js';
import { optionsOrDefault } from '../common/options.js';
import type { KernelRegistration } from '../kernel.js';

const CAST_TYPES: readonly DType[] = [
  'float32', 'float16', 'float64', 'int64', 'int32', 'uint32', 'int16', 'uint16', 'int8', 'uint8', 'bool', 'complex64',
];

/** One element of the input as a number (a bigint for int64; the real part of a complex). */
type Reader = (i: number) => number | bigint;

interface CastPlan {
  readonly from: DType;
  readonly to: DType;
  readonly fromFloat: boolean;
  readonly min: number;
  readonly max: number;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const FLOAT_TYPES: ReadonlySet<DType> = new Set(['float32', 'float16', 'float64', 'complex64']);

function integerRange(to: DType): { min: number; max: number } {
  if (to === 'int32' || to === 'int16' || to === 'int8' || to === 'uint8') return intRange(to);
  if (to === 'uint32') return { min: 0, max: 2 ** 32 - 1 };
  if (to === 'uint16') return { min: 0, max: 65535 };
  return { min: 0, max: 0 };
}

function readerFor(from: DType, data: TypedArray): Reader {
  if (from === 'float16') return (i) => float16BitsToNumber(data[i] as number);
  if (from === 'complex64') {
    const parts = complexParts(data);
    return (i) => parts[2 * i]!;
  }
  return (i) => data[i]!;
}

/** Truncation toward zero, saturated to [min, max]; NaN gives 0. */
function truncSaturate(v: number, min: number, max: number): number {
  if (Number.isNaN(v)) return 0;
  const t = Math.trunc(v);
  return t < min ? min : t > max ? max : t;
}

function floatToInt64(v: number): bigint {
  if (Number.isNaN(v)) return 0n;
  if (v <= -(2 ** 63)) return INT64_MIN;
  if (v >= 2 ** 63) return INT64_MAX;
  return BigInt(Math.trunc(v));
}

/** To an integer type of at most 32 bits: the typed-array store keeps the low bits of an integer. */
function toSmallInt(read: Reader, out: TypedArray, p: CastPlan): void {
  const o = out as Int32Array;
  for (let i = 0; i < out.length; i++) {
    const v = read(i);
    if (typeof v === 'bigint') o[i] = Number(BigInt.asIntN(32, v));
    else o[i] = p.fromFloat ? truncSaturate(v, p.min, p.max) : v;
  }
}

function toInt64(read: Reader, out: TypedArray, p: CastPlan): void {
  const o = out as BigInt64Array;
  for (let i = 0; i < out.length; i++) {
    const v = read(i);
    o[i] = typeof v === 'bigint' ? v : p.fromFloat ? floatToInt64(v) : BigInt(v);
  }
}

function toBool(read: Reader, out: TypedArray): void {
  for (let i = 0; i < out.length; i++) {
    const v = read(i);
    // NaN != 0 is true in C++, and NaN !== 0 is true here; -0 is zero in both.
    out[i] = (typeof v === 'bigint' ? v !== 0n : v !== 0) ? 1 : 0;
  }
}

function toReal(read: Reader, out: TypedArray, to: DType): void {
  const half = to === 'float16';
  for (let i = 0; i < out.length; i++) {
    const v = Number(read(i));
    out[i] = half ? numberToFloat16Bits(Math.fround(v)) : v;
  }
}

function toComplex(read: Reader, from: DType, input: TypedArray, out: TypedArray): void {
  if (from === 'complex64') {
    (out as Float64Array).set(input as Float64Array);
    return;
  }
  const parts = complexParts(out);
  for (let i = 0; i < out.length; i++) {
    parts[2 * i] = Number(read(i));
    parts[2 * i + 1] = 0;
  }
}

function castElements(input: TypedArray, output: TypedArray, p: CastPlan): void {
  const read = readerFor(p.from, input);
  switch (p.to) {
    case 'float32':
    case 'float64':
    case 'float16':
      toReal(read, output, p.to);
      break;
    case 'complex64':
      toComplex(read, p.from, input, output);
      break;
    case 'int64':
      toInt64(read, output, p);
      break;
    case 'bool':
      toBool(read, output);
      break;
    default:
      toSmallInt(read, output, p);
  }
}

export const CAST_KERNEL: KernelRegistration<CastOptions, CastPlan> = {
  op: BuiltinOp.CAST,
  name: 'CAST (reference)',
  parseOptions: (raw) =>
    optionsOrDefault(raw, ['CastOptions'], { kind: 'CastOptions', inDataType: null, outDataType: null }),
  prepare(node) {
    const input = requireInput(node, 0);
    const output = requireOutput(node, 0);
    expectDType(node, input, CAST_TYPES, 'input');
    expectDType(node, output, CAST_TYPES, 'output');
    output.shape = [...input.shape];
    return { from: input.dtype, to: output.dtype, fromFloat: FLOAT_TYPES.has(input.dtype), ...integerRange(output.dtype) };
  },
  eval(node, plan) {
    castElements(node.inputs[0]!.data, node.outputs[0]!.data, plan);
  },
};
