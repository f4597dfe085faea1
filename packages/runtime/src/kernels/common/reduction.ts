/**
 * Shared shape logic and accumulation for MEAN and SUM (float32 and int32). As in TFLite's reference
 * ReduceGeneric, the input is walked in order and each element added into its output slot; the accumulator's
 * type decides the arithmetic: a Float32Array rounds every partial sum to float32 (TFLite's float
 * accumulator), an Int32Array wraps (int32 SUM), a Float64Array holds the exact int64-style sum (int32 MEAN).
 */
import type { BuiltinOptions, ReducerOptions } from '../../core/options.js';
import type { NodeContext } from '../kernel.js';
import { numElements } from '../../core/shape.js';
import { reducedShape, resolveAxes } from './axes.js';
import { constIntValues } from './const_values.js';
import { expectDType, nodeLabel, requireInput, requireOutput, shapeError } from './node_checks.js';
import { optionsOrDefault } from './options.js';

export interface ReductionPlan {
  readonly inputShape: readonly number[];
  /** For each input dimension, the output element stride (0 along reduced axes). */
  readonly outStrides: readonly number[];
  /** Input elements folded into each output element. */
  readonly count: number;
}

export type Accumulator = Float32Array | Int32Array | Float64Array;

export function parseReducerOptions(raw: BuiltinOptions | null): ReducerOptions {
  return optionsOrDefault(raw, ['ReducerOptions'], { kind: 'ReducerOptions', keepDims: false });
}

/** Validates a MEAN/SUM node (float32 or int32, constant axes), sets the output shape, returns the plan. */
export function prepareReduction(node: NodeContext<ReducerOptions>): ReductionPlan {
  const input = requireInput(node, 0);
  const output = requireOutput(node, 0);
  expectDType(node, input, ['float32', 'int32'], 'input');
  if (output.dtype !== input.dtype) throw shapeError(node, `output is ${output.dtype}, input is ${input.dtype}`);
  const rank = input.shape.length;
  const axes = resolveAxes(constIntValues(node, requireInput(node, 1), 'axes input'), rank, nodeLabel(node));
  output.shape = reducedShape(input.shape, axes, node.options.keepDims);
  const keptShape = input.shape.map((d, i) => (axes.includes(i) ? 1 : d));
  const outStrides = new Array<number>(rank);
  let s = 1;
  for (let i = rank - 1; i >= 0; i--) {
    outStrides[i] = axes.includes(i) ? 0 : s;
    s *= keptShape[i]!;
  }
  const count = axes.reduce((p, a) => p * input.shape[a]!, 1);
  return { inputShape: [...input.shape], outStrides, count: numElements(input.shape) === 0 ? 0 : count };
}

/** Adds every input element into `acc` (zeroed first) at its output position. */
export function accumulate(acc: Accumulator, input: Float32Array | Int32Array, plan: ReductionPlan): void {
  acc.fill(0);
  if (plan.inputShape.length === 0) {
    acc[0] = acc[0]! + input[0]!;
    return;
  }
  accumulateDim(acc, input, plan.inputShape, plan.outStrides, 0, 0, 0);
}

function accumulateDim(
  acc: Accumulator,
  input: Float32Array | Int32Array,
  shape: readonly number[],
  outStrides: readonly number[],
  dim: number,
  inPos: number,
  outPos: number,
): number {
  const n = shape[dim]!;
  const step = outStrides[dim]!;
  if (dim === shape.length - 1) {
    for (let i = 0; i < n; i++, outPos += step) acc[outPos] = acc[outPos]! + input[inPos++]!;
    return inPos;
  }
  for (let i = 0; i < n; i++, outPos += step) {
    inPos = accumulateDim(acc, input, shape, outStrides, dim + 1, inPos, outPos);
  }
  return inPos;
}
