/** SLICE for every dtype: constant begin and size (size -1 = to the end of the dimension). */
import { BuiltinOp } from '../../core/ops.js';
import { formatShape, stridesOf } from '../../core/shape.js';
import { constIntValues } from '../common/const_values.js';
import { elementsOf } from '../common/elements.js';
import { expectSameDType } from '../common/layout_checks.js';
import { requireInput, requireOutput, shapeError } from '../common/node_checks.js';
import { copyStridedBox, type StridedBox } from '../common/strided_copy.js';
import type { KernelRegistration } from '../kernel.js';

export const SLICE_KERNEL: KernelRegistration<null, StridedBox> = {
  op: BuiltinOp.SLICE,
  name: 'SLICE (all dtypes, reference)',
  parseOptions: () => null,
  prepare(node) {
    const input = requireInput(node, 0);
    const output = requireOutput(node, 0);
    expectSameDType(node, input, output);
    const shape = input.shape;
    const begin = constIntValues(node, requireInput(node, 1), 'begin input');
    const size = constIntValues(node, requireInput(node, 2), 'size input');
    if (begin.length !== shape.length || size.length !== shape.length) {
      throw shapeError(node, `begin/size of length ${begin.length}/${size.length} for input ${formatShape(shape)}`);
    }
    const outShape = shape.map((d, i) => (size[i] === -1 ? d - begin[i]! : size[i]!));
    shape.forEach((d, i) => {
      if (begin[i]! < 0 || outShape[i]! < 0 || begin[i]! + outShape[i]! > d) {
        throw shapeError(node, `slice begin ${begin[i]} size ${size[i]} does not fit dimension ${i} of ${formatShape(shape)}`);
      }
    });
    output.shape = outShape;
    const strides = stridesOf(shape);
    const offset = begin.reduce((sum, b, i) => sum + b * strides[i]!, 0);
    return { shape: [...outShape], strides, offset };
  },
  eval(node, box) {
    if (node.outputs[0]!.data.length === 0) return;
    copyStridedBox(elementsOf(node.outputs[0]!.data), 0, elementsOf(node.inputs[0]!.data), box);
  },
};
