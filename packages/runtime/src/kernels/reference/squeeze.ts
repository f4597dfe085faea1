/** SQUEEZE for every dtype: a copy with size-1 dimensions removed (all of them, or the listed ones). */
import { BuiltinOp } from '../../core/ops.js';
import type { SqueezeOptions } from '../../core/options.js';
import { formatShape } from '../../core/shape.js';
import { resolveAxes } from '../common/axes.js';
import { copyAll, elementsOf } from '../common/elements.js';
import { expectSameDType } from '../common/layout_checks.js';
import { nodeLabel, requireInput, requireOutput, shapeError } from '../common/node_checks.js';
import { optionsOrDefault } from '../common/options.js';
import type { KernelRegistration } from '../kernel.js';

export const SQUEEZE_KERNEL: KernelRegistration<SqueezeOptions, null> = {
  op: BuiltinOp.SQUEEZE,
  name: 'SQUEEZE (all dtypes, reference)',
  parseOptions: (raw) => optionsOrDefault(raw, ['SqueezeOptions'], { kind: 'SqueezeOptions', squeezeDims: [] }),
  prepare(node) {
    const input = requireInput(node, 0);
    const output = requireOutput(node, 0);
    expectSameDType(node, input, output);
    const shape = input.shape;
    let axes = resolveAxes(node.options.squeezeDims, shape.length, nodeLabel(node));
    if (node.options.squeezeDims.length === 0) axes = shape.flatMap((d, i) => (d === 1 ? [i] : []));
    for (const a of axes) {
      if (shape[a] !== 1) throw shapeError(node, `cannot squeeze dimension ${a} of ${formatShape(shape)}`);
    }
    output.shape = shape.filter((_, i) => !axes.includes(i));
    return null;
  },
  eval(node) {
    copyAll(elementsOf(node.outputs[0]!.data), elementsOf(node.inputs[0]!.data));
  },
};
