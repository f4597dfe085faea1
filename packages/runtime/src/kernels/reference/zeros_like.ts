/** ZEROS_LIKE (float32, int32, int64): zeros with the input's shape and dtype. */
import { BuiltinOp } from '../../core/ops.js';
import { expectDType, requireInput, requireOutput } from '../common/node_checks.js';
import type { KernelRegistration } from '../kernel.js';

export const ZEROS_LIKE_KERNEL: KernelRegistration<null, null> = {
  op: BuiltinOp.ZEROS_LIKE,
  name: 'ZEROS_LIKE (reference)',
  parseOptions: () => null,
  prepare(node) {
    const input = requireInput(node, 0);
    const output = requireOutput(node, 0);
    expectDType(node, input, ['float32', 'int32', 'int64'], 'input');
    expectDType(node, output, [input.dtype], 'output');
    output.shape = [...input.shape];
    return null;
  },
  eval(node) {
    const out = node.outputs[0]!.data;
    if (out instanceof BigInt64Array) out.fill(0n);
    else out.fill(0);
  },
};
