/**
 * SUM, quantized (int8, uint8, int16). LiteRT's XNNPACK delegate takes the 8-bit nodes: the centred sum
 * Σ(x − zp_in), as float32, times the float32 scale s_in / s_out, rounded half to even, plus zp_out,
 * saturated. TFLite's builtin kernel (reduce.cc EvalSum), which runs the rest: with the same scale and zero
 * point on both sides it adds the raw values (the zero point is not removed) and saturates to the type, as
 * its optimized ReduceGeneric does (checked against LiteRT.js on int16); otherwise (8-bit only)
 * round(sum·scale + bias) in float32, bias = −zp_in·scale·n, half away from zero, plus zp_out — wrapping
 * into the type, as its static_cast does.
 */
import { intRange } from '../../core/dtype.js';
import { BuiltinOp } from '../../core/ops.js';
import type { ReducerOptions } from '../../core/options.js';
import { unsupported } from '../common/node_checks.js';
import { requireScale, roundHalfAway, roundHalfEven, tensorZeroPoint, type QArray, type QuantizedDType } from '../common/quantization.js';
import { parseReducerOptions } from '../common/reduction.js';
import type { KernelRegistration, NodeContext } from '../kernel.js';
import { unaryOf } from './elementwise.js';
import { planQuantizedSums, sumRawValues, type QuantizedSumPlan } from './reduce_sums.js';
import { isPerTensorByte } from './xnnpack_delegation.js';

type SumArithmetic = 'xnnpack' | 'rescale' | 'saturate';

export interface QuantizedSumData extends QuantizedSumPlan {
  readonly arithmetic: SumArithmetic;
  /** float32 s_in / s_out. */
  readonly scale: number;
  /** 'rescale': float32 −zp_in·scale·n. */
  readonly bias: number;
  readonly inZeroPoint: number;
  readonly outZeroPoint: number;
  readonly min: number;
  readonly max: number;
}

const f = Math.fround;

function prepare(node: NodeContext<ReducerOptions>, mode: 'reference' | 'xnnpack'): QuantizedSumData {
  const plan = planQuantizedSums(node);
  const input = node.inputs[0]!;
  const output = node.outputs[0]!;
  const dtype = output.dtype as QuantizedDType;
  const [si, so] = [requireScale(node, input), requireScale(node, output)];
  const [zi, zo] = [tensorZeroPoint(input), tensorZeroPoint(output)];
  const same = input.quantization!.scale[0] === output.quantization!.scale[0] && zi === zo;
  if (dtype === 'int16' && !same) throw unsupported(node, 'int16 SUM needs the same scale and zero point on input and output');
  const arithmetic: SumArithmetic = mode === 'xnnpack' ? 'xnnpack' : same ? 'saturate' : 'rescale';
  const scale = f(si / so);
  return {
    ...plan, arithmetic, scale, bias: f(f(-zi * scale) * plan.count), inZeroPoint: zi, outZeroPoint: zo, ...intRange(dtype),
  };
}

/** Wraps an integer into the range [min, max] of a two's-complement (or unsigned) type. */
function wrap(v: number, min: number, max: number): number {
  const span = max - min + 1;
  return ((((v - min) % span) + span) % span) + min;
}

export function sumQuantized(input: QArray, output: QArray, d: QuantizedSumData): void {
  sumRawValues(input, d);
  const { sums, min, max, scale, outZeroPoint } = d;
  for (let i = 0; i < output.length; i++) {
    const sum = sums[i]!;
    if (d.arithmetic === 'xnnpack') {
      const v = roundHalfEven(f(f(sum - d.inZeroPoint * d.count) * scale)) + outZeroPoint;
      output[i] = v < min ? min : v > max ? max : v;
    } else if (d.arithmetic === 'rescale') {
      output[i] = wrap(roundHalfAway(f(f(f(sum) * scale) + d.bias)) + outZeroPoint, min, max);
    } else {
      output[i] = sum < min ? min : sum > max ? max : sum;
    }
  }
}

function sumKernel(mode: 'reference' | 'xnnpack'): KernelRegistration<ReducerOptions, QuantizedSumData> {
  return {
    op: BuiltinOp.SUM,
    name: mode === 'xnnpack' ? 'SUM (int8/uint8, XNNPACK arithmetic)' : 'SUM (int8/uint8/int16, reference)',
    parseOptions: parseReducerOptions,
    supports: mode === 'xnnpack'
      ? (node) => unaryOf(['int8', 'uint8'])(node) && isPerTensorByte(node.inputs[0]) && isPerTensorByte(node.outputs[0])
      : unaryOf(['int8', 'uint8', 'int16']),
    prepare: (node) => prepare(node, mode),
    eval: (node, d) => sumQuantized(node.inputs[0]!.data as QArray, node.outputs[0]!.data as QArray, d),
  };
}

/** TFLite's builtin arithmetic. */
export const SUM_QUANTIZED_KERNEL = sumKernel('reference');
/** What LiteRT computes with its default XNNPACK delegate (8-bit). */
export const SUM_QUANTIZED_XNNPACK_KERNEL = sumKernel('xnnpack');
