/**
 * MATRIX_SET_DIAG (every dtype): input [..., M, N] with its main diagonal replaced by `diagonal`
 * [..., min(M, N)].
 */
import { BuiltinOp } from '../../core/ops.js';
import { formatShape, shapesEqual } from '../../core/shape.js';
import { copyAll, elementsOf } from '../common/elements.js';
import { expectSameDType } from '../common/layout_checks.js';
import { requireInput, requireOutput, shapeError } from '../common/node_checks.js';
import type { KernelRegistration } from '../kernel.js';

export const MATRIX_SET_DIAG_KERNEL: KernelRegistration<null, { rows: number; cols: number; diag: number }> = {
  op: BuiltinOp.MATRIX_SET_DIAG,
  name: 'MATRIX_SET_DIAG (all dtypes, reference)',
  parseOptions: () => null,
  prepare(node) {
    const input = requireInput(node, 0), diagonal = requireInput(node, 1);
    const output = requireOutput(node, 0);
    expectSameDType(node, input, output);
    expectSameDType(node, diagonal, output);
    const r = input.shape.length;
    if (r < 2) throw shapeError(node, 'input must have rank ≥ 2');
    const rows = input.shape[r - 2]!, cols = input.shape[r - 1]!;
    const diag = Math.min(rows, cols);
    if (!shapesEqual(diagonal.shape, [...input.shape.slice(0, r - 2), diag])) {
      throw shapeError(node, `diagonal ${formatShape(diagonal.shape)} does not match input ${formatShape(input.shape)}`);
    }
    output.shape = [...input.shape];
    return { rows, cols, diag };
  },
  eval(node, p) {
    const out = elementsOf(node.outputs[0]!.data);
    copyAll(out, elementsOf(node.inputs[0]!.data));
    const d = elementsOf(node.inputs[1]!.data);
    for (let i = 0; i < d.length; i++) {
      const batch = Math.floor(i / p.diag), k = i % p.diag;
      out[batch * p.rows * p.cols + k * p.cols + k] = d[i]!;
    }
  },
};
