/**
 * CAST between float32, float16 (input only), int32, int64, uint8, int8, int16 and bool, following
 * TFLite's copyCast (a C++ static_cast per element): float → int truncates toward zero; integers narrow by
 * keeping the low bits (wrap-around, defined in C++20); anything → bool is `value != 0`; bool → anything is
 * 0 or 1. A float outside the target's range is undefined behaviour in C++ and TFLite builds disagree
 * (x86 wraps through INT32_MIN; LiteRT.js's wasm build saturates uint8/int16/int32/int64 yet wraps int8);
 * we saturate to the target range everywhere, and NaN becomes 0.
 */
import { intRange, type DType, type TypedArray } from '../../core/dtype.js';
import { BuiltinOp } from '../../core/ops.js';
import type { CastOptions } from '../../core/options.js';
import { float16BitsToNumber } from '../common/float16.js';
import { expectDType, requireInput, requireOutput } from '../common/node_checks.js';
import { optionsOrDefault } from '../common/options.js';
import type { KernelRegistration } from '../kernel.js';

const CAST_INPUTS: readonly DType[] = ['float32', 'float16', 'int32', 'int64', 'uint8', 'int8', 'int16', 'bool'];
const CAST_OUTPUTS: readonly DType[] = ['float32', 'int32', 'int64', 'uint8', 'int8', 'int16', 'bool'];

/** Converts every element; `min`/`max` is the target's integer range (used by toSmallInt only). */
type Converter = (input: TypedArray, output: TypedArray, min: number, max: number) => void;

interface CastPlan {
  readonly convert: Converter;
  readonly min: number;
  readonly max: number;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** Truncation toward zero, saturated to [min, max]; NaN gives 0. */
function truncSaturate(v: number, min: number, max: number): number {
  if (Number.isNaN(v)) return 0;
  const t = Math.trunc(v);
  return t < min ? min : t > max ? max : t;
}

function floatToInt64(v: number): bigint {
  if (Number.isNaN(v)) return 0n;
  if (v <= -9223372036854775808) return INT64_MIN;
  if (v >= 9223372036854775807) return INT64_MAX;
  return BigInt(Math.trunc(v));
}

/** To float32: integers and decoded halves; the Float32Array store rounds to nearest. */
function toFloat(input: TypedArray, output: TypedArray): void {
  const out = output as Float32Array;
  const half = input instanceof Uint16Array;
  for (let i = 0; i < input.length; i++) {
    const v = input[i]!;
    out[i] = half ? float16BitsToNumber(v as number) : Number(v);
  }
}

/**
 * To int32/int16/int8/uint8. From integers the typed-array store keeps the low bits, like a C++ narrowing
 * cast; from floats the value is truncated and saturated first.
 */
function toSmallInt(input: TypedArray, output: TypedArray, min: number, max: number): void {
  const out = output as Int32Array | Int16Array | Int8Array | Uint8Array;
  const fromFloat = input instanceof Float32Array || input instanceof Uint16Array;
  const half = input instanceof Uint16Array;
  for (let i = 0; i < input.length; i++) {
    const v = input[i]!;
    if (typeof v === 'bigint') out[i] = Number(BigInt.asIntN(32, v));
    else if (fromFloat) out[i] = truncSaturate(half ? float16BitsToNumber(v) : v, min, max);
    else out[i] = v;
  }
}

function toInt64(input: TypedArray, output: TypedArray): void {
  const out = output as BigInt64Array;
  const fromFloat = input instanceof Float32Array || input instanceof Uint16Array;
  const half = input instanceof Uint16Array;
  for (let i = 0; i < input.length; i++) {
    const v = input[i]!;
    if (typeof v === 'bigint') out[i] = v;
    else if (fromFloat) out[i] = floatToInt64(half ? float16BitsToNumber(v) : v);
    else out[i] = BigInt(v);
  }
}

function toBool(input: TypedArray, output: TypedArray): void {
  const out = output as Uint8Array;
  const half = input instanceof Uint16Array;
  for (let i = 0; i < input.length; i++) {
    const v = input[i]!;
    // NaN != 0 is true in C++, and NaN !== 0 is true here. A half's sign bit alone (-0) is zero.
    out[i] = typeof v === 'bigint' ? (v !== 0n ? 1 : 0) : (half ? (v & 0x7fff) !== 0 : v !== 0) ? 1 : 0;
  }
}

function converterFor(out: DType): Converter {
  if (out === 'float32') return toFloat;
  if (out === 'int64') return toInt64;
  if (out === 'bool') return toBool;
  return toSmallInt;
}

export const CAST_KERNEL: KernelRegistration<CastOptions, CastPlan> = {
  op: BuiltinOp.CAST,
  name: 'CAST (reference)',
  parseOptions: (raw) =>
    optionsOrDefault(raw, ['CastOptions'], { kind: 'CastOptions', inDataType: null, outDataType: null }),
  prepare(node) {
    const input = requireInput(node, 0);
    const output = requireOutput(node, 0);
    expectDType(node, input, CAST_INPUTS, 'input');
    expectDType(node, output, CAST_OUTPUTS, 'output');
    output.shape = [...input.shape];
    const to = output.dtype;
    const range = to === 'int32' || to === 'int16' || to === 'int8' || to === 'uint8' ? intRange(to) : { min: 0, max: 0 };
    return { convert: converterFor(to), min: range.min, max: range.max };
  },
  eval(node, plan) {
    plan.convert(node.inputs[0]!.data, node.outputs[0]!.data, plan.min, plan.max);
  },
};
