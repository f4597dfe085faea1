/**
 * HASHTABLE (TFLite kernels/hashtable/hashtable.cc): makes the interpreter's hash table `table_id` for its
 * (key, value) dtypes if no node made it yet, and outputs its handle, the table id, as a RESOURCE tensor [1].
 */
import { BuiltinOp } from '../../core/ops.js';
import type { HashtableOptions } from '../../core/options.js';
import { expectDType, requireOutput, unsupported } from '../common/node_checks.js';
import { requireOptions } from '../common/options.js';
import type { KernelRegistration } from '../kernel.js';
import { isSupportedHashtable, StaticHashtable, type HashtableDType } from './static_hashtable.js';

export const HASHTABLE_KERNEL: KernelRegistration<HashtableOptions, null> = {
  op: BuiltinOp.HASHTABLE,
  name: 'HASHTABLE (int64 → string, string → int64)',
  parseOptions: (raw) => requireOptions(raw, ['HashtableOptions']),
  // Making the table is a side effect on the interpreter's resources: never fold it at prepare.
  stateful: true,
  prepare(node) {
    const { keyDtype, valueDtype } = node.options;
    if (!isSupportedHashtable(keyDtype, valueDtype)) {
      throw unsupported(node, `hash tables map int64 → string or string → int64, not ${keyDtype} → ${valueDtype}`);
    }
    if (node.inputs.length !== 0) throw unsupported(node, `HASHTABLE takes no inputs, the node has ${node.inputs.length}`);
    const out = requireOutput(node, 0);
    expectDType(node, out, ['resource'], 'output');
    out.shape = [1];
    return null;
  },
  eval(node) {
    const { tableId, keyDtype, valueDtype } = node.options;
    node.resources.hashtable(tableId, () => new StaticHashtable(keyDtype as HashtableDType, valueDtype as HashtableDType));
    (node.outputs[0]!.data as Int32Array)[0] = tableId;
  },
};
