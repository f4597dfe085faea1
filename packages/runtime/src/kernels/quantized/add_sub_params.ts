/**
 * Quantized ADD and SUB (TFLite add.cc / sub.cc). The general path (int8, uint8, and int16 with
 * pot_scale_int16 = false) rescales both inputs to a shared scale of twice the larger input scale, with a
 * left shift of 20 bits (15 for int16) for headroom, adds or subtracts, and requantizes to the output. The
 * int16 power-of-two path (pot_scale_int16 = true, zero points 0) shifts the finer input and saturates.
 *
 * The 'xnnpack' mode (8-bit only) is what LiteRT's default XNNPACK delegate computes instead: both inputs
 * multiplied by ~21-bit integer multipliers of s_in/s_out sharing one shift, summed with a rounding bias
 * that folds in the zero points, and shifted right once.
 */
import type { ArithmeticOptions } from '../../core/options.js';
import { multiplyByQuantizedMultiplier, roundingDivideByPOT } from '../common/fixed_point.js';
import { planBinaryBroadcast, type BinaryPlan, type BinaryRow } from '../common/binary_broadcast.js';
import { requireInput, requireOutput, unsupported } from '../common/node_checks.js';
import {
  frexp, quantizeMultiplier, quantizedActivationRange, requireScale, roundHalfEven, tensorZeroPoint, type QArray,
  type QuantizedDType,
} from '../common/quantization.js';
import type { NodeContext, NodeSignature } from '../kernel.js';
import { xnnpackActivationRange, xnnpackTakesAddSubScales } from './xnnpack_delegation.js';

export type { QArray };

export interface AddSubData {
  readonly plan: BinaryPlan;
  readonly row: BinaryRow<QArray>;
}

/** `supports` for the 8-bit-only (XNNPACK-matching) variants. */
export function isQuantized8BinaryNode(node: NodeSignature): boolean {
  return isQuantizedBinaryNode(node) && node.outputs[0]!.dtype !== 'int16';
}

/** `supports` for quantized binary element-wise ops: both inputs and the output share an 8/16-bit dtype. */
export function isQuantizedBinaryNode(node: NodeSignature): boolean {
  const a = node.inputs[0];
  const b = node.inputs[1];
  const out = node.outputs[0];
  if (!a || !b || !out) return false;
  const t = out.dtype;
  return (t === 'int8' || t === 'uint8' || t === 'int16') && a.dtype === t && b.dtype === t;
}

interface GeneralParams {
  readonly offset1: number;
  readonly offset2: number;
  readonly leftShift: number;
  readonly m1: number;
  readonly s1: number;
  readonly m2: number;
  readonly s2: number;
  readonly mOut: number;
  readonly sOut: number;
  readonly outOffset: number;
  readonly min: number;
  readonly max: number;
}

/** Prepares ADD (sign +1) or SUB (sign −1): output shape, broadcast plan and the row function. */
export function prepareAddSub(node: NodeContext<ArithmeticOptions>, sign: 1 | -1, mode: 'reference' | 'xnnpack'): AddSubData {
  const a = requireInput(node, 0);
  const b = requireInput(node, 1);
  const out = requireOutput(node, 0);
  const plan = planBinaryBroadcast(a.shape, b.shape);
  out.shape = [...plan.outShape];
  const dtype = out.dtype as QuantizedDType;
  const sa = requireScale(node, a);
  const sb = requireScale(node, b);
  const so = requireScale(node, out);
  if (mode === 'xnnpack' && dtype !== 'int16' && xnnpackTakesAddSubScales(sa, sb, so)) {
    const act = xnnpackActivationRange(node.options.fusedActivation, dtype, so, tensorZeroPoint(out));
    return { plan, row: xnnpackRow(node, sa, sb, so, sign, act) };
  }
  const act = quantizedActivationRange(node.options.fusedActivation, dtype, so, tensorZeroPoint(out));
  if (dtype === 'int16' && node.options.potScaleInt16) {
    return { plan, row: potInt16Row(node, sa, sb, so, sign, act) };
  }
  const leftShift = dtype === 'int16' ? 15 : 20;
  const twiceMax = 2 * Math.max(sa, sb);
  const q1 = quantizeMultiplier(sa / twiceMax);
  const q2 = quantizeMultiplier(sb / twiceMax);
  const qo = quantizeMultiplier(twiceMax / ((1 << leftShift) * so));
  const p: GeneralParams = {
    offset1: -tensorZeroPoint(a), offset2: -tensorZeroPoint(b), leftShift,
    m1: q1.multiplier, s1: q1.shift, m2: q2.multiplier, s2: q2.shift, mOut: qo.multiplier, sOut: qo.shift,
    outOffset: tensorZeroPoint(out), min: act.min, max: act.max,
  };
  return { plan, row: generalRow(p, sign) };
}

function generalRow(p: GeneralParams, sign: 1 | -1): BinaryRow<QArray> {
  const { offset1, offset2, m1, s1, m2, s2, mOut, sOut, outOffset, min, max } = p;
  const scale = 1 << p.leftShift;
  return (a, ai, as, b, bi, bs, out, oi, n) => {
    for (let i = 0; i < n; i++) {
      const x = multiplyByQuantizedMultiplier(Math.imul(a[ai + i * as]! + offset1, scale), m1, s1);
      const y = multiplyByQuantizedMultiplier(Math.imul(b[bi + i * bs]! + offset2, scale), m2, s2);
      const raw = sign === 1 ? (x + y) | 0 : (x - y) | 0;
      const v = multiplyByQuantizedMultiplier(raw, mOut, sOut) + outOffset;
      out[oi + i] = v < min ? min : v > max ? max : v;
    }
  };
}

/** log2 of a power-of-two scale, or null. */
function exactLog2(scale: number): number | null {
  const l = Math.round(Math.log2(scale));
  return Math.abs(scale - 2 ** l) < 1e-6 * 2 ** l ? l : null;
}

/** int16 with power-of-two scales: the coarser-scaled input is rounded down to the finer one, then saturated. */
function potInt16Row(
  node: NodeContext<ArithmeticOptions>, sa: number, sb: number, so: number, sign: 1 | -1, act: { min: number; max: number },
): BinaryRow<QArray> {
  const la = exactLog2(sa);
  const lb = exactLog2(sb);
  const lo = exactLog2(so);
  const zeroPoints = [0, 1].map((i) => tensorZeroPoint(node.inputs[i]!)).concat(tensorZeroPoint(node.outputs[0]!));
  if (la === null || lb === null || lo === null || zeroPoints.some((z) => z !== 0)) {
    throw unsupported(node, 'int16 with pot_scale_int16 needs power-of-two scales and zero points 0');
  }
  const shiftA = lo - la;
  const shiftB = lo - lb;
  if (shiftA < 0 || shiftB < 0 || (shiftA !== 0 && shiftB !== 0)) {
    throw unsupported(node, 'int16 power-of-two path needs the output scale equal to one input scale and no finer');
  }
  const { min, max } = act;
  return (a, ai, as, b, bi, bs, out, oi, n) => {
    for (let i = 0; i < n; i++) {
      const x = roundingDivideByPOT(a[ai + i * as]!, shiftA);
      const y = roundingDivideByPOT(b[bi + i * bs]!, shiftB);
      let v = sign === 1 ? x + y : x - y;
      v = v < -32768 ? -32768 : v > 32767 ? 32767 : v;
      out[oi + i] = v < min ? min : v > max ? max : v;
    }
  };
}

/** XNNPACK's multiplier for a float32 scale: lrintf(scale · 2^shift). */
function xnnpackMultiplier(scale: number, shift: number): number {
  return roundHalfEven(Math.fround(scale * 2 ** shift));
}

/** XNNPACK qs8/qu8 add (SUB negates the second scale): one rounding shift of a biased integer sum. */
function xnnpackRow(
  node: NodeContext<ArithmeticOptions>, sa: number, sb: number, so: number, sign: 1 | -1, act: { min: number; max: number },
): BinaryRow<QArray> {
  const aScale = Math.fround(sa / so);
  const bScale = Math.fround(sb / so);
  const maxScale = Math.max(aScale, bScale);
  const shift = 20 - (frexp(maxScale).exponent - 1); // 20 − the float's binary exponent
  if (shift < 12 || shift > 30) throw unsupported(node, `input/output scale ratio ${maxScale} is outside XNNPACK's range`);
  const am = xnnpackMultiplier(aScale, shift);
  const bm = sign * xnnpackMultiplier(bScale, shift);
  const za = tensorZeroPoint(node.inputs[0]!);
  const zb = tensorZeroPoint(node.inputs[1]!);
  const zo = tensorZeroPoint(node.outputs[0]!);
  const bias = (1 << (shift - 1)) - am * za - bm * zb;
  const min = act.min - zo;
  const max = act.max - zo;
  return (a, ai, as, b, bi, bs, out, oi, n) => {
    for (let i = 0; i < n; i++) {
      const acc = bias + a[ai + i * as]! * am + b[bi + i * bs]! * bm;
      const v = Math.floor(acc / 2 ** shift);
      out[oi + i] = (v < min ? min : v > max ? max : v) + zo;
    }
  };
}
