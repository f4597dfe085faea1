/**
 * BROADCAST_TO (every dtype): the input broadcast numpy-style to a constant target shape, as one strided walk
 * with stride 0 along broadcast axes.
 */
import { BuiltinOp } from '../../core/ops.js';
import { broadcastStrides } from '../common/broadcast.js';
import { constIntValues } from '../common/const_values.js';
import { elementsOf } from '../common/elements.js';
import { expectSameDType } from '../common/layout_checks.js';
import { requireInput, requireOutput, shapeError } from '../common/node_checks.js';
import { copyStridedBox, type StridedBox } from '../common/strided_copy.js';
import type { KernelRegistration } from '../kernel.js';

export const BROADCAST_TO_KERNEL: KernelRegistration<null, StridedBox> = {
  op: BuiltinOp.BROADCAST_TO,
  name: 'BROADCAST_TO (all dtypes, reference)',
  parseOptions: () => null,
  prepare(node) {
    const input = requireInput(node, 0);
    const output = requireOutput(node, 0);
    expectSameDType(node, input, output);
    const shape = constIntValues(node, requireInput(node, 1), 'shape input');
    if (shape.some((d) => d < 0)) throw shapeError(node, `target shape [${shape}] has a negative dimension`);
    let strides: number[];
    try {
      strides = broadcastStrides(input.shape, shape);
    } catch (e) {
      throw shapeError(node, (e as Error).message);
    }
    output.shape = [...shape];
    return { shape, strides, offset: 0 };
  },
  eval(node, box) {
    if (node.outputs[0]!.data.length === 0) return;
    copyStridedBox(elementsOf(node.outputs[0]!.data), 0, elementsOf(node.inputs[0]!.data), box);
  },
};
