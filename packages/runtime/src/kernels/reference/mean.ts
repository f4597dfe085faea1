/**
 * MEAN over constant axes, float32 and int32. Float: float32 running sums divided in float32. Int32: exact
 * sums (TFLite uses an int64 accumulator) divided with truncation toward zero, as C++ integer division.
 */
import { BuiltinOp } from '../../core/ops.js';
import type { ReducerOptions } from '../../core/options.js';
import { numElements } from '../../core/shape.js';
import { accumulate, parseReducerOptions, prepareReduction, type ReductionPlan } from '../common/reduction.js';
import type { KernelRegistration } from '../kernel.js';
import { floatOrInt32Reduction } from './sum.js';

interface MeanPlan extends ReductionPlan {
  /** Exact sums for int32 inputs (null for float32, which accumulates in the output). */
  readonly intSums: Float64Array | null;
}

export const MEAN_KERNEL: KernelRegistration<ReducerOptions, MeanPlan> = {
  op: BuiltinOp.MEAN,
  name: 'MEAN (float32/int32, reference)',
  parseOptions: parseReducerOptions,
  supports: floatOrInt32Reduction,
  prepare(node) {
    const plan = prepareReduction(node);
    const isInt = node.inputs[0]!.dtype === 'int32';
    return { ...plan, intSums: isInt ? new Float64Array(numElements(node.outputs[0]!.shape)) : null };
  },
  eval(node, plan) {
    const input = node.inputs[0]!.data as Float32Array | Int32Array;
    const out = node.outputs[0]!.data as Float32Array | Int32Array;
    const n = plan.count;
    if (plan.intSums === null) {
      accumulate(out, input, plan);
      if (n > 0) for (let i = 0; i < out.length; i++) out[i] = out[i]! / n;
      return;
    }
    const sums = plan.intSums;
    accumulate(sums, input, plan);
    for (let i = 0; i < out.length; i++) out[i] = n > 0 ? Math.trunc(sums[i]! / n) : 0;
  },
};
