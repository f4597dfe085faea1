/**
 * REDUCE_PROD over constant axes (negative and duplicate axes allowed, keep_dims), float32 (rounded to
 * float32 after every step) and int32 (wrapping). The quantized int8/int16 form, rescaled at every step, is
 * quantized/reduce_prod.ts.
 */
import type { DType } from '../../core/dtype.js';
import { BuiltinOp } from '../../core/ops.js';
import type { ReducerOptions } from '../../core/options.js';
import { parseReducerOptions } from '../common/reduction.js';
import { evalFold, foldProd, foldProdInt32, foldSupports, prepareFold, type FoldPlan } from '../common/fold_reduction.js';
import type { KernelRegistration } from '../kernel.js';

const DTYPES: readonly DType[] = ['float32', 'int32'];

export const REDUCE_PROD_KERNEL: KernelRegistration<ReducerOptions, FoldPlan> = {
  op: BuiltinOp.REDUCE_PROD,
  name: 'REDUCE_PROD (float32/int32, reference)',
  parseOptions: parseReducerOptions,
  supports: (node) => foldSupports(node, DTYPES) && (node.inputs[0]!.quantization?.scale.length ?? 0) === 0,
  prepare: (node) => prepareFold(node, 'prod', DTYPES),
  eval: (node, plan) => evalFold(node, plan, node.inputs[0]!.dtype === 'int32' ? foldProdInt32 : foldProd),
};
