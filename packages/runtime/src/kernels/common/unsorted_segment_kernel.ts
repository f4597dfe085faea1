/**
 * The UNSORTED_SEGMENT_SUM/PROD/MAX/MIN registrations: data (float32 or int32), int32 segment ids whose shape
 * is a prefix of data's, and a constant num_segments (scalar or [1]); output [num_segments, data.shape after
 * the ids' rank]. An id ≥ num_segments fails (at prepare for constant ids, else at invoke); negative ids are
 * skipped.
 */
import { TensorError } from '../../core/errors.js';
import { BuiltinOp } from '../../core/ops.js';
import { formatShape, numElements } from '../../core/shape.js';
import type { KernelRegistration } from '../kernel.js';
import { constScalarInt } from './const_values.js';
import { expectDType, nodeLabel, requireInput, requireOutput, shapeError } from './node_checks.js';
import { reduceSegments, type SegmentPlan, type SegmentReducer } from './segment_reduce.js';

function checkIds(ids: Int32Array, segments: number, label: string): void {
  for (const id of ids) {
    if (id >= segments) throw new TensorError(`${label}: segment id ${id} is not below num_segments ${segments}`);
  }
}

export function unsortedSegmentKernel(
  op: 'UNSORTED_SEGMENT_SUM' | 'UNSORTED_SEGMENT_PROD' | 'UNSORTED_SEGMENT_MAX' | 'UNSORTED_SEGMENT_MIN',
  reducer: SegmentReducer,
): KernelRegistration<null, SegmentPlan> {
  return {
    op: BuiltinOp[op],
    name: `${op} (float32/int32, reference)`,
    parseOptions: () => null,
    prepare(node) {
      const data = requireInput(node, 0), ids = requireInput(node, 1), count = requireInput(node, 2);
      const output = requireOutput(node, 0);
      expectDType(node, data, ['float32', 'int32'], 'data');
      expectDType(node, ids, ['int32'], 'segment ids');
      expectDType(node, count, ['int32'], 'num_segments');
      expectDType(node, output, [data.dtype], 'output');
      const idRank = ids.shape.length;
      if (idRank > data.shape.length || ids.shape.some((d, i) => d !== data.shape[i])) {
        throw shapeError(node, `segment ids ${formatShape(ids.shape)} must be a prefix of data ${formatShape(data.shape)}`);
      }
      if (count.shape.length > 1 || numElements(count.shape) !== 1) throw shapeError(node, 'num_segments must be a scalar or [1]');
      const segments = constScalarInt(node, count, 'num_segments');
      if (segments < 0) throw shapeError(node, `num_segments ${segments} is negative`);
      output.shape = [segments, ...data.shape.slice(idRank)];
      const label = nodeLabel(node);
      if (ids.isConstant) checkIds(ids.data as Int32Array, segments, label);
      return { label, ids: numElements(ids.shape), inner: numElements(data.shape.slice(idRank)), segments };
    },
    eval(node, p) {
      checkIds(node.inputs[1]!.data as Int32Array, p.segments, p.label);
      reduceSegments(node, p, reducer);
    },
  };
}
