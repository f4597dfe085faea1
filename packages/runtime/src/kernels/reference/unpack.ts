/** UNPACK for every dtype: one output per index along `axis`, each with that axis removed. */
import { BuiltinOp } from '../../core/ops.js';
import type { UnpackOptions } from '../../core/options.js';
import { splitBoxes } from '../common/concat_split.js';
import { elementsOf } from '../common/elements.js';
import { expectSameDType } from '../common/layout_checks.js';
import { requireInput, requireOutput, shapeError } from '../common/node_checks.js';
import { optionsOrDefault } from '../common/options.js';
import { copyStridedBox, type StridedBox } from '../common/strided_copy.js';
import type { KernelRegistration } from '../kernel.js';

export const UNPACK_KERNEL: KernelRegistration<UnpackOptions, StridedBox[]> = {
  op: BuiltinOp.UNPACK,
  name: 'UNPACK (all dtypes, reference)',
  parseOptions: (raw) => optionsOrDefault(raw, ['UnpackOptions'], { kind: 'UnpackOptions', num: 0, axis: 0 }),
  prepare(node) {
    const input = requireInput(node, 0);
    const rank = input.shape.length;
    const axis = node.options.axis < 0 ? node.options.axis + rank : node.options.axis;
    if (axis < 0 || axis >= rank) throw shapeError(node, `axis ${node.options.axis} is out of range for rank ${rank}`);
    const count = input.shape[axis]!;
    if (node.outputs.length !== count || (node.options.num !== 0 && node.options.num !== count)) {
      throw shapeError(node, `axis ${axis} has ${count} entries but num is ${node.options.num} with ${node.outputs.length} outputs`);
    }
    const shape = input.shape.filter((_, i) => i !== axis);
    for (let k = 0; k < count; k++) {
      const output = requireOutput(node, k);
      expectSameDType(node, input, output);
      output.shape = [...shape];
    }
    return splitBoxes(input.shape, axis, new Array<number>(count).fill(1));
  },
  eval(node, boxes) {
    const input = elementsOf(node.inputs[0]!.data);
    for (let k = 0; k < boxes.length; k++) copyStridedBox(elementsOf(node.outputs[k]!.data), 0, input, boxes[k]!);
  },
};
