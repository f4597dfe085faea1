/**
 * What the quantized MEAN and SUM kernels share: the reduced output shape and the exact integer sums of the
 * raw input values over the constant axes (TFLite and XNNPACK both sum in int32; these sums stay below
 * 2^31 for any tensor that fits in memory, so a Float64Array holds them exactly).
 */
import { numElements } from '../../core/shape.js';
import type { ReducerOptions } from '../../core/options.js';
import { reducedShape, resolveAxes } from '../common/axes.js';
import { constIntValues } from '../common/const_values.js';
import { nodeLabel, requireInput, requireOutput } from '../common/node_checks.js';
import type { QArray } from '../common/quantization.js';
import type { NodeContext } from '../kernel.js';

export interface QuantizedSumPlan {
  readonly inputShape: readonly number[];
  /** Output element stride per input axis (0 along reduced axes). */
  readonly outStrides: readonly number[];
  /** Input elements per output element. */
  readonly count: number;
  /** One running sum per output element (eval-time scratch). */
  readonly sums: Float64Array;
}

/** Resolves the constant axes, sets the output shape, and plans the sums. */
export function planQuantizedSums(node: NodeContext<ReducerOptions>): QuantizedSumPlan {
  const input = requireInput(node, 0);
  const output = requireOutput(node, 0);
  const rank = input.shape.length;
  const axes = resolveAxes(constIntValues(node, requireInput(node, 1), 'axes input'), rank, nodeLabel(node));
  output.shape = reducedShape(input.shape, axes, node.options.keepDims);
  const outStrides = new Array<number>(rank);
  for (let i = rank - 1, s = 1; i >= 0; i--) {
    outStrides[i] = axes.includes(i) ? 0 : s;
    if (!axes.includes(i)) s *= input.shape[i]!;
  }
  const count = numElements(input.shape) === 0 ? 0 : axes.reduce((p, a) => p * input.shape[a]!, 1);
  return { inputShape: [...input.shape], outStrides, count, sums: new Float64Array(numElements(output.shape)) };
}

/** Fills `plan.sums` with the sums of the raw input values. */
export function sumRawValues(input: QArray, plan: QuantizedSumPlan): void {
  plan.sums.fill(0);
  if (plan.inputShape.length === 0) plan.sums[0] = input[0]!;
  else accumulate(plan.sums, input, plan.inputShape, plan.outStrides, 0, 0, 0);
}

function accumulate(sums: Float64Array, input: QArray, shape: readonly number[], strides: readonly number[], dim: number, inPos: number, outPos: number): number {
  const n = shape[dim]!;
  const step = strides[dim]!;
  if (dim === shape.length - 1) {
    for (let i = 0; i < n; i++, outPos += step) sums[outPos] += input[inPos++]!;
    return inPos;
  }
  for (let i = 0; i < n; i++, outPos += step) inPos = accumulate(sums, input, shape, strides, dim + 1, inPos, outPos);
  return inPos;
}
