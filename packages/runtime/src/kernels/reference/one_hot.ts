/**
 * ONE_HOT: indices (int32/int64) expanded along a new axis of `depth` (a constant scalar): on_value where the
 * position equals the index, off_value elsewhere (indices outside [0, depth) give an all-off row). Output
 * dtype is that of on/off values: float32, int32, int64, int8, uint8 or bool.
 */
import { BuiltinOp } from '../../core/ops.js';
import type { BuiltinOptions, OneHotOptions } from '../../core/options.js';
import { numElements } from '../../core/shape.js';
import { sizeBetween } from '../common/concat_split.js';
import { constScalarInt } from '../common/const_values.js';
import { elementsOf } from '../common/elements.js';
import { expectDType, requireInput, requireOutput, shapeError } from '../common/node_checks.js';
import { optionsOrDefault } from '../common/options.js';
import type { KernelRegistration } from '../kernel.js';

interface OneHotPlan {
  /** Index elements before the new axis (prefix) and after it (suffix), and the depth. */
  readonly prefix: number;
  readonly suffix: number;
  readonly depth: number;
}

export const ONE_HOT_KERNEL: KernelRegistration<OneHotOptions, OneHotPlan> = {
  op: BuiltinOp.ONE_HOT,
  name: 'ONE_HOT (reference)',
  parseOptions: (raw: BuiltinOptions | null) => optionsOrDefault(raw, ['OneHotOptions'], { kind: 'OneHotOptions', axis: -1 }),
  prepare(node) {
    const indices = requireInput(node, 0);
    const on = requireInput(node, 2);
    const off = requireInput(node, 3);
    const output = requireOutput(node, 0);
    expectDType(node, indices, ['int32', 'int64'], 'indices');
    expectDType(node, on, ['float32', 'int32', 'int64', 'int8', 'uint8', 'bool'], 'on_value');
    expectDType(node, off, [on.dtype], 'off_value');
    expectDType(node, output, [on.dtype], 'output');
    if (numElements(on.shape) !== 1 || numElements(off.shape) !== 1) throw shapeError(node, 'on_value and off_value must be scalars');
    const depth = constScalarInt(node, requireInput(node, 1), 'depth input');
    if (depth < 0) throw shapeError(node, `depth ${depth} is negative`);
    const rank = indices.shape.length;
    const axis = node.options.axis === -1 ? rank : node.options.axis;
    if (axis < 0 || axis > rank) throw shapeError(node, `axis ${node.options.axis} is out of range for output rank ${rank + 1}`);
    output.shape = [...indices.shape.slice(0, axis), depth, ...indices.shape.slice(axis)];
    return { prefix: sizeBetween(indices.shape, 0, axis), suffix: sizeBetween(indices.shape, axis, rank), depth };
  },
  eval(node, p) {
    const indices = elementsOf(node.inputs[0]!.data);
    const on = elementsOf(node.inputs[2]!.data)[0]!;
    const off = elementsOf(node.inputs[3]!.data)[0]!;
    const out = elementsOf(node.outputs[0]!.data);
    let o = 0;
    for (let i = 0; i < p.prefix; i++) {
      for (let d = 0; d < p.depth; d++) {
        for (let j = 0; j < p.suffix; j++) out[o++] = Number(indices[i * p.suffix + j]!) === d ? on : off;
      }
    }
  },
};
