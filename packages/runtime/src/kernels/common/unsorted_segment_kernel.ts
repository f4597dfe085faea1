/**
 * The UNSORTED_SEGMENT_SUM/PROD/MAX/MIN registrations: data (float32 or int32), int32 segment ids whose shape
 * is a prefix of data's, and num_segments (scalar or [1]); output [num_segments, data.shape after the ids'
 * rank], planned at prepare when num_segments is constant, else dynamic (sized at eval, as TFLite does). An
 * id ≥ num_segments fails (at prepare for constant ids, else at invoke); negative ids are skipped.
 */
import { TensorError } from '../../core/errors.js';
import { BuiltinOp } from '../../core/ops.js';
import { formatShape, numElements } from '../../core/shape.js';
import type { KernelRegistration, NodeContext } from '../kernel.js';
import { intValues } from './const_values.js';
import { expectDType, nodeLabel, requireInput, requireOutput, shapeError } from './node_checks.js';
import { reduceSegments, type SegmentPlan, type SegmentReducer } from './segment_reduce.js';

function checkIds(ids: Int32Array, segments: number, label: string): void {
  for (const id of ids) {
    if (id >= segments) throw new TensorError(`${label}: segment id ${id} is not below num_segments ${segments}`);
  }
}

function segmentCount(node: NodeContext<null>): number {
  const segments = intValues(node, node.inputs[2]!, 'num_segments')[0]!;
  if (segments < 0) throw shapeError(node, `num_segments ${segments} is negative`);
  return segments;
}

export interface UnsortedSegmentPlan extends SegmentPlan {
  readonly dynamic: boolean;
}

export function unsortedSegmentKernel(
  op: 'UNSORTED_SEGMENT_SUM' | 'UNSORTED_SEGMENT_PROD' | 'UNSORTED_SEGMENT_MAX' | 'UNSORTED_SEGMENT_MIN',
  reducer: SegmentReducer,
): KernelRegistration<null, UnsortedSegmentPlan> {
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
      const label = nodeLabel(node);
      const plan = { label, ids: numElements(ids.shape), inner: numElements(data.shape.slice(idRank)) };
      if (!count.isConstant) {
        node.markOutputDynamic(0);
        return { ...plan, segments: -1, dynamic: true };
      }
      const segments = segmentCount(node);
      output.shape = [segments, ...data.shape.slice(idRank)];
      if (ids.isConstant) checkIds(ids.data as Int32Array, segments, label);
      return { ...plan, segments, dynamic: false };
    },
    eval(node, p) {
      let segments = p.segments;
      if (p.dynamic) {
        segments = segmentCount(node);
        node.resizeOutput(0, [segments, ...node.inputs[0]!.shape.slice(node.inputs[1]!.shape.length)]);
      }
      checkIds(node.inputs[1]!.data as Int32Array, segments, p.label);
      reduceSegments(node, p, reducer);
    },
  };
}
