/** EXPAND_DIMS for every dtype: a copy with a size-1 dimension inserted at the (constant) axis input. */
import { BuiltinOp } from '../../core/ops.js';
import { constScalarInt } from '../common/const_values.js';
import { copyAll, elementsOf } from '../common/elements.js';
import { expectSameDType } from '../common/layout_checks.js';
import { requireInput, requireOutput, shapeError } from '../common/node_checks.js';
import type { KernelRegistration } from '../kernel.js';

export const EXPAND_DIMS_KERNEL: KernelRegistration<null, null> = {
  op: BuiltinOp.EXPAND_DIMS,
  name: 'EXPAND_DIMS (all dtypes, reference)',
  parseOptions: () => null,
  prepare(node) {
    const input = requireInput(node, 0);
    const output = requireOutput(node, 0);
    expectSameDType(node, input, output);
    const rank = input.shape.length;
    const raw = constScalarInt(node, requireInput(node, 1), 'axis input');
    // The new dimension may go anywhere in [0, rank]; negative values count from the end of the new shape.
    const axis = raw < 0 ? raw + rank + 1 : raw;
    if (axis < 0 || axis > rank) throw shapeError(node, `axis ${raw} is out of range for rank ${rank}`);
    const shape = [...input.shape];
    shape.splice(axis, 0, 1);
    output.shape = shape;
    return null;
  },
  eval(node) {
    copyAll(elementsOf(node.outputs[0]!.data), elementsOf(node.inputs[0]!.data));
  },
};
