/**
 * SPARSE_TO_DENSE (float32, int32, int64, int8, uint8 values; int32/int64 indices and shape): a tensor of the
 * constant `output_shape` (rank ≤ 4) filled with `default_value`, then each index (a scalar or row of a
 * [N, rank] matrix) receives its value (or the one scalar value). Later duplicates win. An index outside the
 * output fails the invoke (TFLite leaves it unchecked). With an output shape computed at run time the output
 * is dynamic, sized at eval (as TFLite does).
 */
import { TensorError } from '../../core/errors.js';
import { BuiltinOp } from '../../core/ops.js';
import type { SparseToDenseOptions } from '../../core/options.js';
import { formatShape, numElements, stridesOf } from '../../core/shape.js';
import { intValues } from '../common/const_values.js';
import { elementsOf } from '../common/elements.js';
import { expectDType, nodeLabel, requireInput, requireOutput, shapeError } from '../common/node_checks.js';
import { optionsOrDefault } from '../common/options.js';
import type { KernelRegistration, NodeContext } from '../kernel.js';

interface Plan {
  readonly label: string;
  readonly count: number;
  readonly depth: number;
  /** The output shape and strides; null until eval when the shape input is computed at run time. */
  readonly shape: readonly number[] | null;
  readonly scalarValue: boolean;
}

function outputShape(node: NodeContext<SparseToDenseOptions>, depth: number): number[] {
  const shape = intValues(node, node.inputs[1]!, 'output shape');
  if (shape.length > 4 || shape.some((d) => d < 0)) throw shapeError(node, `output shape ${formatShape(shape)} must have rank ≤ 4 and no negative size`);
  if (depth !== shape.length) throw shapeError(node, `indices ${formatShape(node.inputs[0]!.shape)} do not address output shape ${formatShape(shape)}`);
  return shape;
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
    expectDType(node, shapeIn, ['int32', 'int64'], 'output shape');
    if (indices.shape.length > 2 || values.shape.length > 1) throw shapeError(node, 'indices must have rank ≤ 2 and values rank ≤ 1');
    if (numElements(fallback.shape) !== 1) throw shapeError(node, 'default value must hold one element');
    const matrix = indices.shape.length === 2;
    const count = indices.shape.length === 0 ? 1 : indices.shape[0]!;
    const depth = matrix ? indices.shape[1]! : 1;
    const scalarValue = values.shape.length === 0;
    if (!scalarValue && numElements(values.shape) !== count) throw shapeError(node, `${numElements(values.shape)} values for ${count} indices`);
    const plan = { label: nodeLabel(node), count, depth, scalarValue };
    if (!shapeIn.isConstant) {
      node.markOutputDynamic(0);
      return { ...plan, shape: null };
    }
    output.shape = outputShape(node, depth);
    return { ...plan, shape: output.shape };
  },
  eval(node, p) {
    let shape = p.shape;
    if (shape === null) {
      shape = outputShape(node, p.depth);
      node.resizeOutput(0, shape);
    }
    const strides = stridesOf(shape);
    const indices = node.inputs[0]!.data;
    const values = elementsOf(node.inputs[2]!.data);
    const out = elementsOf(node.outputs[0]!.data);
    const fill = elementsOf(node.inputs[3]!.data)[0]!;
    for (let i = 0; i < out.length; i++) out[i] = fill;
    for (let i = 0; i < p.count; i++) {
      let at = 0;
      for (let j = 0; j < p.depth; j++) {
        const idx = Number(indices[i * p.depth + j]!);
        if (idx < 0 || idx >= shape[j]!) throw new TensorError(`${p.label}: index ${idx} is outside dimension ${j} of ${formatShape(shape)}`);
        at += idx * strides[j]!;
      }
      out[at] = values[p.scalarValue ? 0 : i]!;
    }
  },
};
