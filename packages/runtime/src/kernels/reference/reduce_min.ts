/** REDUCE_MIN over constant axes (negative and duplicate axes allowed, keep_dims): float32, int32, and quantized types sharing the output's parameters. */
import type { DType } from '../../core/dtype.js';
import { BuiltinOp } from '../../core/ops.js';
import type { ReducerOptions } from '../../core/options.js';
import { parseReducerOptions } from '../common/reduction.js';
import { evalFold, foldMin, foldSupports, prepareFold, type FoldPlan } from '../common/fold_reduction.js';
import type { KernelRegistration } from '../kernel.js';

const DTYPES: readonly DType[] = ['float32', 'int32', 'int8', 'uint8', 'int16'];

export const REDUCE_MIN_KERNEL: KernelRegistration<ReducerOptions, FoldPlan> = {
  op: BuiltinOp.REDUCE_MIN,
  name: 'REDUCE_MIN (reference)',
  parseOptions: parseReducerOptions,
  supports: (node) => foldSupports(node, DTYPES),
  prepare: (node) => prepareFold(node, 'min', DTYPES),
  eval: (node, plan) => evalFold(node, plan, foldMin),
};
