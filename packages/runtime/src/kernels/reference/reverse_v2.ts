/**
 * REVERSE_V2 (every dtype): the input with the constant `axis` list reversed — one strided walk starting at
 * the last element along each reversed axis with a negative stride.
 */
import { BuiltinOp } from '../../core/ops.js';
import { stridesOf } from '../../core/shape.js';
import { resolveAxes } from '../common/axes.js';
import { constIntValues } from '../common/const_values.js';
import { elementsOf } from '../common/elements.js';
import { expectSameDType } from '../common/layout_checks.js';
import { nodeLabel, requireInput, requireOutput } from '../common/node_checks.js';
import { copyStridedBox, type StridedBox } from '../common/strided_copy.js';
import type { KernelRegistration } from '../kernel.js';

export const REVERSE_V2_KERNEL: KernelRegistration<null, StridedBox> = {
  op: BuiltinOp.REVERSE_V2,
  name: 'REVERSE_V2 (all dtypes, reference)',
  parseOptions: () => null,
  prepare(node) {
    const input = requireInput(node, 0);
    const output = requireOutput(node, 0);
    expectSameDType(node, input, output);
    const axes = resolveAxes(constIntValues(node, requireInput(node, 1), 'axis input'), input.shape.length, nodeLabel(node));
    output.shape = [...input.shape];
    const strides = stridesOf(input.shape);
    let offset = 0;
    const walk = strides.map((s, d) => {
      if (!axes.includes(d)) return s;
      offset += (input.shape[d]! - 1) * s;
      return -s;
    });
    return { shape: [...input.shape], strides: walk, offset };
  },
  eval(node, box) {
    if (node.outputs[0]!.data.length === 0) return;
    copyStridedBox(elementsOf(node.outputs[0]!.data), 0, elementsOf(node.inputs[0]!.data), box);
  },
};
