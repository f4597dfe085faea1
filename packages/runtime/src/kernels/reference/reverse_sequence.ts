/**
 * REVERSE_SEQUENCE (float32, uint8, int16, int32, int64; int32/int64 lengths): for each index b along
 * batch_dim, the first seq_lengths[b] elements along seq_dim are reversed and the rest copied. Lengths are
 * read at every invoke; one outside [0, size of seq_dim] fails (TFLite checks only the first).
 */
import { TensorError } from '../../core/errors.js';
import { BuiltinOp } from '../../core/ops.js';
import type { ReverseSequenceOptions } from '../../core/options.js';
import { formatShape, numElements, stridesOf } from '../../core/shape.js';
import { elementsOf } from '../common/elements.js';
import { expectDType, nodeLabel, requireInput, requireOutput, shapeError } from '../common/node_checks.js';
import { requireOptions } from '../common/options.js';
import type { KernelRegistration } from '../kernel.js';

interface Plan {
  readonly label: string;
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  readonly seqDim: number;
  readonly batchDim: number;
}

export const REVERSE_SEQUENCE_KERNEL: KernelRegistration<ReverseSequenceOptions, Plan> = {
  op: BuiltinOp.REVERSE_SEQUENCE,
  name: 'REVERSE_SEQUENCE (reference)',
  parseOptions: (raw) => requireOptions(raw, ['ReverseSequenceOptions']),
  prepare(node) {
    const input = requireInput(node, 0), lengths = requireInput(node, 1);
    const output = requireOutput(node, 0);
    expectDType(node, input, ['float32', 'uint8', 'int16', 'int32', 'int64'], 'input');
    expectDType(node, lengths, ['int32', 'int64'], 'seq_lengths');
    expectDType(node, output, [input.dtype], 'output');
    const { seqDim, batchDim } = node.options;
    const rank = input.shape.length;
    if (seqDim < 0 || batchDim < 0 || seqDim === batchDim || seqDim >= rank || batchDim >= rank) {
      throw shapeError(node, `seq_dim ${seqDim} and batch_dim ${batchDim} must be distinct dimensions of ${formatShape(input.shape)}`);
    }
    if (lengths.shape.length !== 1 || lengths.shape[0] !== input.shape[batchDim]) {
      throw shapeError(node, `seq_lengths ${formatShape(lengths.shape)} must hold one length per batch (${input.shape[batchDim]})`);
    }
    output.shape = [...input.shape];
    return { label: nodeLabel(node), shape: [...input.shape], strides: stridesOf(input.shape), seqDim, batchDim };
  },
  eval(node, p) {
    const x = elementsOf(node.inputs[0]!.data);
    const lengths = node.inputs[1]!.data;
    const out = elementsOf(node.outputs[0]!.data);
    const seqSize = p.shape[p.seqDim]!;
    for (let b = 0; b < lengths.length; b++) {
      const len = Number(lengths[b]!);
      if (len < 0 || len > seqSize) throw new TensorError(`${p.label}: seq_lengths[${b}] = ${len} is outside [0, ${seqSize}]`);
    }
    const n = numElements(p.shape);
    const seqStride = p.strides[p.seqDim]!, batchStride = p.strides[p.batchDim]!;
    for (let i = 0; i < n; i++) {
      const s = Math.floor(i / seqStride) % seqSize;
      const b = Math.floor(i / batchStride) % p.shape[p.batchDim]!;
      const len = Number(lengths[b]!);
      out[i] = s < len ? x[i + (len - 1 - 2 * s) * seqStride]! : x[i]!;
    }
  },
};
