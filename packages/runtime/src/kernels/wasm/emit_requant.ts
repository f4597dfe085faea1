/**
 * The 8-bit output stages shared by the quantized kernels, each bit-identical with the TypeScript kernel it
 * stands for (quantized/weighted_params.ts, requantizeAccumulator):
 *
 * - 'float' (what LiteRT's XNNPACK delegate computes): the int32 accumulator (bias included) converted to
 *   float32, multiplied by the channel's float32 scale, rounded half to even. Every step is the IEEE single
 *   operation the TypeScript kernel performs with Math.fround.
 * - 'fixed' (TFLite's builtin integer kernels, the legacy uint8 path): MultiplyByQuantizedMultiplier with one
 *   shift for all channels — wrapping left shift, gemmlowp's SaturatingRoundingDoublingHighMul (the 64-bit
 *   product plus 2^30, arithmetic shift by 31: the ±2^30 nudge with truncating division is exactly this
 *   round-half-up; the one saturating case, MIN·MIN, cannot occur as multipliers are positive), then
 *   RoundingDivideByPOT (half away from zero).
 *
 * Then: clamp into [actMin − zp, actMax − zp], + zp, saturating narrow to int8 or uint8.
 */
import type { Code, Local } from './emitter/code.js';

export type OutByte = 'i8' | 'u8';
export type Requant = 'float' | 'fixed';

export interface RequantLocals {
  readonly out: OutByte;
  readonly mode: Requant;
  /** Splat vectors: output zero point, and the clamp bounds with the zero point already subtracted. */
  readonly zp: Local;
  readonly lo: Local;
  readonly hi: Local;
  /** 'fixed' only: the shifts (i32), the i64x2 nudge 2^30, and RoundingDivideByPOT's mask and half mask. */
  readonly left: Local;
  readonly right: Local;
  readonly nudge: Local;
  readonly mask: Local;
  readonly half: Local;
}

/** gemmlowp's rounding doubling high multiply of lanes `x` by `m` (both on the stack as locals' values). */
function doublingHighMul(c: Code, q: RequantLocals, x: Local, m: Local): void {
  const lo = c.local('v128');
  c.localGet(x).localGet(m).i64x2ExtmulLowI32x4S().localGet(q.nudge).i64x2Add().i32Const(31).i64x2ShrS().localSet(lo);
  c.localGet(lo);
  c.localGet(x).localGet(m).i64x2ExtmulHighI32x4S().localGet(q.nudge).i64x2Add().i32Const(31).i64x2ShrS();
  // The low 32 bits of each 64-bit lane, in order.
  c.i8x16Shuffle([0, 1, 2, 3, 8, 9, 10, 11, 16, 17, 18, 19, 24, 25, 26, 27]);
}

/** Requantizes one i32x4 accumulator with per-channel values at `paramPtr + offset`; leaves an i32x4. */
function requant4(c: Code, q: RequantLocals, acc: Local, paramPtr: Local, offset: number): void {
  if (q.mode === 'float') {
    c.localGet(acc).f32x4ConvertI32x4S().localGet(paramPtr).v128Load(offset).f32x4Mul().f32x4Nearest();
    c.i32x4TruncSatF32x4S();
  } else {
    const x = c.local('v128');
    const m = c.local('v128');
    const v = c.local('v128');
    c.localGet(acc).localGet(q.left).i32x4Shl().localSet(x);
    c.localGet(paramPtr).v128Load(offset).localSet(m);
    doublingHighMul(c, q, x, m);
    c.localSet(v);
    // RoundingDivideByPOT: (v >> right) + (remainder > (mask >> 1) + (v < 0 ? 1 : 0)).
    c.localGet(v).localGet(q.right).i32x4ShrS();
    c.localGet(v).localGet(q.mask).v128And();
    c.localGet(q.half).localGet(v).i32Const(31).i32x4ShrS().i32x4Sub();
    c.i32x4GtS().i32x4Sub();
  }
  c.localGet(q.lo).i32x4MaxS().localGet(q.hi).i32x4MinS().localGet(q.zp).i32x4Add();
}

/**
 * Pushes a v128 whose low 8 bytes are the 8 outputs of accumulators `a0` (lanes 0-3) and `a1` (4-7);
 * `paramPtr + offset` points at 8 per-channel float32 scales ('float') or int32 multipliers ('fixed').
 */
export function requant8(c: Code, q: RequantLocals, a0: Local, a1: Local, paramPtr: Local, offset = 0): void {
  requant4(c, q, a0, paramPtr, offset);
  requant4(c, q, a1, paramPtr, offset + 16);
  c.i16x8NarrowI32x4S();
  const tmp = c.local('v128');
  c.localTee(tmp).localGet(tmp);
  if (q.out === 'i8') c.i8x16NarrowI16x8S();
  else c.i8x16NarrowI16x8U();
}

/** The i32 params (or locals) of an 8-bit output stage; `left`/`right` only for 'fixed'. */
export interface RequantParams {
  readonly zp: Local;
  readonly actMin: Local;
  readonly actMax: Local;
  readonly left?: Local;
  readonly right?: Local;
}

/** Declares the splat locals of an output stage. */
export function requantLocals(c: Code, out: OutByte, mode: Requant, p: RequantParams): RequantLocals {
  const q: RequantLocals = {
    out, mode, zp: c.local('v128'), lo: c.local('v128'), hi: c.local('v128'),
    left: p.left ?? c.local('i32'), right: p.right ?? c.local('i32'),
    nudge: c.local('v128'), mask: c.local('v128'), half: c.local('v128'),
  };
  c.localGet(p.zp).i32x4Splat().localSet(q.zp);
  c.localGet(p.actMin).localGet(p.zp).i32Sub().i32x4Splat().localSet(q.lo);
  c.localGet(p.actMax).localGet(p.zp).i32Sub().i32x4Splat().localSet(q.hi);
  if (mode === 'fixed') {
    c.i64Const(1 << 30).i64x2Splat().localSet(q.nudge);
    // mask = (1 << right) − 1, half = mask >> 1 (right ≤ 31: shl by 32 would wrap, so build it as 2^right − 1).
    const mask = c.local('i32');
    c.i32Const(1).localGet(q.right).i32Shl().i32Const(1).i32Sub().localTee(mask).i32x4Splat().localSet(q.mask);
    c.localGet(mask).i32Const(1).i32ShrU().i32x4Splat().localSet(q.half);
  }
  return q;
}
