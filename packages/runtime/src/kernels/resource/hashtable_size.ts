/** HASHTABLE_SIZE (TFLite hashtable_size.cc): the number of entries of the table the handle names, int64 [1]. */
import { BuiltinOp } from '../../core/ops.js';
import { expectDType, requireOutput } from '../common/node_checks.js';
import type { KernelRegistration } from '../kernel.js';
import { checkTableHandle, tableOf } from './hashtable_access.js';

export const HASHTABLE_SIZE_KERNEL: KernelRegistration<null, null> = {
  op: BuiltinOp.HASHTABLE_SIZE,
  name: 'HASHTABLE_SIZE (int64 size)',
  parseOptions: () => null,
  stateful: true,
  prepare(node) {
    // TFLite's size kernel takes only a RESOURCE handle (find and import also take int32).
    checkTableHandle(node, ['resource']);
    const out = requireOutput(node, 0);
    expectDType(node, out, ['int64'], 'output');
    out.shape = [1];
    return null;
  },
  eval(node) {
    (node.outputs[0]!.data as BigInt64Array)[0] = BigInt(tableOf(node).size);
  },
};
