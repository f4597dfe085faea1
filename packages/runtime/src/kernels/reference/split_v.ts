/**
 * SPLIT_V (every dtype): the input cut along a constant axis into pieces of the constant `size_splits`
 * (one entry may be −1: whatever remains).
 */
import { ModelFormatError } from '../../core/errors.js';
import { BuiltinOp } from '../../core/ops.js';
import type { BuiltinOptions, SplitOptions } from '../../core/options.js';
import { splitBoxes } from '../common/concat_split.js';
import { constIntValues, constScalarInt } from '../common/const_values.js';
import { elementsOf } from '../common/elements.js';
import { expectSameDType } from '../common/layout_checks.js';
import { requireInput, requireOutput, shapeError } from '../common/node_checks.js';
import { copyStridedBox, type StridedBox } from '../common/strided_copy.js';
import type { KernelRegistration } from '../kernel.js';

/** Resolves a single −1 entry to the remainder; ShapeError text when the sizes cannot fit `extent`. */
export function resolveSplitSizes(sizes: readonly number[], extent: number): number[] | string {
  const unknown = sizes.filter((s) => s === -1).length;
  if (unknown > 1 || sizes.some((s) => s < -1)) return `size_splits [${sizes}] may hold one -1 and no other negative`;
  const known = sizes.reduce((p, s) => (s === -1 ? p : p + s), 0);
  if (unknown === 1) {
    if (known > extent) return `size_splits [${sizes}] exceed the axis extent ${extent}`;
    return sizes.map((s) => (s === -1 ? extent - known : s));
  }
  return known === extent ? [...sizes] : `size_splits [${sizes}] do not sum to the axis extent ${extent}`;
}

export const SPLIT_V_KERNEL: KernelRegistration<SplitOptions, StridedBox[]> = {
  op: BuiltinOp.SPLIT_V,
  name: 'SPLIT_V (all dtypes, reference)',
  parseOptions: parseSplitVOptions,
  prepare(node) {
    const input = requireInput(node, 0);
    const rank = input.shape.length;
    const rawAxis = constScalarInt(node, requireInput(node, 2), 'axis input');
    const axis = rawAxis < 0 ? rawAxis + rank : rawAxis;
    if (axis < 0 || axis >= rank) throw shapeError(node, `axis ${rawAxis} is out of range for rank ${rank}`);
    const sizes = resolveSplitSizes(constIntValues(node, requireInput(node, 1), 'size_splits input'), input.shape[axis]!);
    if (typeof sizes === 'string') throw shapeError(node, sizes);
    if (sizes.length !== node.outputs.length) {
      throw shapeError(node, `${sizes.length} sizes for ${node.outputs.length} outputs`);
    }
    sizes.forEach((size, k) => {
      const output = requireOutput(node, k);
      expectSameDType(node, input, output);
      const shape = [...input.shape];
      shape[axis] = size;
      output.shape = shape;
    });
    return splitBoxes(input.shape, axis, sizes);
  },
  eval(node, boxes) {
    const input = elementsOf(node.inputs[0]!.data);
    for (let k = 0; k < boxes.length; k++) {
      if (node.outputs[k]!.data.length > 0) copyStridedBox(elementsOf(node.outputs[k]!.data), 0, input, boxes[k]!);
    }
  },
};

function parseSplitVOptions(raw: BuiltinOptions | null): SplitOptions {
  if (raw === null) return { kind: 'SplitVOptions', numSplits: 0 };
  if (raw.kind === 'SplitVOptions') return raw;
  throw new ModelFormatError(`expected SplitVOptions, found ${raw.kind}`);
}
