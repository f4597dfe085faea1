/**
 * Shared by PAD and PADV2: the padded shape from a constant [rank, 2] paddings tensor, and the copy that
 * fills the border with one value and places the input inside it.
 */
import type { NodeContext, RuntimeTensor } from '../kernel.js';
import { formatShape, stridesOf } from '../../core/shape.js';
import { constIntValues } from './const_values.js';
import type { Elements } from './elements.js';
import { requireInput, requireOutput, shapeError, unsupported } from './node_checks.js';
import { expectSameDType } from './layout_checks.js';

export interface PadPlan {
  readonly inputShape: readonly number[];
  readonly outStrides: readonly number[];
  /** Output element offset of the input's first element. */
  readonly offset: number;
}

type AnyNode = Pick<NodeContext<unknown>, 'index' | 'opName' | 'inputs' | 'outputs'>;

/** Validates input 0 and the paddings (input 1), sets the output shape. */
export function preparePad(node: AnyNode): PadPlan {
  const input = requireInput(node, 0);
  const output = requireOutput(node, 0);
  expectSameDType(node, input, output);
  if (input.dtype === 'string') throw unsupported(node, 'string tensors cannot be padded');
  const rank = input.shape.length;
  const paddings = requireInput(node, 1);
  const values = constIntValues(node, paddings, 'paddings input');
  if (values.length !== rank * 2) {
    throw shapeError(node, `paddings ${formatShape(paddings.shape)} do not match input rank ${rank}`);
  }
  if (values.some((v) => v < 0)) throw shapeError(node, `negative paddings [${values.join(',')}]`);
  output.shape = input.shape.map((d, i) => d + values[2 * i]! + values[2 * i + 1]!);
  const outStrides = stridesOf(output.shape);
  const offset = input.shape.reduce((sum, _, i) => sum + values[2 * i]! * outStrides[i]!, 0);
  return { inputShape: [...input.shape], outStrides, offset };
}

/** The value the border holds when no constant is given: 0, or the output zero point when quantized. */
export function defaultPadValue(output: RuntimeTensor): number | bigint {
  if (output.dtype === 'int64') return 0n;
  const q = output.quantization;
  return q !== null && q.zeroPoint.length > 0 ? q.zeroPoint[0]! : 0;
}

/** Fills `out` with `value`, then writes `input` at the plan's interior position. */
export function padInto(out: Elements, input: Elements, value: number | bigint, plan: PadPlan): void {
  for (let i = 0; i < out.length; i++) out[i] = value;
  if (plan.inputShape.length === 0) {
    out[plan.offset] = input[0]!;
    return;
  }
  scatterDim(out, plan.offset, input, 0, plan.inputShape, plan.outStrides, 0);
}

function scatterDim(
  out: Elements,
  outPos: number,
  input: Elements,
  inPos: number,
  shape: readonly number[],
  outStrides: readonly number[],
  dim: number,
): number {
  const n = shape[dim]!;
  const step = outStrides[dim]!;
  if (dim === shape.length - 1) {
    for (let i = 0; i < n; i++, outPos += step) out[outPos] = input[inPos++]!;
    return inPos;
  }
  for (let i = 0; i < n; i++, outPos += step) inPos = scatterDim(out, outPos, input, inPos, shape, outStrides, dim + 1);
  return inPos;
}
