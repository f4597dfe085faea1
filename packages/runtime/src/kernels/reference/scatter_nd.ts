/**
 * SCATTER_ND (float32, uint8, int8, int32, int64 updates; int32 indices and shape): a zero tensor of the
 * constant `shape` into which each update slice is added at its index tuple — duplicates add up. As in
 * TFLite's reference kernel, a tuple is checked only as a flat position (it and its slice must lie inside the
 * output); an index outside fails the invoke.
 */
import { TensorError } from '../../core/errors.js';
import { BuiltinOp } from '../../core/ops.js';
import { formatShape, numElements, stridesOf } from '../../core/shape.js';
import { constIntValues } from '../common/const_values.js';
import { elementsOf } from '../common/elements.js';
import { expectDType, nodeLabel, requireInput, requireOutput, shapeError } from '../common/node_checks.js';
import type { KernelRegistration } from '../kernel.js';

interface Plan {
  readonly label: string;
  readonly slices: number;
  readonly depth: number;
  readonly sliceSize: number;
  readonly strides: readonly number[];
  readonly total: number;
}

export const SCATTER_ND_KERNEL: KernelRegistration<null, Plan> = {
  op: BuiltinOp.SCATTER_ND,
  name: 'SCATTER_ND (reference)',
  parseOptions: () => null,
  prepare(node) {
    const indices = requireInput(node, 0), updates = requireInput(node, 1), shapeIn = requireInput(node, 2);
    const output = requireOutput(node, 0);
    expectDType(node, updates, ['float32', 'uint8', 'int8', 'int32', 'int64'], 'updates');
    expectDType(node, indices, ['int32'], 'indices');
    expectDType(node, shapeIn, ['int32'], 'shape');
    expectDType(node, output, [updates.dtype], 'output');
    const shape = constIntValues(node, shapeIn, 'shape');
    const ir = indices.shape.length, ur = updates.shape.length;
    if (ir < 1 || ur < 1 || shapeIn.shape.length !== 1) throw shapeError(node, 'indices and updates need rank ≥ 1, shape must be a vector');
    const outer = ir - 1;
    const depth = indices.shape[outer]!;
    for (let i = 0; i < outer; i++) {
      if (indices.shape[i] !== updates.shape[i]) throw shapeError(node, `indices ${formatShape(indices.shape)} and updates ${formatShape(updates.shape)} differ in dimension ${i}`);
    }
    const sliceShape = updates.shape.slice(outer);
    if (depth > shape.length || sliceShape.length !== shape.length - depth || sliceShape.some((d, i) => d !== shape[depth + i])) {
      throw shapeError(node, `updates ${formatShape(updates.shape)} do not fit shape ${formatShape(shape)} with index depth ${depth}`);
    }
    if (shape.some((d) => d < 0)) throw shapeError(node, `shape ${formatShape(shape)} has a negative dimension`);
    output.shape = shape;
    return {
      label: nodeLabel(node), slices: numElements(indices.shape.slice(0, outer)), depth,
      sliceSize: numElements(sliceShape), strides: stridesOf(shape).slice(0, depth), total: numElements(shape),
    };
  },
  eval(node, p) {
    const indices = node.inputs[0]!.data as Int32Array;
    const updates = elementsOf(node.inputs[1]!.data);
    const out = node.outputs[0]!.data;
    const o = elementsOf(out);
    const big = out instanceof BigInt64Array;
    if (big) out.fill(0n);
    else (out as Exclude<typeof out, BigInt64Array>).fill(0);
    for (let s = 0; s < p.slices; s++) {
      let at = 0;
      for (let j = 0; j < p.depth; j++) at += indices[s * p.depth + j]! * p.strides[j]!;
      if (at < 0 || at + p.sliceSize > p.total) throw new TensorError(`${p.label}: index tuple ${s} points outside the output`);
      const from = s * p.sliceSize;
      for (let k = 0; k < p.sliceSize; k++) {
        o[at + k] = big ? (o[at + k] as bigint) + (updates[from + k] as bigint) : (o[at + k] as number) + (updates[from + k] as number);
      }
    }
  },
};
