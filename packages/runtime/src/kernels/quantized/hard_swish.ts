/**
 * HARD_SWISH, int8/uint8 (TFLite reference_ops::HardSwish): x·relu6(x+3)/6 in 16-bit fixed point. The input
 * is moved to a 7-bit-finer "hires" scale, once rescaled to the output scale (before the final shift) and
 * once to a "reluish" value in [−1, 1] (3.0 ↔ 32768, saturating), mapped to [0, 1], and the two multiplied.
 */
import { intRange } from '../../core/dtype.js';
import { BuiltinOp } from '../../core/ops.js';
import { roundingDivideByPOT } from '../common/fixed_point.js';
import { unsupported } from '../common/node_checks.js';
import { quantizeMultiplier, requireScale, tensorZeroPoint } from '../common/quantization.js';
import type { KernelRegistration, NodeContext } from '../kernel.js';
import { prepareUnaryShape, unaryOf, type QArray } from './elementwise.js';

export interface HardSwishData {
  readonly inZeroPoint: number;
  readonly outZeroPoint: number;
  readonly outMultiplier16: number;
  readonly outExponent: number;
  readonly reluishMultiplier16: number;
  readonly reluishExponent: number;
  readonly min: number;
  readonly max: number;
}

/** TFLite DownScaleInt32ToInt16Multiplier: round a Q31 multiplier to Q15, saturating. */
export function downScaleToInt16(m: number): number {
  if (m >= 2147483647 - 32768) return 32767;
  return (m + 32768) >> 16;
}

/** 16-bit gemmlowp SaturatingRoundingDoublingHighMul. */
export function srdhm16(a: number, b: number): number {
  if (a === -32768 && b === -32768) return 32767;
  const ab = a * b;
  const nudge = ab >= 0 ? 1 << 14 : 1 - (1 << 14);
  return Math.trunc((ab + nudge) / 32768);
}

/** 16-bit SaturatingDoublingHighMul: no rounding, truncating division. */
function sdhm16(a: number, b: number): number {
  if (a === -32768 && b === -32768) return 32767;
  return Math.trunc((a * b) / 32768);
}

function saturatingLeftShift16(x: number, shift: number): number {
  const r = x * (1 << shift);
  return r < -32768 ? -32768 : r > 32767 ? 32767 : r;
}

function prepare(node: NodeContext<null>): HardSwishData {
  const { input, output } = prepareUnaryShape(node);
  const hiresScale = Math.fround(Math.fround(1 / 128) * requireScale(node, input));
  const out = quantizeMultiplier(Math.fround(hiresScale / requireScale(node, output)));
  const reluish = quantizeMultiplier(Math.fround(hiresScale / Math.fround(3 / 32768)));
  if (out.shift > 0) throw unsupported(node, 'output multiplier exponent must be ≤ 0');
  const range = intRange(output.dtype as 'int8' | 'uint8');
  return {
    inZeroPoint: tensorZeroPoint(input), outZeroPoint: tensorZeroPoint(output),
    outMultiplier16: downScaleToInt16(out.multiplier), outExponent: out.shift,
    reluishMultiplier16: downScaleToInt16(reluish.multiplier), reluishExponent: reluish.shift,
    min: range.min, max: range.max,
  };
}

export function hardSwishOne(x: number, d: HardSwishData): number {
  const inputValue = (x - d.inZeroPoint) << 16 >> 16; // int16_t
  const hires = (inputValue * 128) << 16 >> 16;
  const preshiftOutput = srdhm16(hires, d.outMultiplier16);
  let reluish = hires;
  if (d.reluishExponent > 0) reluish = saturatingLeftShift16(reluish, d.reluishExponent - 1);
  reluish = srdhm16(reluish, d.reluishMultiplier16);
  if (d.reluishExponent > 0) reluish = saturatingLeftShift16(reluish, 1);
  if (d.reluishExponent < 0) reluish = roundingDivideByPOT(reluish, -d.reluishExponent);
  reluish = (reluish + 32768) >> 1;
  const preshift = sdhm16(reluish, preshiftOutput);
  let v = roundingDivideByPOT(preshift, -d.outExponent) + d.outZeroPoint;
  v = (v << 16) >> 16; // int16_t arithmetic in the reference
  return v < d.min ? d.min : v > d.max ? d.max : v;
}

export const HARD_SWISH_QUANTIZED_KERNEL: KernelRegistration<null, HardSwishData> = {
  op: BuiltinOp.HARD_SWISH,
  name: 'HARD_SWISH (int8/uint8, reference)',
  parseOptions: () => null,
  supports: unaryOf(['int8', 'uint8']),
  prepare,
  eval: (node, d) => {
    const input = node.inputs[0]!.data as QArray;
    const output = node.outputs[0]!.data as QArray;
    for (let i = 0; i < input.length; i++) output[i] = hardSwishOne(input[i]!, d);
  },
};
