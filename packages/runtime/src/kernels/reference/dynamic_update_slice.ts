/**
 * DYNAMIC_UPDATE_SLICE (every dtype): the operand with `update` written over it at `start_indices` (int32 or
 * int64, one per dimension, read at every invoke). Each start is clamped into [0, operand − update] along its
 * dimension, as XLA and TFLite do, so the update always lands whole inside the output.
 */
import { BuiltinOp } from '../../core/ops.js';
import { formatShape, stridesOf } from '../../core/shape.js';
import { copyAll, elementsOf, type Elements } from '../common/elements.js';
import { expectSameDType } from '../common/layout_checks.js';
import { expectDType, requireInput, requireOutput, shapeError } from '../common/node_checks.js';
import type { KernelRegistration } from '../kernel.js';

interface Plan {
  readonly shape: readonly number[];
  readonly update: readonly number[];
  readonly outStrides: readonly number[];
}

function copyRegion(out: Elements, upd: Elements, p: Plan, dim: number, outAt: number, updAt: number): number {
  const n = p.update[dim]!;
  if (dim === p.update.length - 1) {
    for (let i = 0; i < n; i++) out[outAt + i] = upd[updAt + i]!;
    return updAt + n;
  }
  for (let i = 0; i < n; i++) updAt = copyRegion(out, upd, p, dim + 1, outAt + i * p.outStrides[dim]!, updAt);
  return updAt;
}

export const DYNAMIC_UPDATE_SLICE_KERNEL: KernelRegistration<null, Plan> = {
  op: BuiltinOp.DYNAMIC_UPDATE_SLICE,
  name: 'DYNAMIC_UPDATE_SLICE (all dtypes, reference)',
  parseOptions: () => null,
  prepare(node) {
    const operand = requireInput(node, 0), update = requireInput(node, 1), starts = requireInput(node, 2);
    const output = requireOutput(node, 0);
    expectSameDType(node, operand, output);
    expectSameDType(node, update, output);
    expectDType(node, starts, ['int32', 'int64'], 'start indices');
    const rank = operand.shape.length;
    if (starts.shape.length !== 1 || starts.shape[0] !== rank) throw shapeError(node, `start indices ${formatShape(starts.shape)} must hold one index per operand dimension (${rank})`);
    if (update.shape.length !== rank || update.shape.some((d, i) => d > operand.shape[i]!)) {
      throw shapeError(node, `update ${formatShape(update.shape)} does not fit inside operand ${formatShape(operand.shape)}`);
    }
    output.shape = [...operand.shape];
    return { shape: [...operand.shape], update: [...update.shape], outStrides: stridesOf(operand.shape) };
  },
  eval(node, p) {
    const out = elementsOf(node.outputs[0]!.data);
    copyAll(out, elementsOf(node.inputs[0]!.data));
    if (p.update.some((d) => d === 0)) return;
    const starts = node.inputs[2]!.data;
    let at = 0;
    for (let i = 0; i < p.shape.length; i++) {
      const s = Math.min(Math.max(0, Number(starts[i]!)), p.shape[i]! - p.update[i]!);
      at += s * p.outStrides[i]!;
    }
    if (p.shape.length === 0) {
      out[0] = elementsOf(node.inputs[1]!.data)[0]!;
      return;
    }
    copyRegion(out, elementsOf(node.inputs[1]!.data), p, 0, at, 0);
  },
};
