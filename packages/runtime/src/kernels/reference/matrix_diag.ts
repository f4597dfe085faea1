/** MATRIX_DIAG (every dtype): [..., N] → [..., N, N] with the input on the diagonal and zeros elsewhere. */
import { BuiltinOp } from '../../core/ops.js';
import { elementsOf } from '../common/elements.js';
import { expectSameDType } from '../common/layout_checks.js';
import { requireInput, requireOutput, shapeError, unsupported } from '../common/node_checks.js';
import type { KernelRegistration } from '../kernel.js';

export const MATRIX_DIAG_KERNEL: KernelRegistration<null, number> = {
  op: BuiltinOp.MATRIX_DIAG,
  name: 'MATRIX_DIAG (all dtypes, reference)',
  parseOptions: () => null,
  prepare(node) {
    const input = requireInput(node, 0);
    const output = requireOutput(node, 0);
    expectSameDType(node, input, output);
    if (input.dtype === 'string') throw unsupported(node, 'string tensors have no zero to fill with');
    if (input.shape.length < 1) throw shapeError(node, 'input must have rank ≥ 1');
    const n = input.shape[input.shape.length - 1]!;
    output.shape = [...input.shape, n];
    return n;
  },
  eval(node, n) {
    const x = elementsOf(node.inputs[0]!.data);
    const out = node.outputs[0]!.data;
    if (out instanceof BigInt64Array) out.fill(0n);
    else (out as Exclude<typeof out, BigInt64Array>).fill(0);
    const o = elementsOf(out);
    for (let i = 0; i < x.length; i++) {
      const batch = Math.floor(i / n), k = i % n;
      o[batch * n * n + k * n + k] = x[i]!;
    }
  },
};
