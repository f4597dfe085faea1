/**
 * REDUCE_WINDOW (the deprecated TFLite form of StableHLO reduce_window; options in builtin_options_2): each
 * output element folds init_value with the input elements under a window (window_shape, placed every
 * window_strides, its elements window_dilations apart), in row-major window order. Output size per dimension:
 * 0 when the dilated window does not fit, else (in − dilated window) / stride + 1. Window vectors are int64
 * constants of the input's rank, as TFLite requires. Every step is stored back in the element type, as
 * TFLite's templated reduction does: integer sums and products wrap, float32 rounds each step; ALL/ANY give
 * 0 or 1; MINIMUM/MAXIMUM keep `a ≤ b ? a : b` / `a ≥ b ? a : b`. dtypes: bool, int8, int16, int32, int64,
 * uint8, float32, float64.
 */
import type { DType } from '../../core/dtype.js';
import { BuiltinOp } from '../../core/ops.js';
import type { ReduceWindowOptions } from '../../core/options.js';
import { formatShape, numElements, stridesOf } from '../../core/shape.js';
import { constIntValues } from '../common/const_values.js';
import { expectSameDType } from '../common/layout_checks.js';
import { expectDType, requireInput, requireOutput, shapeError, unsupported } from '../common/node_checks.js';
import { optionsOrDefault } from '../common/options.js';
import type { KernelRegistration } from '../kernel.js';

type Fn = ReduceWindowOptions['reduceFunction'];
type Combine<T> = (a: T, b: T) => T;

const DTYPES: readonly DType[] = ['bool', 'int8', 'int16', 'int32', 'int64', 'uint8', 'float32', 'float64'];

/** Back to the element type after each step (bool is an int8 in TFLite's reduction). */
const STORE: Partial<Record<DType, (x: number) => number>> = {
  bool: (x) => (x << 24) >> 24,
  int8: (x) => (x << 24) >> 24,
  int16: (x) => (x << 16) >> 16,
  uint8: (x) => x & 255,
  int32: (x) => x | 0,
  float32: Math.fround,
  float64: (x) => x,
};

function numberCombine(fn: Fn, dtype: DType): Combine<number> {
  const store = STORE[dtype]!;
  switch (fn) {
    case 'ADD': return (a, b) => store(a + b);
    case 'MUL': return dtype === 'int32' ? Math.imul : (a, b) => store(a * b);
    case 'MINIMUM': return (a, b) => (a <= b ? a : b);
    case 'MAXIMUM': return (a, b) => (a >= b ? a : b);
    // C++'s bool conversion: any non-zero value, NaN included, is true.
    case 'ALL': return (a, b) => (a !== 0 && b !== 0 ? 1 : 0);
    default: return (a, b) => (a !== 0 || b !== 0 ? 1 : 0);
  }
}

function bigintCombine(fn: Fn): Combine<bigint> {
  switch (fn) {
    case 'ADD': return (a, b) => BigInt.asIntN(64, a + b);
    case 'MUL': return (a, b) => BigInt.asIntN(64, a * b);
    case 'MINIMUM': return (a, b) => (a <= b ? a : b);
    case 'MAXIMUM': return (a, b) => (a >= b ? a : b);
    case 'ALL': return (a, b) => (a !== 0n && b !== 0n ? 1n : 0n);
    default: return (a, b) => (a !== 0n || b !== 0n ? 1n : 0n);
  }
}

interface Plan {
  readonly outShape: readonly number[];
  /** Input element step of one output step along each dimension. */
  readonly outSteps: readonly number[];
  readonly window: readonly number[];
  /** int64 tensors run the same loop on bigints (Combine<bigint>). */
  readonly combine: Combine<number> | Combine<bigint>;
}

/** Input offsets of the window's elements from its first, in row-major window order (outermost slowest). */
function windowOffsets(shape: readonly number[], dilations: readonly number[], inStrides: readonly number[]): number[] {
  let offsets = [0];
  shape.forEach((size, d) => {
    const step = dilations[d]! * inStrides[d]!;
    offsets = offsets.flatMap((o) => Array.from({ length: size }, (_, k) => o + k * step));
  });
  return offsets;
}

export const REDUCE_WINDOW_KERNEL: KernelRegistration<ReduceWindowOptions, Plan> = {
  op: BuiltinOp.REDUCE_WINDOW,
  name: 'REDUCE_WINDOW (reference)',
  parseOptions: (raw) => optionsOrDefault(raw, ['ReduceWindowOptions'], { kind: 'ReduceWindowOptions', reduceFunction: 'UNSUPPORTED' }),
  prepare(node) {
    const input = requireInput(node, 0), init = requireInput(node, 1);
    const output = requireOutput(node, 0);
    expectDType(node, input, DTYPES, 'input');
    expectSameDType(node, input, output);
    expectDType(node, init, [input.dtype], 'init value');
    if (numElements(init.shape) !== 1) throw shapeError(node, 'init value must hold one element');
    const fn = node.options.reduceFunction;
    if (fn === 'UNSUPPORTED') throw unsupported(node, 'reduce_function UNSUPPORTED');
    const rank = input.shape.length;
    if (rank < 1 || rank > 6) throw shapeError(node, `input ${formatShape(input.shape)} must have rank 1 to 6`);
    const [shape, strides, dilations] = [2, 3, 4].map((i, k) => {
      const t = requireInput(node, i);
      const what = ['window shape', 'window strides', 'window dilations'][k]!;
      expectDType(node, t, ['int64'], what);
      const v = constIntValues(node, t, what);
      if (v.length !== rank || v.some((x) => x < 1)) throw shapeError(node, `${what} [${v}] must hold ${rank} values ≥ 1`);
      return v;
    }) as [number[], number[], number[]];
    output.shape = input.shape.map((d, i) => {
      const span = (shape[i]! - 1) * dilations[i]! + 1;
      return d < span ? 0 : Math.floor((d - span) / strides[i]!) + 1;
    });
    const inStrides = stridesOf(input.shape);
    return {
      outShape: [...output.shape],
      outSteps: inStrides.map((s, i) => s * strides[i]!),
      window: windowOffsets(shape, dilations, inStrides),
      combine: input.dtype === 'int64' ? bigintCombine(fn) : numberCombine(fn, input.dtype),
    };
  },
  eval(node, p) {
    const x = node.inputs[0]!.data as unknown as ArrayLike<number>;
    const out = node.outputs[0]!.data as unknown as { [i: number]: number; length: number };
    const init = (node.inputs[1]!.data as unknown as ArrayLike<number>)[0]!;
    const combine = p.combine as Combine<number>;
    const rank = p.outShape.length;
    for (let o = 0; o < out.length; o++) {
      let base = 0, rest = o;
      for (let d = rank - 1; d >= 0; d--) {
        base += (rest % p.outShape[d]!) * p.outSteps[d]!;
        rest = Math.floor(rest / p.outShape[d]!);
      }
      let accu = init;
      for (const w of p.window) accu = combine(accu, x[base + w]!);
      out[o] = accu;
    }
  },
};
