/**
 * SOFTMAX, int8/uint8 (TFLite reference_ops::Softmax, the gemmlowp fixed-point method): per row, the
 * difference to the row maximum is scaled by beta·input_scale into Q5.26 (multiplier and left shift from
 * PreprocessSoftmaxScaling), exponentiated in fixed point, summed in Q12.19, and each exp is multiplied by
 * the reciprocal of the sum. Differences below diff_min contribute nothing and output the minimum. The
 * output must have scale 1/256 (zero point 0 for uint8, −128 for int8), as TFLite requires — or, for int8
 * input, be int16 with scale 1/65536 and zero point −32768 (TFLite's int8 → int16 softmax, as in keyword models).
 */
import { BuiltinOp } from '../../core/ops.js';
import type { SoftmaxOptions } from '../../core/options.js';
import { numElements } from '../../core/shape.js';
import { multiplyByQuantizedMultiplier, roundingDivideByPOT, srdhm } from '../common/fixed_point.js';
import { expOnNegativeValues, reciprocalSignificand, rescale } from '../common/fixed_point_exp.js';
import { requireInput, requireOutput, shapeError, unsupported } from '../common/node_checks.js';
import { optionsOrDefault } from '../common/options.js';
import { quantizeMultiplier, requireScale, tensorZeroPoint } from '../common/quantization.js';
import type { KernelRegistration, NodeContext, NodeSignature } from '../kernel.js';

const SCALED_DIFF_INTEGER_BITS = 5;
const ACCUMULATION_INTEGER_BITS = 12;

export interface QuantizedSoftmaxData {
  readonly rows: number;
  readonly depth: number;
  readonly multiplier: number;
  readonly leftShift: number;
  readonly diffMin: number;
  readonly outMin: number;
  readonly outMax: number;
  /** Bits of the output type (8, or 16 for int8 → int16). */
  readonly outBits: number;
  /**
   * exp of every difference an 8-bit row can hold (index −diff, 0..255), made once at prepare: the same
   * fixed-point values as computing them per element, a table lookup instead of ~60 integer steps.
   */
  readonly exps: Int32Array;
}

function expTable(multiplier: number, leftShift: number, diffMin: number): Int32Array {
  const exps = new Int32Array(256);
  for (let k = 0; k < 256 && -k >= diffMin; k++) {
    exps[k] = expOnNegativeValues(multiplyByQuantizedMultiplier(-k, multiplier, leftShift), SCALED_DIFF_INTEGER_BITS);
  }
  return exps;
}

export function isQuantized8SoftmaxNode(node: NodeSignature): boolean {
  const i = node.inputs[0]?.dtype;
  const o = node.outputs[0]?.dtype;
  return (i === 'int8' || i === 'uint8') && (o === 'int8' || o === 'uint8' || (i === 'int8' && o === 'int16'));
}

/** TFLite PreprocessSoftmaxScaling + CalculateInputRadius for Q5.26 differences. */
export function softmaxScaling(beta: number, inputScale: number): { multiplier: number; leftShift: number; diffMin: number } {
  const real = Math.min(beta * inputScale * 2 ** (31 - SCALED_DIFF_INTEGER_BITS), 2 ** 31 - 1);
  const { multiplier, shift } = quantizeMultiplier(real);
  const maxInputRescaled =
    (((1 << SCALED_DIFF_INTEGER_BITS) - 1) * 2 ** (31 - SCALED_DIFF_INTEGER_BITS)) / 2 ** shift;
  return { multiplier, leftShift: shift, diffMin: -Math.floor(maxInputRescaled) };
}

function prepare(node: NodeContext<SoftmaxOptions>): QuantizedSoftmaxData {
  const input = requireInput(node, 0);
  const output = requireOutput(node, 0);
  if (input.shape.length === 0) throw shapeError(node, 'softmax needs at least one axis');
  output.shape = [...input.shape];
  const outScale = requireScale(node, output);
  const outBits = output.dtype === 'int16' ? 16 : 8;
  const outMin = output.dtype === 'int8' ? -128 : output.dtype === 'int16' ? -32768 : 0;
  // TFLite allows the int16 scale within 0.1 % of 2^-16 (converters store 1/65535 and similar).
  const tolerance = outBits === 16 ? 0.001 * 2 ** -16 : 1e-8;
  if (Math.abs(outScale - 2 ** -outBits) > tolerance || tensorZeroPoint(output) !== outMin) {
    throw unsupported(node, `output must have scale 1/${2 ** outBits} and zero point ${outMin}`);
  }
  const depth = input.shape[input.shape.length - 1]!;
  const rows = depth === 0 ? 0 : numElements(input.shape) / depth;
  const outMax = outMin + 2 ** outBits - 1;
  const scaling = softmaxScaling(node.options.beta, requireScale(node, input));
  const exps = expTable(scaling.multiplier, scaling.leftShift, scaling.diffMin);
  return { rows, depth, ...scaling, outMin, outMax, outBits, exps };
}

export function softmaxQuantized8(input: Int8Array | Uint8Array, output: Int8Array | Uint8Array | Int16Array, d: QuantizedSoftmaxData): void {
  const { rows, depth, diffMin, outMin, outMax, outBits, exps } = d;
  for (let r = 0; r < rows; r++) {
    const base = r * depth;
    let max = input[base]!;
    for (let c = 1; c < depth; c++) if (input[base + c]! > max) max = input[base + c]!;
    let sumOfExps = 0; // Q12.19
    for (let c = 0; c < depth; c++) {
      const diff = input[base + c]! - max;
      if (diff >= diffMin) {
        sumOfExps = (sumOfExps + rescale(exps[-diff]!, 0, ACCUMULATION_INTEGER_BITS)) | 0;
      }
    }
    const reciprocal = reciprocalSignificand(sumOfExps);
    const bitsOverUnit = ACCUMULATION_INTEGER_BITS - Math.clz32(sumOfExps);
    const outShift = bitsOverUnit + 31 - outBits;
    for (let c = 0; c < depth; c++) {
      const diff = input[base + c]! - max;
      if (diff < diffMin) {
        output[base + c] = outMin;
        continue;
      }
      const v = roundingDivideByPOT(srdhm(reciprocal, exps[-diff]!), outShift) + outMin;
      output[base + c] = v > outMax ? outMax : v < outMin ? outMin : v;
    }
  }
}

export const SOFTMAX_QUANTIZED_KERNEL: KernelRegistration<SoftmaxOptions, QuantizedSoftmaxData> = {
  op: BuiltinOp.SOFTMAX,
  name: 'SOFTMAX (int8/uint8 → int8/uint8/int16, reference fixed point)',
  parseOptions: (raw) => optionsOrDefault(raw, ['SoftmaxOptions'], { kind: 'SoftmaxOptions', beta: 1 }),
  supports: isQuantized8SoftmaxNode,
  prepare,
  eval: (node, d) => softmaxQuantized8(node.inputs[0]!.data as Int8Array, node.outputs[0]!.data as Int8Array, d),
};
