/**
 * WHERE (TFLite where.cc): the coordinates of the true (non-zero) elements of the condition, in row-major order,
 * as int64 [count, rank]. The count depends on the condition's values, so the output is dynamic unless the
 * condition is constant (then it is planned at prepare).
 */
import { BuiltinOp } from '../../core/ops.js';
import { stridesOf } from '../../core/shape.js';
import { expectDType, requireInput, requireOutput } from '../common/node_checks.js';
import type { KernelRegistration, NodeContext } from '../kernel.js';

const CONDITION_TYPES = ['bool', 'float32', 'int32', 'int64', 'int8', 'uint8', 'int16'] as const;

function trueCount(data: ArrayLike<number | bigint>): number {
  let n = 0;
  for (let i = 0; i < data.length; i++) if (Number(data[i]) !== 0) n++;
  return n;
}

function writeCoords(node: NodeContext<null>): void {
  const cond = node.inputs[0]!;
  const out = node.outputs[0]!.data as BigInt64Array;
  const strides = stridesOf(cond.shape);
  const rank = cond.shape.length;
  let row = 0;
  for (let i = 0; i < cond.data.length; i++) {
    if (Number(cond.data[i]) === 0) continue;
    for (let a = 0; a < rank; a++) out[row * rank + a] = BigInt(Math.floor(i / strides[a]!) % cond.shape[a]!);
    row++;
  }
}

export const WHERE_KERNEL: KernelRegistration<null, { readonly dynamic: boolean }> = {
  op: BuiltinOp.WHERE,
  name: 'WHERE (reference)',
  parseOptions: () => null,
  prepare(node) {
    const cond = requireInput(node, 0);
    expectDType(node, cond, CONDITION_TYPES, 'condition');
    expectDType(node, requireOutput(node, 0), ['int64'], 'output');
    if (!cond.isConstant) {
      node.markOutputDynamic(0);
      return { dynamic: true };
    }
    node.outputs[0]!.shape = [trueCount(cond.data), cond.shape.length];
    return { dynamic: false };
  },
  eval(node, d) {
    const cond = node.inputs[0]!;
    if (d.dynamic) node.resizeOutput(0, [trueCount(cond.data), cond.shape.length]);
    writeCoords(node);
  },
};
