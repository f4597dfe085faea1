/**
 * STRIDED_SLICE for every dtype: constant begin/end/strides with begin, end, ellipsis, new_axis and
 * shrink_axis masks, negative strides and `offset` (index logic in common/strided_slice_params.ts).
 */
import { BuiltinOp } from '../../core/ops.js';
import type { StridedSliceOptions } from '../../core/options.js';
import { constIntValues } from '../common/const_values.js';
import { elementsOf } from '../common/elements.js';
import { expectSameDType } from '../common/layout_checks.js';
import { requireInput, requireOutput, shapeError } from '../common/node_checks.js';
import { optionsOrDefault } from '../common/options.js';
import { copyStridedBox, type StridedBox } from '../common/strided_copy.js';
import { planStridedSlice, type StridedSlicePlan } from '../common/strided_slice_params.js';
import type { KernelRegistration } from '../kernel.js';

const DEFAULT_OPTIONS: StridedSliceOptions = {
  kind: 'StridedSliceOptions',
  beginMask: 0,
  endMask: 0,
  ellipsisMask: 0,
  newAxisMask: 0,
  shrinkAxisMask: 0,
  offset: false,
};

export const STRIDED_SLICE_KERNEL: KernelRegistration<StridedSliceOptions, StridedBox> = {
  op: BuiltinOp.STRIDED_SLICE,
  name: 'STRIDED_SLICE (all dtypes, reference)',
  parseOptions: (raw) => optionsOrDefault(raw, ['StridedSliceOptions'], DEFAULT_OPTIONS),
  prepare(node) {
    const input = requireInput(node, 0);
    const output = requireOutput(node, 0);
    expectSameDType(node, input, output);
    const spec = {
      begin: constIntValues(node, requireInput(node, 1), 'begin input'),
      end: constIntValues(node, requireInput(node, 2), 'end input'),
      strides: constIntValues(node, requireInput(node, 3), 'strides input'),
      options: node.options,
    };
    let plan: StridedSlicePlan;
    try {
      plan = planStridedSlice(input.shape, spec);
    } catch (e) {
      throw shapeError(node, e instanceof Error ? e.message : String(e));
    }
    output.shape = plan.outputShape;
    return plan.box;
  },
  eval(node, box) {
    if (node.outputs[0]!.data.length === 0) return;
    copyStridedBox(elementsOf(node.outputs[0]!.data), 0, elementsOf(node.inputs[0]!.data), box);
  },
};
