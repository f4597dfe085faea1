/**
 * VAR_HANDLE (TFLite var_handle.cc): a handle to the resource variable named by (container, shared_name) —
 * the same variable for every node and subgraph of the interpreter naming it — as a RESOURCE tensor [1].
 */
import { BuiltinOp } from '../../core/ops.js';
import type { VarHandleOptions } from '../../core/options.js';
import { expectDType, requireOutput } from '../common/node_checks.js';
import { requireOptions } from '../common/options.js';
import type { KernelRegistration } from '../kernel.js';

export const VAR_HANDLE_KERNEL: KernelRegistration<VarHandleOptions, null> = {
  op: BuiltinOp.VAR_HANDLE,
  name: 'VAR_HANDLE',
  parseOptions: (raw) => requireOptions(raw, ['VarHandleOptions']),
  prepare(node) {
    const out = requireOutput(node, 0);
    expectDType(node, out, ['resource', 'int32'], 'output');
    out.shape = [1];
    return null;
  },
  eval(node) {
    (node.outputs[0]!.data as Int32Array)[0] = node.resources.variableId(node.options.container, node.options.sharedName);
  },
};
