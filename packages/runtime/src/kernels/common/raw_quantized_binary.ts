/**
 * Registration shared by quantized MAXIMUM and MINIMUM (int8, uint8, int16) with numpy broadcasting. Like
 * TFLite's kernels they compare raw values, which is exact when both inputs and the output share one scale
 * and zero point (the only case accepted here).
 */
import { BuiltinOp } from '../../core/ops.js';
import type { KernelRegistration, NodeSignature } from '../kernel.js';
import { planNodeBroadcast, runBinary, type BinaryPlan, type BinaryRow } from './binary_broadcast.js';
import { sameQuantization } from './layout_checks.js';
import { requireInput, requireOutput } from './node_checks.js';
import type { QArray } from './quantization.js';

function supports(node: NodeSignature): boolean {
  const [a, b] = node.inputs;
  const out = node.outputs[0];
  if (!a || !b || !out || (a.dtype !== 'int8' && a.dtype !== 'uint8' && a.dtype !== 'int16')) return false;
  if (b.dtype !== a.dtype || out.dtype !== a.dtype) return false;
  return sameQuantization(a.quantization, out.quantization) && sameQuantization(b.quantization, out.quantization);
}

/** A quantized registration for `op` running `row` over the raw integers. */
export function rawQuantizedBinaryKernel(
  op: 'MAXIMUM' | 'MINIMUM',
  row: BinaryRow<QArray>,
): KernelRegistration<null, BinaryPlan> {
  return {
    op: BuiltinOp[op],
    name: `${op} (int8/uint8/int16, reference)`,
    parseOptions: () => null,
    supports,
    prepare: (node) => planNodeBroadcast(node, requireInput(node, 0), requireInput(node, 1), requireOutput(node, 0)),
    eval: (node, plan) =>
      runBinary<QArray>(plan, node.inputs[0]!.data as QArray, node.inputs[1]!.data as QArray, node.outputs[0]!.data as QArray, row),
  };
}
