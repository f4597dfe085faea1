/**
 * MAXIMUM for int8, uint8 and int16 with numpy broadcasting. Like TFLite's kernel it compares raw values, which is
 * exact when both inputs and the output share one scale and zero point (the only case accepted here).
 */
import { BuiltinOp } from '../../core/ops.js';
import { planBinaryBroadcast, runBinary, type BinaryPlan } from '../common/binary_broadcast.js';
import { sameQuantization } from '../common/layout_checks.js';
import { requireInput, requireOutput, shapeError } from '../common/node_checks.js';
import type { KernelRegistration, NodeSignature } from '../kernel.js';
import type { QArray } from '../quantized/elementwise.js';

function supports(node: NodeSignature): boolean {
  const [a, b] = node.inputs;
  const out = node.outputs[0];
  if (!a || !b || !out || (a.dtype !== 'int8' && a.dtype !== 'uint8' && a.dtype !== 'int16')) return false;
  if (b.dtype !== a.dtype || out.dtype !== a.dtype) return false;
  return sameQuantization(a.quantization, out.quantization) && sameQuantization(b.quantization, out.quantization);
}

export function maximumQuantizedRow(
  a: QArray, ai: number, as: number,
  b: QArray, bi: number, bs: number,
  out: QArray, oi: number, n: number,
): void {
  for (let i = 0; i < n; i++) {
    const x = a[ai + i * as]!;
    const y = b[bi + i * bs]!;
    out[oi + i] = x > y ? x : y;
  }
}

export const MAXIMUM_QUANTIZED_KERNEL: KernelRegistration<null, BinaryPlan> = {
  op: BuiltinOp.MAXIMUM,
  name: 'MAXIMUM (int8/uint8/int16, reference)',
  parseOptions: () => null,
  supports,
  prepare(node) {
    const a = requireInput(node, 0);
    const b = requireInput(node, 1);
    try {
      const plan = planBinaryBroadcast(a.shape, b.shape);
      requireOutput(node, 0).shape = [...plan.outShape];
      return plan;
    } catch (e) {
      throw shapeError(node, (e as Error).message);
    }
  },
  eval: (node, plan) =>
    runBinary<QArray>(plan, node.inputs[0]!.data as QArray, node.inputs[1]!.data as QArray, node.outputs[0]!.data as QArray, maximumQuantizedRow),
};
