/**
 * EMBEDDING_LOOKUP: ids (int32) pick rows of the value tensor; output [ids..., value.shape[1:]] (ids of any
 * rank, as TFLite's rank-1 case generalised). Rows are copied raw, so value and output share dtype (and
 * quantization). An id outside the table fails at eval, as in TFLite.
 */
import { ShapeError } from '../../core/errors.js';
import { BuiltinOp } from '../../core/ops.js';
import { numElements } from '../../core/shape.js';
import { elementsOf } from '../common/elements.js';
import { expectSameDType, sameQuantization } from '../common/layout_checks.js';
import { expectDType, nodeLabel, requireInput, requireOutput, shapeError, unsupported } from '../common/node_checks.js';
import type { KernelRegistration } from '../kernel.js';

interface LookupPlan {
  readonly label: string;
  readonly rows: number;
  readonly rowSize: number;
}

export const EMBEDDING_LOOKUP_KERNEL: KernelRegistration<null, LookupPlan> = {
  op: BuiltinOp.EMBEDDING_LOOKUP,
  name: 'EMBEDDING_LOOKUP (all dtypes, reference)',
  parseOptions: () => null,
  supports: (node) => {
    const value = node.inputs[1];
    const out = node.outputs[0];
    return !!value && !!out && value.dtype === out.dtype && sameQuantization(value.quantization, out.quantization);
  },
  prepare(node) {
    const ids = requireInput(node, 0);
    const value = requireInput(node, 1);
    const output = requireOutput(node, 0);
    expectDType(node, ids, ['int32'], 'ids');
    expectSameDType(node, value, output);
    if (value.shape.length < 1) throw shapeError(node, 'value must have rank at least 1');
    output.shape = [...ids.shape, ...value.shape.slice(1)];
    return { label: nodeLabel(node), rows: value.shape[0]!, rowSize: numElements(value.shape.slice(1)) };
  },
  eval(node, p) {
    const ids = node.inputs[0]!.data as Int32Array;
    const value = elementsOf(node.inputs[1]!.data);
    const out = elementsOf(node.outputs[0]!.data);
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k]!;
      if (id < 0 || id >= p.rows) throw new ShapeError(`${p.label}: embedding id ${id} out of range [0, ${p.rows})`);
      const from = id * p.rowSize;
      const to = k * p.rowSize;
      for (let i = 0; i < p.rowSize; i++) out[to + i] = value[from + i]!;
    }
  },
};

/**
 * The hybrid form: an int8 or uint8 table with zero point 0 (one scale, or one per row) looked up into a
 * float32 output, each value times its row's scale. As TFLite's EvalHybrid, the table is read through an
 * int8 pointer whatever its type, so uint8 codes above 127 come out negative.
 */
export const EMBEDDING_LOOKUP_HYBRID_KERNEL: KernelRegistration<null, LookupPlan & { readonly scales: readonly number[] }> = {
  op: BuiltinOp.EMBEDDING_LOOKUP,
  name: 'EMBEDDING_LOOKUP (int8/uint8 table to float32, reference)',
  parseOptions: () => null,
  supports: (node) => {
    const value = node.inputs[1];
    return (value?.dtype === 'int8' || value?.dtype === 'uint8') && node.outputs[0]?.dtype === 'float32';
  },
  prepare(node) {
    const ids = requireInput(node, 0);
    const value = requireInput(node, 1);
    const output = requireOutput(node, 0);
    expectDType(node, ids, ['int32'], 'ids');
    const q = value.quantization;
    if (!q || q.scale.length === 0) throw unsupported(node, 'the table needs a scale');
    if (q.zeroPoint.some((z) => z !== 0)) throw unsupported(node, 'the table needs zero point 0');
    if (value.shape.length < 1) throw shapeError(node, 'value must have rank at least 1');
    if (q.scale.length > 1 && q.scale.length !== value.shape[0]) throw shapeError(node, `${q.scale.length} scales for ${value.shape[0]} rows`);
    output.shape = [...ids.shape, ...value.shape.slice(1)];
    return { label: nodeLabel(node), rows: value.shape[0]!, rowSize: numElements(value.shape.slice(1)), scales: q.scale };
  },
  eval(node, p) {
    const ids = node.inputs[0]!.data as Int32Array;
    const table = node.inputs[1]!.data as Int8Array | Uint8Array;
    const out = node.outputs[0]!.data as Float32Array;
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k]!;
      if (id < 0 || id >= p.rows) throw new ShapeError(`${p.label}: embedding id ${id} out of range [0, ${p.rows})`);
      const scale = p.scales.length > 1 ? p.scales[id]! : p.scales[0]!;
      const from = id * p.rowSize;
      const to = k * p.rowSize;
      for (let i = 0; i < p.rowSize; i++) out[to + i] = ((table[from + i]! << 24) >> 24) * scale;
    }
  },
};
