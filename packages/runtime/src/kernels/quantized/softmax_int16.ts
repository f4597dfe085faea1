/**
 * SOFTMAX, int16 (TFLite reference_ops::SoftmaxInt16, the lookup-table method): differences to the row
 * maximum are scaled so that [−10, 0] spans [−65535, 0], recentred and looked up in an exp table (Q0.15);
 * their sum's reciprocal comes from a 1/(1+x) table after normalising by its leading zeros; outputs are
 * exp·reciprocal rounded into [0, 32767] (scale 1/32768, zero point 0).
 */
import { BuiltinOp } from '../../core/ops.js';
import type { SoftmaxOptions } from '../../core/options.js';
import { numElements } from '../../core/shape.js';
import { multiplyByQuantizedMultiplier } from '../common/fixed_point.js';
import { requireInput, requireOutput, shapeError, unsupported } from '../common/node_checks.js';
import { optionsOrDefault } from '../common/options.js';
import { quantizeMultiplier, requireScale, tensorZeroPoint } from '../common/quantization.js';
import type { KernelRegistration, NodeContext } from '../kernel.js';
import { unaryOf } from './elementwise.js';
import { generateInt16Lut, lutLookup } from './int16_lut.js';

export interface Int16SoftmaxData {
  readonly rows: number;
  readonly depth: number;
  readonly multiplier: number;
  readonly shift: number;
  readonly expLut: Int16Array;
  readonly reciprocalLut: Int16Array;
  /** Scratch for one row's exps (eval allocates nothing). */
  readonly exps: Int32Array;
}

function prepare(node: NodeContext<SoftmaxOptions>): Int16SoftmaxData {
  const input = requireInput(node, 0);
  const output = requireOutput(node, 0);
  if (input.shape.length === 0) throw shapeError(node, 'softmax needs at least one axis');
  output.shape = [...input.shape];
  if (Math.abs(requireScale(node, output) - 1 / 32768) > 1e-10 || tensorZeroPoint(output) !== 0) {
    throw unsupported(node, 'int16 softmax output must have scale 1/32768 and zero point 0');
  }
  const depth = input.shape[input.shape.length - 1]!;
  const rows = depth === 0 ? 0 : numElements(input.shape) / depth;
  const beta = Math.fround(node.options.beta);
  const { multiplier, shift } = quantizeMultiplier((Math.fround(requireScale(node, input) * beta)) / (10 / 65535));
  return {
    rows, depth, multiplier, shift,
    expLut: generateInt16Lut(Math.exp, -10, 0, -1, 1),
    reciprocalLut: generateInt16Lut((x) => 1 / (1 + x), 0, 1, -1, 1),
    exps: new Int32Array(depth),
  };
}

export function softmaxInt16(input: Int16Array, output: Int16Array, d: Int16SoftmaxData): void {
  const { rows, depth, multiplier, shift, expLut, reciprocalLut, exps } = d;
  for (let r = 0; r < rows; r++) {
    const base = r * depth;
    let max = -32768;
    for (let c = 0; c < depth; c++) if (input[base + c]! > max) max = input[base + c]!;
    let sum = 0; // Q16.15
    for (let c = 0; c < depth; c++) {
      const scaled = multiplyByQuantizedMultiplier(input[base + c]! - max, multiplier, shift) + 32767;
      const e = lutLookup(scaled < -32768 ? -32768 : scaled > 32767 ? 32767 : scaled, expLut);
      exps[c] = e;
      sum += e;
    }
    const headroomPlusOne = Math.clz32(sum);
    const shiftedSum = Math.floor((sum * 2 ** (headroomPlusOne - 1) + (1 << 13)) / 2 ** 14);
    const sym = shiftedSum - ((1 << 15) + (1 << 16));
    const reciprocal = lutLookup(sym < -32768 ? -32768 : sym > 32767 ? 32767 : sym, reciprocalLut);
    const rightShift = 31 - headroomPlusOne;
    const round = 2 ** (rightShift - 1);
    for (let c = 0; c < depth; c++) {
      const v = Math.floor((exps[c]! * reciprocal + round) / 2 ** rightShift);
      output[base + c] = v < 0 ? 0 : v > 32767 ? 32767 : v;
    }
  }
}

export const SOFTMAX_INT16_KERNEL: KernelRegistration<SoftmaxOptions, Int16SoftmaxData> = {
  op: BuiltinOp.SOFTMAX,
  name: 'SOFTMAX (int16, lookup tables)',
  parseOptions: (raw) => optionsOrDefault(raw, ['SoftmaxOptions'], { kind: 'SoftmaxOptions', beta: 1 }),
  supports: unaryOf(['int16']),
  prepare,
  eval: (node, d) => softmaxInt16(node.inputs[0]!.data as Int16Array, node.outputs[0]!.data as Int16Array, d),
};
