/** SUM over constant axes (negative and duplicate axes allowed, keep_dims), float32 and int32. */
import { BuiltinOp } from '../../core/ops.js';
import type { ReducerOptions } from '../../core/options.js';
import { isQuantizedIntType } from '../../core/dtype.js';
import { accumulate, parseReducerOptions, prepareReduction, type ReductionPlan } from '../common/reduction.js';
import type { KernelRegistration, NodeSignature } from '../kernel.js';

export const SUM_KERNEL: KernelRegistration<ReducerOptions, ReductionPlan> = {
  op: BuiltinOp.SUM,
  name: 'SUM (float32/int32, reference)',
  parseOptions: parseReducerOptions,
  supports: floatOrInt32Reduction,
  prepare: prepareReduction,
  eval(node, plan) {
    // Accumulating straight into the output: float32 rounding per step, int32 wrap-around, as TFLite.
    const out = node.outputs[0]!.data as Float32Array | Int32Array;
    accumulate(out, node.inputs[0]!.data as Float32Array | Int32Array, plan);
  },
};

/** MEAN/SUM here take float32 and int32 (unquantized); quantized reductions are the quantized kernels'. */
export function floatOrInt32Reduction(node: NodeSignature): boolean {
  const input = node.inputs[0];
  if (!input || (input.dtype !== 'float32' && input.dtype !== 'int32')) return false;
  return !isQuantizedIntType(input.dtype) && (input.quantization === null || input.quantization.scale.length === 0);
}
