/** TRANSPOSE for every dtype with a constant permutation (rank up to 6, as TFLite). */
import { BuiltinOp } from '../../core/ops.js';
import { stridesOf } from '../../core/shape.js';
import { constIntValues } from '../common/const_values.js';
import { elementsOf } from '../common/elements.js';
import { expectSameDType } from '../common/layout_checks.js';
import { requireInput, requireOutput, shapeError, unsupported } from '../common/node_checks.js';
import { copyStridedBox, type StridedBox } from '../common/strided_copy.js';
import type { KernelRegistration } from '../kernel.js';

const MAX_RANK = 6;

export const TRANSPOSE_KERNEL: KernelRegistration<null, StridedBox> = {
  op: BuiltinOp.TRANSPOSE,
  name: 'TRANSPOSE (all dtypes, reference)',
  parseOptions: () => null,
  prepare(node) {
    const input = requireInput(node, 0);
    const output = requireOutput(node, 0);
    expectSameDType(node, input, output);
    const rank = input.shape.length;
    if (rank > MAX_RANK) throw unsupported(node, `rank ${rank} (TRANSPOSE supports up to ${MAX_RANK})`);
    const raw = constIntValues(node, requireInput(node, 1), 'perm input');
    const perm = raw.map((p) => (p < 0 ? p + rank : p));
    const isPermutation = perm.length === rank && perm.every((p, i) => p >= 0 && p < rank && perm.indexOf(p) === i);
    if (!isPermutation) throw shapeError(node, `perm [${raw.join(',')}] is not a permutation of rank ${rank}`);
    const inStrides = stridesOf(input.shape);
    output.shape = perm.map((p) => input.shape[p]!);
    return { shape: [...output.shape], strides: perm.map((p) => inStrides[p]!), offset: 0 };
  },
  eval(node, box) {
    if (node.outputs[0]!.data.length === 0) return;
    copyStridedBox(elementsOf(node.outputs[0]!.data), 0, elementsOf(node.inputs[0]!.data), box);
  },
};
