/** REDUCE_ANY (bool) over constant axes: true when any element is (a max over 0/1 starting at false). */
import type { DType } from '../../core/dtype.js';
import { BuiltinOp } from '../../core/ops.js';
import type { ReducerOptions } from '../../core/options.js';
import { evalFold, foldMax, foldSupports, prepareFold, type FoldPlan } from '../common/fold_reduction.js';
import { parseReducerOptions } from '../common/reduction.js';
import type { KernelRegistration } from '../kernel.js';

const DTYPES: readonly DType[] = ['bool'];

export const REDUCE_ANY_KERNEL: KernelRegistration<ReducerOptions, FoldPlan> = {
  op: BuiltinOp.REDUCE_ANY,
  name: 'REDUCE_ANY (bool, reference)',
  parseOptions: parseReducerOptions,
  supports: (node) => foldSupports(node, DTYPES),
  prepare: (node) => prepareFold(node, 'max', DTYPES),
  eval: (node, plan) => evalFold(node, plan, foldMax),
};
