/** SELECT_V2 (any dtype): condition ? x : y with all three inputs broadcast numpy-style. */
import { BuiltinOp } from '../../core/ops.js';
import { evalSelect, prepareSelect, type SelectPlan } from '../common/select_where.js';
import type { KernelRegistration } from '../kernel.js';

export const SELECT_V2_KERNEL: KernelRegistration<null, SelectPlan> = {
  op: BuiltinOp.SELECT_V2,
  name: 'SELECT_V2 (reference)',
  parseOptions: () => null,
  prepare: (node) => prepareSelect(node, false),
  eval: evalSelect,
};
