/**
 * REDUCE_MAX, REDUCE_MIN and REDUCE_PROD over constant axes: like TFLite's ReduceGeneric, the output starts
 * at the op's initial value and every input element is folded into its output slot in input order. Writing
 * through the output array keeps TFLite's arithmetic: float32 rounding per step, int32 wrap-around. Quantized
 * int8/uint8/int16 MAX/MIN fold raw values, valid because the output shares the input's parameters. REDUCE_ANY
 * and REDUCE_ALL are MAX and MIN over bool.
 */
import type { DType } from '../../core/dtype.js';
import type { ReducerOptions } from '../../core/options.js';
import type { NodeContext, NodeSignature } from '../kernel.js';
import { reducedShape, resolveAxes } from './axes.js';
import { constIntValues } from './const_values.js';
import { elementsOf } from './elements.js';
import { sameQuantization } from './layout_checks.js';
import { expectDType, nodeLabel, requireInput, requireOutput } from './node_checks.js';

export interface FoldPlan {
  readonly inputShape: readonly number[];
  /** For each input dimension, the output element stride (0 along reduced axes). */
  readonly outStrides: readonly number[];
  readonly init: number;
}

export type FoldKind = 'max' | 'min' | 'prod';

/** The initial value: the dtype's lowest (max), highest (min) or 1 (prod), as TFLite (not ±Infinity). */
export function foldInit(kind: FoldKind, dtype: DType): number {
  if (kind === 'prod') return 1;
  const ranges: Partial<Record<DType, [number, number]>> = {
    float32: [-3.4028234663852886e38, 3.4028234663852886e38],
    int32: [-2147483648, 2147483647],
    int16: [-32768, 32767],
    int8: [-128, 127],
    uint8: [0, 255],
    // REDUCE_ANY is a max over bools (starting false), REDUCE_ALL a min (starting true).
    bool: [0, 1],
  };
  const [lo, hi] = ranges[dtype] ?? [0, 0];
  return kind === 'max' ? lo : hi;
}

/** Input and output of one of `dtypes` with identical quantization. */
export function foldSupports(node: NodeSignature, dtypes: readonly DType[]): boolean {
  const input = node.inputs[0];
  const output = node.outputs[0];
  if (!input || !output || input.dtype !== output.dtype || !dtypes.includes(input.dtype)) return false;
  return sameQuantization(input.quantization, output.quantization);
}

export function prepareFold(node: NodeContext<ReducerOptions>, kind: FoldKind, dtypes: readonly DType[]): FoldPlan {
  const input = requireInput(node, 0);
  const output = requireOutput(node, 0);
  expectDType(node, input, dtypes, 'input');
  expectDType(node, output, [input.dtype], 'output');
  const rank = input.shape.length;
  const axes = resolveAxes(constIntValues(node, requireInput(node, 1), 'axes input'), rank, nodeLabel(node));
  output.shape = reducedShape(input.shape, axes, node.options.keepDims);
  const outStrides = new Array<number>(rank);
  let s = 1;
  for (let i = rank - 1; i >= 0; i--) {
    outStrides[i] = axes.includes(i) ? 0 : s;
    if (!axes.includes(i)) s *= input.shape[i]!;
  }
  return { inputShape: [...input.shape], outStrides, init: foldInit(kind, input.dtype) };
}

type Fold = (acc: number, x: number) => number;

export const foldMax: Fold = (acc, x) => (x > acc ? x : acc);
export const foldMin: Fold = (acc, x) => (x < acc ? x : acc);
export const foldProd: Fold = (acc, x) => acc * x;
/** int32 products wrap, as C++ int32 arithmetic does in practice. */
export const foldProdInt32: Fold = (acc, x) => Math.imul(acc, x);

export function evalFold(node: NodeContext<ReducerOptions>, plan: FoldPlan, f: Fold): void {
  const out = elementsOf(node.outputs[0]!.data) as { [i: number]: number; length: number };
  for (let i = 0; i < out.length; i++) out[i] = plan.init;
  foldInto(out, elementsOf(node.inputs[0]!.data) as { [i: number]: number }, plan, f);
}

/** Folds every input element into its slot of `out` (already initialised), in input order. */
export function foldInto(out: { [i: number]: number }, input: { [i: number]: number }, plan: FoldPlan, f: Fold): void {
  if (plan.inputShape.length === 0) out[0] = f(out[0]!, input[0]!);
  else foldDim(out, input, plan, f, 0, 0, 0);
}

function foldDim(
  out: { [i: number]: number },
  input: { [i: number]: number },
  plan: FoldPlan,
  f: Fold,
  dim: number,
  inPos: number,
  outPos: number,
): number {
  const n = plan.inputShape[dim]!;
  const step = plan.outStrides[dim]!;
  if (dim === plan.inputShape.length - 1) {
    for (let i = 0; i < n; i++, outPos += step) out[outPos] = f(out[outPos]!, input[inPos++]!);
    return inPos;
  }
  for (let i = 0; i < n; i++, outPos += step) inPos = foldDim(out, input, plan, f, dim + 1, inPos, outPos);
  return inPos;
}
