/**
 * The int8 output stage shared by the quantized kernels, matching what LiteRT's XNNPACK path computes (see
 * quantized/weighted_params.ts): the int32 accumulator (bias included) converted to float32, multiplied by
 * the channel's float32 scale, rounded half to even, clamped into [actMin − zp, actMax − zp], offset by the
 * output zero point and narrowed to int8. Every step is the IEEE single-precision operation the TypeScript
 * kernel performs with Math.fround, so results are bit-identical.
 */
import type { Code, Local } from './emitter/code.js';

export interface RequantLocals {
  /** Splat vectors: output zero point, and the clamp bounds with the zero point already subtracted. */
  readonly zp: Local;
  readonly lo: Local;
  readonly hi: Local;
}

/** Requantizes one i32x4 accumulator with scales at `scalePtr + offset`; leaves an i32x4 on the stack. */
function requant4(c: Code, q: RequantLocals, acc: Local, scalePtr: Local, offset: number): void {
  c.localGet(acc).f32x4ConvertI32x4S().localGet(scalePtr).v128Load(offset).f32x4Mul().f32x4Nearest();
  c.i32x4TruncSatF32x4S().localGet(q.lo).i32x4MaxS().localGet(q.hi).i32x4MinS().localGet(q.zp).i32x4Add();
}

/** Pushes a v128 whose low 8 bytes are the 8 int8 outputs of accumulators `a0` (lanes 0-3) and `a1` (4-7). */
export function requant8(c: Code, q: RequantLocals, a0: Local, a1: Local, scalePtr: Local): void {
  requant4(c, q, a0, scalePtr, 0);
  requant4(c, q, a1, scalePtr, 16);
  c.i16x8NarrowI32x4S();
  const tmp = c.local('v128');
  c.localTee(tmp).localGet(tmp).i8x16NarrowI16x8S();
}

/** Declares the splat locals from i32 values zp, actMin, actMax (params or locals). */
export function requantLocals(c: Code, zp: Local, actMin: Local, actMax: Local): RequantLocals {
  const q = { zp: c.local('v128'), lo: c.local('v128'), hi: c.local('v128') };
  c.localGet(zp).i32x4Splat().localSet(q.zp);
  c.localGet(actMin).localGet(zp).i32Sub().i32x4Splat().localSet(q.lo);
  c.localGet(actMax).localGet(zp).i32Sub().i32x4Splat().localSet(q.hi);
  return q;
}
