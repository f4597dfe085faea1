/**
 * RANK: the input's rank as an int32 scalar. It depends only on the input's shape, so the interpreter
 * evaluates it at prepare time and treats the result as a constant (like SHAPE).
 */
import { BuiltinOp } from '../../core/ops.js';
import { expectDType, requireInput, requireOutput } from '../common/node_checks.js';
import type { KernelRegistration } from '../kernel.js';

export const RANK_KERNEL: KernelRegistration<null, number> = {
  op: BuiltinOp.RANK,
  name: 'RANK (reference)',
  parseOptions: () => null,
  shapeOnly: true,
  prepare(node) {
    const output = requireOutput(node, 0);
    expectDType(node, output, ['int32'], 'output');
    output.shape = [];
    return requireInput(node, 0).shape.length;
  },
  eval(node, rank) {
    (node.outputs[0]!.data as Int32Array)[0] = rank;
  },
};
