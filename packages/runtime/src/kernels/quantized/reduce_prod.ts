/**
 * REDUCE_PROD int8/int16 as TFLite's builtin kernel: each product starts at the first reduced value (offset
 * by the zero point) and every further factor is rescaled at once by s = inScale / outScale^(1/n), n the
 * reduced count, with the 64-bit MultiplyByQuantizedMultiplier; the final product is rescaled once more, so
 * n factors of s in all. Factors are taken in input order.
 */
import { numElements } from '../../core/shape.js';
import { BuiltinOp } from '../../core/ops.js';
import type { ReducerOptions } from '../../core/options.js';
import { multiplyByQuantizedMultiplier64 } from '../common/fixed_point.js';
import { foldInto, prepareFold, type FoldPlan } from '../common/fold_reduction.js';
import { unsupported } from '../common/node_checks.js';
import { quantizeMultiplier, requireScale, tensorZeroPoint } from '../common/quantization.js';
import { parseReducerOptions } from '../common/reduction.js';
import type { KernelRegistration } from '../kernel.js';
import { unaryOf } from './elementwise.js';

interface ProdData {
  readonly plan: FoldPlan;
  readonly multiplier: number;
  readonly shift: number;
  readonly inZp: number;
  readonly outZp: number;
  readonly min: number;
  readonly max: number;
  /** One running product per output element (NaN until its first factor). */
  readonly acc: Float64Array;
}

export const REDUCE_PROD_QUANTIZED_KERNEL: KernelRegistration<ReducerOptions, ProdData> = {
  op: BuiltinOp.REDUCE_PROD,
  name: 'REDUCE_PROD (int8/int16, reference)',
  parseOptions: parseReducerOptions,
  supports: (node) => unaryOf(['int8', 'int16'])(node) && (node.inputs[0]!.quantization?.scale.length ?? 0) > 0,
  prepare(node) {
    const input = node.inputs[0]!;
    const output = node.outputs[0]!;
    const plan = prepareFold(node, 'prod', ['int8', 'int16']);
    const inZp = tensorZeroPoint(input);
    const outZp = tensorZeroPoint(output);
    if (input.dtype === 'int16' && (inZp !== 0 || outZp !== 0)) throw unsupported(node, 'int16 needs zero points 0');
    const outCount = numElements(output.shape);
    const n = outCount === 0 ? 0 : Math.trunc(numElements(input.shape) / outCount);
    const { multiplier, shift } = quantizeMultiplier(requireScale(node, input) / requireScale(node, output) ** (1 / n));
    const [min, max] = input.dtype === 'int8' ? [-128, 127] : [-32768, 32767];
    return { plan, multiplier, shift, inZp, outZp, min, max, acc: new Float64Array(outCount) };
  },
  eval(node, d) {
    const { acc, multiplier, shift, inZp } = d;
    acc.fill(NaN);
    foldInto(acc, node.inputs[0]!.data as Int8Array | Int16Array, d.plan, (p, x) =>
      Number.isNaN(p) ? x - inZp : multiplyByQuantizedMultiplier64(p * (x - inZp), multiplier, shift));
    const out = node.outputs[0]!.data as Int8Array | Int16Array;
    for (let i = 0; i < out.length; i++) {
      const v = multiplyByQuantizedMultiplier64(acc[i]!, multiplier, shift) + d.outZp;
      out[i] = v < d.min ? d.min : v > d.max ? d.max : v;
    }
  },
};
