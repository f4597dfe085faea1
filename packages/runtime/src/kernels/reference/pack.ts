/** PACK for every dtype: N same-shaped inputs stacked along a new axis in [-(rank+1), rank]. */
import { BuiltinOp } from '../../core/ops.js';
import type { PackOptions } from '../../core/options.js';
import { formatShape, shapesEqual } from '../../core/shape.js';
import { concatInto, sizeBetween, type ConcatPlan } from '../common/concat_split.js';
import { expectSameDType, inputsMatchOutput } from '../common/layout_checks.js';
import { requireInput, requireOutput, shapeError } from '../common/node_checks.js';
import { optionsOrDefault } from '../common/options.js';
import type { KernelRegistration } from '../kernel.js';

export const PACK_KERNEL: KernelRegistration<PackOptions, ConcatPlan> = {
  op: BuiltinOp.PACK,
  name: 'PACK (all dtypes, reference)',
  parseOptions: (raw) => optionsOrDefault(raw, ['PackOptions'], { kind: 'PackOptions', valuesCount: 0, axis: 0 }),
  supports: (node) => inputsMatchOutput(node, node.inputs.map((_, i) => i)),
  prepare(node) {
    const output = requireOutput(node, 0);
    const inputs = node.inputs.map((_, i) => requireInput(node, i));
    if (inputs.length === 0) throw shapeError(node, 'needs at least one input');
    const { valuesCount } = node.options;
    if (valuesCount !== 0 && valuesCount !== inputs.length) {
      throw shapeError(node, `values_count is ${valuesCount} but the node has ${inputs.length} inputs`);
    }
    const first = inputs[0]!;
    const rank = first.shape.length;
    const axis = node.options.axis < 0 ? node.options.axis + rank + 1 : node.options.axis;
    if (axis < 0 || axis > rank) throw shapeError(node, `axis ${node.options.axis} is out of range for rank ${rank + 1}`);
    for (const t of inputs) {
      expectSameDType(node, t, output);
      if (!shapesEqual(t.shape, first.shape)) {
        throw shapeError(node, `input ${formatShape(t.shape)} differs from ${formatShape(first.shape)}`);
      }
    }
    const shape = [...first.shape];
    shape.splice(axis, 0, inputs.length);
    output.shape = shape;
    const chunk = sizeBetween(first.shape, axis, rank);
    return { outer: sizeBetween(first.shape, 0, axis), chunks: inputs.map(() => chunk) };
  },
  eval(node, plan) {
    concatInto(node.outputs[0]!, node.inputs, plan);
  },
};
