/**
 * GATHER_ND (every dtype; int32 or int64 indices): indices of shape [..., k] address the first k axes of
 * params; each index tuple copies one slice params[i0, ..., ik-1, :, ...]. Output shape: indices.shape[:-1]
 * + params.shape[k:]. An out-of-range index fails at eval, as in TFLite.
 */
import { ShapeError } from '../../core/errors.js';
import { BuiltinOp } from '../../core/ops.js';
import { numElements, stridesOf } from '../../core/shape.js';
import { elementsOf } from '../common/elements.js';
import { expectSameDType } from '../common/layout_checks.js';
import { expectDType, nodeLabel, requireInput, requireOutput, shapeError } from '../common/node_checks.js';
import type { KernelRegistration } from '../kernel.js';

interface GatherNdPlan {
  readonly label: string;
  /** Number of index tuples and the tuple length k. */
  readonly tuples: number;
  readonly depth: number;
  /** Extents and element strides of params' first k axes. */
  readonly dims: Int32Array;
  readonly strides: Int32Array;
  /** Elements per gathered slice. */
  readonly slice: number;
}

export const GATHER_ND_KERNEL: KernelRegistration<null, GatherNdPlan> = {
  op: BuiltinOp.GATHER_ND,
  name: 'GATHER_ND (all dtypes, reference)',
  parseOptions: () => null,
  prepare(node) {
    const params = requireInput(node, 0);
    const indices = requireInput(node, 1);
    const output = requireOutput(node, 0);
    expectSameDType(node, params, output);
    expectDType(node, indices, ['int32', 'int64'], 'indices');
    const ir = indices.shape.length;
    if (ir < 1) throw shapeError(node, 'indices must have rank at least 1');
    const depth = indices.shape[ir - 1]!;
    if (depth > params.shape.length) {
      throw shapeError(node, `index depth ${depth} exceeds params rank ${params.shape.length}`);
    }
    output.shape = [...indices.shape.slice(0, ir - 1), ...params.shape.slice(depth)];
    const strides = stridesOf(params.shape);
    return {
      label: nodeLabel(node),
      tuples: numElements(indices.shape.slice(0, ir - 1)),
      depth,
      dims: Int32Array.from(params.shape.slice(0, depth)),
      strides: Int32Array.from(strides.slice(0, depth)),
      slice: numElements(params.shape.slice(depth)),
    };
  },
  eval(node, p) {
    const params = elementsOf(node.inputs[0]!.data);
    const indices = elementsOf(node.inputs[1]!.data);
    const out = elementsOf(node.outputs[0]!.data);
    let o = 0;
    for (let t = 0; t < p.tuples; t++) {
      let from = 0;
      for (let j = 0; j < p.depth; j++) {
        const idx = Number(indices[t * p.depth + j]!);
        if (idx < 0 || idx >= p.dims[j]!) throw new ShapeError(`${p.label}: index ${idx} out of range [0, ${p.dims[j]})`);
        from += idx * p.strides[j]!;
      }
      for (let i = 0; i < p.slice; i++) out[o++] = params[from + i]!;
    }
  },
};
