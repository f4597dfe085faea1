/**
 * Shared by the comparison ops (LESS, GREATER, LESS_EQUAL, GREATER_EQUAL, EQUAL, NOT_EQUAL) and the
 * logical ops (LOGICAL_AND, LOGICAL_OR): two inputs of one dtype, numpy broadcasting, a bool output. Quantized
 * int8/uint8 inputs are compared raw, which is exact when both inputs share scale and zero point (the only
 * case accepted here; TFLite rescales otherwise).
 */
import type { DType } from '../../core/dtype.js';
import type { KernelRegistration, NodeContext, NodeSignature } from '../kernel.js';
import { planBinaryBroadcast, runBinary, type BinaryPlan, type BinaryRow } from './binary_broadcast.js';
import type { Elements } from './elements.js';
import { sameQuantization } from './layout_checks.js';
import { expectDType, requireInput, requireOutput, shapeError } from './node_checks.js';

/** Dtypes TFLite's comparison kernels accept (bool only for EQUAL/NOT_EQUAL). */
export const ORDERED_DTYPES: readonly DType[] = ['float32', 'int32', 'int64', 'int8', 'uint8', 'int16'];
export const EQUALITY_DTYPES: readonly DType[] = [...ORDERED_DTYPES, 'bool'];

export function comparisonSupports(node: NodeSignature, dtypes: readonly DType[]): boolean {
  const a = node.inputs[0];
  const b = node.inputs[1];
  const out = node.outputs[0];
  if (!a || !b || !out || out.dtype !== 'bool') return false;
  return dtypes.includes(a.dtype) && b.dtype === a.dtype && sameQuantization(a.quantization, b.quantization);
}

export function prepareComparison<O>(node: NodeContext<O>, dtypes: readonly DType[]): BinaryPlan {
  const a = requireInput(node, 0);
  const b = requireInput(node, 1);
  expectDType(node, a, dtypes, 'input');
  expectDType(node, b, [a.dtype], 'input');
  const out = requireOutput(node, 0);
  expectDType(node, out, ['bool'], 'output');
  let plan: BinaryPlan;
  try {
    plan = planBinaryBroadcast(a.shape, b.shape);
  } catch (e) {
    throw shapeError(node, (e as Error).message);
  }
  out.shape = [...plan.outShape];
  return plan;
}

/** A broadcasting two-input op with a bool output; `row` writes 1 or 0. */
export function comparisonKernel(
  op: number,
  name: string,
  dtypes: readonly DType[],
  row: BinaryRow<Elements>,
): KernelRegistration<null, BinaryPlan> {
  return {
    op,
    name: `${name} (reference)`,
    parseOptions: () => null,
    supports: (node) => comparisonSupports(node, dtypes),
    prepare: (node) => prepareComparison(node, dtypes),
    eval: (node, plan) => runBinary<Elements>(plan, node.inputs[0]!.data, node.inputs[1]!.data, node.outputs[0]!.data, row),
  };
}
