/** SPLIT for every dtype: the data (input 1) cut into num_splits equal parts along the constant axis (input 0). */
import { ModelFormatError } from '../../core/errors.js';
import { BuiltinOp } from '../../core/ops.js';
import type { BuiltinOptions, SplitOptions } from '../../core/options.js';
import { formatShape } from '../../core/shape.js';
import { splitBoxes } from '../common/concat_split.js';
import { constScalarInt } from '../common/const_values.js';
import { elementsOf } from '../common/elements.js';
import { expectSameDType } from '../common/layout_checks.js';
import { requireInput, requireOutput, shapeError } from '../common/node_checks.js';
import { copyStridedBox, type StridedBox } from '../common/strided_copy.js';
import type { KernelRegistration } from '../kernel.js';

export const SPLIT_KERNEL: KernelRegistration<SplitOptions, StridedBox[]> = {
  op: BuiltinOp.SPLIT,
  name: 'SPLIT (all dtypes, reference)',
  parseOptions: parseSplitOptions,
  prepare(node) {
    const input = requireInput(node, 1);
    const rank = input.shape.length;
    const rawAxis = constScalarInt(node, requireInput(node, 0), 'axis input');
    const axis = rawAxis < 0 ? rawAxis + rank : rawAxis;
    if (axis < 0 || axis >= rank) throw shapeError(node, `axis ${rawAxis} is out of range for rank ${rank}`);
    const parts = node.outputs.length;
    if (node.options.numSplits !== 0 && node.options.numSplits !== parts) {
      throw shapeError(node, `num_splits is ${node.options.numSplits} but the node has ${parts} outputs`);
    }
    const extent = input.shape[axis]!;
    if (parts === 0 || extent % parts !== 0) {
      throw shapeError(node, `cannot split dimension ${axis} of ${formatShape(input.shape)} into ${parts} parts`);
    }
    const size = extent / parts;
    for (let k = 0; k < parts; k++) {
      const output = requireOutput(node, k);
      expectSameDType(node, input, output);
      const shape = [...input.shape];
      shape[axis] = size;
      output.shape = shape;
    }
    return splitBoxes(input.shape, axis, new Array<number>(parts).fill(size));
  },
  eval(node, boxes) {
    const input = elementsOf(node.inputs[1]!.data);
    for (let k = 0; k < boxes.length; k++) copyStridedBox(elementsOf(node.outputs[k]!.data), 0, input, boxes[k]!);
  },
};

/** SplitOptions shares its type with SplitVOptions, so optionsOrDefault cannot narrow it; done by hand. */
function parseSplitOptions(raw: BuiltinOptions | null): SplitOptions {
  if (raw === null) return { kind: 'SplitOptions', numSplits: 0 };
  if (raw.kind === 'SplitOptions') return raw;
  throw new ModelFormatError(`expected SplitOptions, found ${raw.kind}`);
}
