/**
 * BROADCAST_ARGS (int32, int64): the broadcast shape of two shape vectors, as NumPy aligns them from the
 * right — equal sizes stay, a 1 yields to the other size; anything else fails. Both shapes are usually
 * constant, so the node is folded at prepare; the output length is the longer input's.
 */
import { TensorError } from '../../core/errors.js';
import { BuiltinOp } from '../../core/ops.js';
import { formatShape } from '../../core/shape.js';
import { expectDType, nodeLabel, requireInput, requireOutput, shapeError } from '../common/node_checks.js';
import type { KernelRegistration } from '../kernel.js';

export const BROADCAST_ARGS_KERNEL: KernelRegistration<null, string> = {
  op: BuiltinOp.BROADCAST_ARGS,
  name: 'BROADCAST_ARGS (int32/int64, reference)',
  parseOptions: () => null,
  prepare(node) {
    const a = requireInput(node, 0), b = requireInput(node, 1);
    const output = requireOutput(node, 0);
    expectDType(node, a, ['int32', 'int64'], 'shape 0');
    expectDType(node, b, [a.dtype], 'shape 1');
    expectDType(node, output, [a.dtype], 'output');
    if (a.shape.length !== 1 || b.shape.length !== 1) throw shapeError(node, `shapes ${formatShape(a.shape)} and ${formatShape(b.shape)} must be vectors`);
    output.shape = [Math.max(a.shape[0]!, b.shape[0]!)];
    return nodeLabel(node);
  },
  eval(node, label) {
    const a = node.inputs[0]!.data, b = node.inputs[1]!.data;
    const out = node.outputs[0]!.data;
    const n = out.length;
    for (let i = 1; i <= n; i++) {
      const x = i <= a.length ? Number(a[a.length - i]!) : 1;
      const y = i <= b.length ? Number(b[b.length - i]!) : 1;
      if (x !== y && x !== 1 && y !== 1) throw new TensorError(`${label}: shapes [${[...a].join(',')}] and [${[...b].join(',')}] do not broadcast`);
      const v = x === 1 ? y : x;
      if (out instanceof BigInt64Array) out[n - i] = BigInt(v);
      else out[n - i] = v;
    }
  },
};
