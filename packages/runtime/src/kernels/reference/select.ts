/** SELECT (any dtype): condition ? x : y; the condition has x's shape, is a scalar, or runs along axis 0. */
import { BuiltinOp } from '../../core/ops.js';
import { evalSelect, prepareSelect, type SelectPlan } from '../common/select_where.js';
import type { KernelRegistration } from '../kernel.js';

export const SELECT_KERNEL: KernelRegistration<null, SelectPlan> = {
  op: BuiltinOp.SELECT,
  name: 'SELECT (reference)',
  parseOptions: () => null,
  prepare: (node) => prepareSelect(node, true),
  eval: evalSelect,
};
