/** REDUCE_ALL (bool) over constant axes: true when every element is (a min over 0/1 starting at true). */
import type { DType } from '../../core/dtype.js';
import { BuiltinOp } from '../../core/ops.js';
import type { ReducerOptions } from '../../core/options.js';
import { evalFold, foldMin, foldSupports, prepareFold, type FoldPlan } from '../common/fold_reduction.js';
import { parseReducerOptions } from '../common/reduction.js';
import type { KernelRegistration } from '../kernel.js';

const DTYPES: readonly DType[] = ['bool'];

export const REDUCE_ALL_KERNEL: KernelRegistration<ReducerOptions, FoldPlan> = {
  op: BuiltinOp.REDUCE_ALL,
  name: 'REDUCE_ALL (bool, reference)',
  parseOptions: parseReducerOptions,
  supports: (node) => foldSupports(node, DTYPES),
  prepare: (node) => prepareFold(node, 'min', DTYPES),
  eval: (node, plan) => evalFold(node, plan, foldMin),
};
