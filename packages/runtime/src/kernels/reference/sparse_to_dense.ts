/**
 * SPARSE_TO_DENSE (float32, int32, int64, int8, uint8 values; int32/int64 indices and shape): a tensor of the
 * constant `output_shape` (rank ≤ 4) filled with `default_value`, then each index (a scalar or row of a
 * [N, rank] matrix) receives its value (or the one scalar value). Later duplicates win. An index outside the
 * output fails the invoke (TFLite leaves it unchecked). A run-time output shape would make the output
 * dynamic, which this runtime does not support yet.
 */
import { TensorError } from '../../core/errors.js';
import { BuiltinOp } from '../../core/ops.js';
import type { SparseToDenseOptions } from '../../core/options.js';
import { formatShape, numElements, stridesOf } from '../../core/shape.js';
import { constIntValues } from '../common/const_values.js';
import { elementsOf } from '../common/elements.js';
import { expectDType, nodeLabel, requireInput, requireOutput, shapeError } from '../common/node_checks.js';
import { optionsOrDefault } from '../common/options.js';
import type { KernelRegistration } from '../kernel.js';

interface Plan {
  readonly label: string;
  readonly count: number;
  readonly depth: number;
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  readonly scalarValue: boolean;
}

export const SPARSE_TO_DENSE_KERNEL: KernelRegistration<SparseToDenseOptions, Plan> = {
  op: BuiltinOp.SPARSE_TO_DENSE,
  name: 'SPARSE_TO_DENSE (reference)',
  parseOptions: (raw) => optionsOrDefault(raw, ['SparseToDenseOptions'], { kind: 'SparseToDenseOptions', validateIndices: false }),
  prepare(node) {
    const indices = requireInput(node, 0), shapeIn = requireInput(node, 1), values = requireInput(node, 2), fallback = requireInput(node, 3);
    const output = requireOutput(node, 0);
    expectDType(node, indices, ['int32', 'int64'], 'indices');
    expectDType(node, values, ['float32', 'int32', 'int64', 'int8', 'uint8'], 'values');
    expectDType(node, fallback, [values.dtype], 'default value');
    expectDType(node, output, [values.dtype], 'output');
    if (shapeIn.shape.length !== 1) throw shapeError(node, `output shape ${formatShape(shapeIn.shape)} must be a vector`);
    const shape = constIntValues(node, shapeIn, 'output shape');
    if (shape.length > 4 || shape.some((d) => d < 0)) throw shapeError(node, `output shape ${formatShape(shape)} must have rank ≤ 4 and no negative size`);
    if (indices.shape.length > 2 || values.shape.length > 1) throw shapeError(node, 'indices must have rank ≤ 2 and values rank ≤ 1');
    if (numElements(fallback.shape) !== 1) throw shapeError(node, 'default value must hold one element');
    const matrix = indices.shape.length === 2;
    const count = indices.shape.length === 0 ? 1 : indices.shape[0]!;
    const depth = matrix ? indices.shape[1]! : 1;
    if (depth !== shape.length) throw shapeError(node, `indices ${formatShape(indices.shape)} do not address output shape ${formatShape(shape)}`);
    const scalarValue = values.shape.length === 0;
    if (!scalarValue && numElements(values.shape) !== count) throw shapeError(node, `${numElements(values.shape)} values for ${count} indices`);
    output.shape = shape;
    return { label: nodeLabel(node), count, depth, shape, strides: stridesOf(shape), scalarValue };
  },
  eval(node, p) {
    const indices = node.inputs[0]!.data;
    const values = elementsOf(node.inputs[2]!.data);
    const out = elementsOf(node.outputs[0]!.data);
    const fill = elementsOf(node.inputs[3]!.data)[0]!;
    for (let i = 0; i < out.length; i++) out[i] = fill;
    for (let i = 0; i < p.count; i++) {
      let at = 0;
      for (let j = 0; j < p.depth; j++) {
        const idx = Number(indices[i * p.depth + j]!);
        if (idx < 0 || idx >= p.shape[j]!) throw new TensorError(`${p.label}: index ${idx} is outside dimension ${j} of ${formatShape(p.shape)}`);
        at += idx * p.strides[j]!;
      }
      out[at] = values[p.scalarValue ? 0 : i]!;
    }
  },
};
