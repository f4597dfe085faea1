/**
 * SEGMENT_SUM (float32, int32): sums the rows of `data` that share a sorted segment id. The ids must start
 * at 0 and grow by 0 or 1 per row (TFLite's rule), so the output has last id + 1 rows. With constant ids the
 * output is planned at prepare; with ids computed at run time it is dynamic, sized at eval as TFLite does.
 */
import { BuiltinOp } from '../../core/ops.js';
import { formatShape, numElements } from '../../core/shape.js';
import { intValues } from '../common/const_values.js';
import { expectDType, nodeLabel, requireInput, requireOutput, shapeError } from '../common/node_checks.js';
import { reduceSegments, type SegmentPlan } from '../common/segment_reduce.js';
import type { KernelRegistration, NodeContext } from '../kernel.js';

/** The segment count of the ids, checking TFLite's "start at 0, grow by 0 or 1" rule. */
function segmentCount(node: NodeContext<null>): number {
  const ids = intValues(node, node.inputs[1]!, 'segment ids');
  ids.forEach((id, i) => {
    const ok = i === 0 ? id === 0 : id === ids[i - 1]! || id === ids[i - 1]! + 1;
    if (!ok) throw shapeError(node, `segment ids must start at 0 and grow by 0 or 1; [${ids.join(',')}] does not`);
  });
  return ids.length === 0 ? 0 : ids[ids.length - 1]! + 1;
}

interface Plan extends SegmentPlan {
  readonly dynamic: boolean;
}

export const SEGMENT_SUM_KERNEL: KernelRegistration<null, Plan> = {
  op: BuiltinOp.SEGMENT_SUM,
  name: 'SEGMENT_SUM (float32/int32, reference)',
  parseOptions: () => null,
  prepare(node) {
    const data = requireInput(node, 0), idsIn = requireInput(node, 1);
    const output = requireOutput(node, 0);
    expectDType(node, data, ['float32', 'int32'], 'data');
    expectDType(node, idsIn, ['int32'], 'segment ids');
    expectDType(node, output, [data.dtype], 'output');
    if (data.shape.length < 1 || idsIn.shape.length !== 1 || idsIn.shape[0] !== data.shape[0]) {
      throw shapeError(node, `segment ids ${formatShape(idsIn.shape)} must list one id per row of data ${formatShape(data.shape)}`);
    }
    const plan = { label: nodeLabel(node), ids: idsIn.shape[0]!, inner: numElements(data.shape.slice(1)) };
    if (!idsIn.isConstant) {
      node.markOutputDynamic(0);
      return { ...plan, segments: -1, dynamic: true };
    }
    const segments = segmentCount(node);
    output.shape = [segments, ...data.shape.slice(1)];
    return { ...plan, segments, dynamic: false };
  },
  eval(node, p) {
    if (p.dynamic) node.resizeOutput(0, [segmentCount(node), ...node.inputs[0]!.shape.slice(1)]);
    reduceSegments(node, p, 'sum');
  },
};
