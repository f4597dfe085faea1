/**
 * CALL_ONCE (TFLite call_once.cc): runs its init subgraph (no inputs, no outputs; typically assigning resource
 * variables) the first time any invoke reaches it, never again for the interpreter's life.
 */
import { BuiltinOp } from '../../core/ops.js';
import type { CallOnceOptions } from '../../core/options.js';
import { shapeError } from '../common/node_checks.js';
import { requireOptions } from '../common/options.js';
import type { KernelRegistration } from '../kernel.js';

export const CALL_ONCE_KERNEL: KernelRegistration<CallOnceOptions, null> = {
  op: BuiltinOp.CALL_ONCE,
  name: 'CALL_ONCE',
  parseOptions: (raw) => requireOptions(raw, ['CallOnceOptions']),
  prepare(node) {
    const init = node.subgraph(node.options.initSubgraphIndex);
    if (init.inputs.length !== 0 || init.outputs.length !== 0) {
      throw shapeError(node, `init subgraph ${init.index} '${init.name}' must have no inputs and no outputs`);
    }
    return null;
  },
  eval(node) {
    if (node.resources.firstCall(node.options.initSubgraphIndex)) node.subgraph(node.options.initSubgraphIndex).call([]);
  },
};
