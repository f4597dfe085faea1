/**
 * BROADCAST_TO (every dtype): the input broadcast numpy-style to the target shape, as one strided walk with
 * stride 0 along broadcast axes. A target shape computed at run time makes the output dynamic.
 */
import { BuiltinOp } from '../../core/ops.js';
import { broadcastStrides } from '../common/broadcast.js';
import { intValues } from '../common/const_values.js';
import { elementsOf } from '../common/elements.js';
import { expectSameDType } from '../common/layout_checks.js';
import { requireInput, requireOutput, shapeError } from '../common/node_checks.js';
import { copyStridedBox, type StridedBox } from '../common/strided_copy.js';
import type { KernelRegistration, NodeContext } from '../kernel.js';

function broadcastPlan(node: NodeContext<null>): StridedBox {
  const shape = intValues(node, node.inputs[1]!, 'shape input');
  if (shape.some((d) => d < 0)) throw shapeError(node, `target shape [${shape}] has a negative dimension`);
  try {
    return { shape, strides: broadcastStrides(node.inputs[0]!.shape, shape), offset: 0 };
  } catch (e) {
    throw shapeError(node, (e as Error).message);
  }
}

export const BROADCAST_TO_KERNEL: KernelRegistration<null, StridedBox | null> = {
  op: BuiltinOp.BROADCAST_TO,
  name: 'BROADCAST_TO (all dtypes, reference)',
  parseOptions: () => null,
  prepare(node) {
    const input = requireInput(node, 0);
    const output = requireOutput(node, 0);
    expectSameDType(node, input, output);
    if (!requireInput(node, 1).isConstant) {
      node.markOutputDynamic(0);
      return null;
    }
    const box = broadcastPlan(node);
    output.shape = [...box.shape];
    return box;
  },
  eval(node, prepared) {
    let box = prepared;
    if (box === null) {
      box = broadcastPlan(node);
      node.resizeOutput(0, box.shape);
    }
    if (node.outputs[0]!.data.length === 0) return;
    copyStridedBox(elementsOf(node.outputs[0]!.data), 0, elementsOf(node.inputs[0]!.data), box);
  },
};
