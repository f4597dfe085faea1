/**
 * Emits `quantize_i8(src, n, dst, invScale, zeroPoint)`: dst[i] = clamp(round_half_even(src[i] · invScale) +
 * zeroPoint, −128, 127), four floats per step — the per-image input quantization of hybrid models, with the
 * float32 multiply and ties-to-even rounding XNNPACK uses (see common/hybrid.ts). The last step may read
 * and write up to 3 elements past n (regions carry slack).
 */
import type { FunctionDef } from './emitter/module_writer.js';

export const QUANTIZE_I8: FunctionDef = {
  name: 'quantize_i8',
  params: ['i32', 'i32', 'i32', 'f32', 'i32'],
  emit: (c) => {
    const [src, n, dst] = [c.param(0), c.param(1), c.param(2)];
    const inv = c.local('v128');
    const zp = c.local('v128');
    const lo = c.local('v128');
    const hi = c.local('v128');
    const v = c.local('v128');
    const i = c.local('i32');
    c.localGet(c.param(3)).f32x4Splat().localSet(inv);
    c.localGet(c.param(4)).i32x4Splat().localSet(zp);
    c.i32Const(-128).i32x4Splat().localSet(lo);
    c.i32Const(127).i32x4Splat().localSet(hi);
    c.forRange(i, () => c.i32Const(0), () => c.localGet(n), 4, () => {
      c.localGet(src).localGet(i).i32Const(2).i32Shl().i32Add().v128Load().localGet(inv).f32x4Mul().f32x4Nearest();
      c.i32x4TruncSatF32x4S().localGet(zp).i32x4Add().localGet(lo).i32x4MaxS().localGet(hi).i32x4MinS().localSet(v);
      c.localGet(dst).localGet(i).i32Add();
      c.localGet(v).localGet(v).i16x8NarrowI32x4S().localTee(v).localGet(v).i8x16NarrowI16x8S().v128Store32Lane0();
    });
  },
};
