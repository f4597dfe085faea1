/**
 * SEGMENT_SUM (float32, int32): sums the rows of `data` that share a sorted segment id. The ids must start
 * at 0 and grow by 0 or 1 per row (TFLite's rule), so the output has last id + 1 rows; since that count is
 * the ids' value, the ids must be constant here (with run-time ids TFLite makes the output dynamic).
 */
import { BuiltinOp } from '../../core/ops.js';
import { formatShape, numElements } from '../../core/shape.js';
import { constIntValues } from '../common/const_values.js';
import { expectDType, nodeLabel, requireInput, requireOutput, shapeError } from '../common/node_checks.js';
import { reduceSegments, type SegmentPlan } from '../common/segment_reduce.js';
import type { KernelRegistration } from '../kernel.js';

export const SEGMENT_SUM_KERNEL: KernelRegistration<null, SegmentPlan> = {
  op: BuiltinOp.SEGMENT_SUM,
  name: 'SEGMENT_SUM (float32/int32, reference)',
  parseOptions: () => null,
  prepare(node) {
    const data = requireInput(node, 0), idsIn = requireInput(node, 1);
    const output = requireOutput(node, 0);
    expectDType(node, data, ['float32', 'int32'], 'data');
    expectDType(node, idsIn, ['int32'], 'segment ids');
    expectDType(node, output, [data.dtype], 'output');
    const ids = constIntValues(node, idsIn, 'segment ids');
    if (data.shape.length < 1 || idsIn.shape.length !== 1 || ids.length !== data.shape[0]) {
      throw shapeError(node, `segment ids ${formatShape(idsIn.shape)} must list one id per row of data ${formatShape(data.shape)}`);
    }
    ids.forEach((id, i) => {
      const ok = i === 0 ? id === 0 : id === ids[i - 1]! || id === ids[i - 1]! + 1;
      if (!ok) throw shapeError(node, `segment ids must start at 0 and grow by 0 or 1; [${ids.join(',')}] does not`);
    });
    const segments = ids.length === 0 ? 0 : ids[ids.length - 1]! + 1;
    output.shape = [segments, ...data.shape.slice(1)];
    return { label: nodeLabel(node), ids: ids.length, inner: numElements(data.shape.slice(1)), segments };
  },
  eval: (node, p) => reduceSegments(node, p, 'sum'),
};
