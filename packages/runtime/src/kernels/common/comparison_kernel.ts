/**
 * Shared by the comparison ops (LESS, GREATER, LESS_EQUAL, GREATER_EQUAL, EQUAL, NOT_EQUAL) and the
 * logical ops (LOGICAL_AND, LOGICAL_OR): two inputs of one dtype, numpy broadcasting, a bool output.
 *
 * int8/uint8 inputs are compared the way TFLite's comparison kernels do it: each value, offset by its zero
 * point and shifted left 8 bits, is rescaled by its own scale with MultiplyByQuantizedMultiplier, and the
 * rescaled integers are compared. Inputs with different parameters thus compare by real value, and for tiny
 * scales neighbouring codes can become equal, as in TFLite. int16 and the unquantized types compare raw.
 */
import type { DType } from '../../core/dtype.js';
import { numElements } from '../../core/shape.js';
import type { KernelRegistration, NodeContext, NodeSignature, RuntimeTensor } from '../kernel.js';
import { planNodeBroadcast, runBinary, type BinaryPlan, type BinaryRow } from './binary_broadcast.js';
import type { Elements } from './elements.js';
import { multiplyByQuantizedMultiplier } from './fixed_point.js';
import { expectDType, requireInput, requireOutput } from './node_checks.js';
import { quantizeMultiplier, requireScale, tensorZeroPoint } from './quantization.js';

/** Dtypes TFLite's comparison kernels accept (bool only for EQUAL/NOT_EQUAL). */
export const ORDERED_DTYPES: readonly DType[] = ['float32', 'int32', 'int64', 'int8', 'uint8', 'int16'];
export const EQUALITY_DTYPES: readonly DType[] = [...ORDERED_DTYPES, 'bool'];

/** How one 8-bit input is brought to the common integer scale, and where the result goes. */
interface Rescale {
  readonly offset: number;
  readonly multiplier: number;
  readonly shift: number;
  readonly scratch: Int32Array;
}

export interface ComparisonPlan {
  readonly plan: BinaryPlan;
  /** Set for int8/uint8 inputs: both are rescaled into scratch arrays before the comparison. */
  readonly rescale: readonly [Rescale, Rescale] | null;
}

export function comparisonSupports(node: NodeSignature, dtypes: readonly DType[]): boolean {
  const a = node.inputs[0];
  const b = node.inputs[1];
  const out = node.outputs[0];
  if (!a || !b || !out || out.dtype !== 'bool') return false;
  const quantized8 = a.dtype === 'int8' || a.dtype === 'uint8';
  const unquantized = (t: typeof a) => t.quantization === null || t.quantization.scale.length === 0;
  return dtypes.includes(a.dtype) && b.dtype === a.dtype && (quantized8 || a.dtype === 'int16' || (unquantized(a) && unquantized(b)));
}

function rescaleOf(node: NodeContext<unknown>, t: RuntimeTensor): Rescale {
  const { multiplier, shift } = quantizeMultiplier(requireScale(node, t));
  return { offset: -tensorZeroPoint(t), multiplier, shift, scratch: new Int32Array(numElements(t.shape)) };
}

export function prepareComparison<O>(node: NodeContext<O>, dtypes: readonly DType[]): ComparisonPlan {
  const a = requireInput(node, 0);
  const b = requireInput(node, 1);
  expectDType(node, a, dtypes, 'input');
  expectDType(node, b, [a.dtype], 'input');
  const out = requireOutput(node, 0);
  expectDType(node, out, ['bool'], 'output');
  const plan = planNodeBroadcast(node, a, b, out);
  const quantized8 = a.dtype === 'int8' || a.dtype === 'uint8';
  return { plan, rescale: quantized8 ? [rescaleOf(node, a), rescaleOf(node, b)] : null };
}

function rescaleInto(input: Int8Array | Uint8Array, r: Rescale): Int32Array {
  const out = r.scratch;
  for (let i = 0; i < input.length; i++) out[i] = multiplyByQuantizedMultiplier((input[i]! + r.offset) * 256, r.multiplier, r.shift);
  return out;
}

export function evalComparison<O>(node: NodeContext<O>, p: ComparisonPlan, row: BinaryRow<Elements>): void {
  let a: Elements = node.inputs[0]!.data;
  let b: Elements = node.inputs[1]!.data;
  if (p.rescale) {
    a = rescaleInto(node.inputs[0]!.data as Int8Array | Uint8Array, p.rescale[0]);
    b = rescaleInto(node.inputs[1]!.data as Int8Array | Uint8Array, p.rescale[1]);
  }
  runBinary<Elements>(p.plan, a, b, node.outputs[0]!.data, row);
}

/** A broadcasting two-input op with a bool output; `row` writes 1 or 0. */
export function comparisonKernel(
  op: number,
  name: string,
  dtypes: readonly DType[],
  row: BinaryRow<Elements>,
): KernelRegistration<null, ComparisonPlan> {
  return {
    op,
    name: `${name} (reference)`,
    parseOptions: () => null,
    supports: (node) => comparisonSupports(node, dtypes),
    prepare: (node) => prepareComparison(node, dtypes),
    eval: (node, plan) => evalComparison(node, plan, row),
  };
}
