/**
 * TOPK_V2: the k largest values of each last-axis row, in descending order, and their indices (int32). Ties
 * keep the lower index first, as TFLite. k must be a constant scalar (it fixes the output shape). Values of
 * any ordered dtype; quantized values compare raw.
 */
import type { DType } from '../../core/dtype.js';
import { BuiltinOp } from '../../core/ops.js';
import { constScalarInt } from '../common/const_values.js';
import { elementsOf } from '../common/elements.js';
import { expectDType, requireInput, requireOutput, shapeError } from '../common/node_checks.js';
import type { KernelRegistration } from '../kernel.js';

const DTYPES: readonly DType[] = ['float32', 'int32', 'int64', 'int8', 'uint8', 'int16'];

interface TopKPlan {
  readonly rows: number;
  readonly depth: number;
  readonly k: number;
  /** Scratch: the candidate indices of one row, sorted in place each eval. */
  readonly order: Int32Array;
}

export const TOPK_V2_KERNEL: KernelRegistration<null, TopKPlan> = {
  op: BuiltinOp.TOPK_V2,
  name: 'TOPK_V2 (reference)',
  parseOptions: () => null,
  prepare(node) {
    const input = requireInput(node, 0);
    const values = requireOutput(node, 0);
    const indices = requireOutput(node, 1);
    expectDType(node, input, DTYPES, 'input');
    expectDType(node, values, [input.dtype], 'values output');
    expectDType(node, indices, ['int32'], 'indices output');
    if (input.shape.length < 1) throw shapeError(node, 'input must have rank at least 1');
    const depth = input.shape[input.shape.length - 1]!;
    const k = constScalarInt(node, requireInput(node, 1), 'k input');
    if (k < 0 || k > depth) throw shapeError(node, `k ${k} is outside [0, ${depth}]`);
    const outShape = [...input.shape.slice(0, -1), k];
    values.shape = outShape;
    indices.shape = [...outShape];
    const rows = input.shape.slice(0, -1).reduce((n, d) => n * d, 1);
    return { rows, depth, k, order: new Int32Array(depth) };
  },
  eval(node, p) {
    const input = elementsOf(node.inputs[0]!.data);
    const values = elementsOf(node.outputs[0]!.data);
    const indices = node.outputs[1]!.data as Int32Array;
    const { depth, k, order } = p;
    for (let r = 0; r < p.rows; r++) {
      const base = r * depth;
      for (let i = 0; i < depth; i++) order[i] = i;
      // Partial selection sort: k passes, each picking the largest remaining (lowest index on ties).
      for (let j = 0; j < k; j++) {
        let best = j;
        for (let i = j + 1; i < depth; i++) {
          const v = input[base + order[i]!]!;
          const b = input[base + order[best]!]!;
          if (v > b || (v === b && order[i]! < order[best]!)) best = i;
        }
        const t = order[j]!;
        order[j] = order[best]!;
        order[best] = t;
        indices[r * k + j] = order[j]!;
        values[r * k + j] = input[base + order[j]!]!;
      }
    }
  },
};
