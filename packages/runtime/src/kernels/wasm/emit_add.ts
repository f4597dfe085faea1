/**
 * Emits `add_i8(a, b, out, n, aMul, bMul, bias, shift, min, max, zeroPoint)`: XNNPACK's int8 addition, which
 * LiteRT runs and quantized/add_sub_params.ts reproduces — acc = bias + a·aMul + b·bMul in int32 (bias folds
 * in the rounding and both input zero points), floor-shifted right, clamped, offset by the output zero point.
 * Eight elements per step; the last step reads past n (slack) and stores through TMP.
 */
import type { FunctionDef } from './emitter/module_writer.js';
import { TMP } from './emit_gemm.js';

export const ADD_I8: FunctionDef = {
  name: 'add_i8',
  params: Array.from({ length: 11 }, () => 'i32' as const),
  emit: (c) => {
    const [a, b, out, n, aMul, bMul, bias, shift, min, max, zp] = Array.from({ length: 11 }, (_, i) => c.param(i));
    const [va, vb, vbias, vmin, vmax, vzp, am, bm, lo, hi, res] = Array.from({ length: 11 }, () => c.local('v128'));
    const i = c.local('i32');
    const rem = c.local('i32');
    c.localGet(aMul).i32x4Splat().localSet(am);
    c.localGet(bMul).i32x4Splat().localSet(bm);
    c.localGet(bias).i32x4Splat().localSet(vbias);
    c.localGet(min).i32x4Splat().localSet(vmin);
    c.localGet(max).i32x4Splat().localSet(vmax);
    c.localGet(zp).i32x4Splat().localSet(vzp);
    const half = (x: typeof va, y: typeof va, high: boolean) => {
      const ext = () => (high ? c.i32x4ExtendHighI16x8S() : c.i32x4ExtendLowI16x8S());
      c.localGet(vbias).localGet(x); ext(); c.localGet(am).i32x4Mul().i32x4Add();
      c.localGet(y); ext(); c.localGet(bm).i32x4Mul().i32x4Add();
      c.localGet(shift).i32x4ShrS().localGet(vmin).i32x4MaxS().localGet(vmax).i32x4MinS().localGet(vzp).i32x4Add();
    };
    c.forRange(i, () => c.i32Const(0), () => c.localGet(n), 8, () => {
      c.localGet(a).localGet(i).i32Add().i16x8Load8x8S().localSet(va);
      c.localGet(b).localGet(i).i32Add().i16x8Load8x8S().localSet(vb);
      half(va, vb, false);
      c.localSet(lo);
      half(va, vb, true);
      c.localSet(hi);
      c.localGet(lo).localGet(hi).i16x8NarrowI32x4S().localTee(res).localGet(res).i8x16NarrowI16x8S().localSet(res);
      c.localGet(n).localGet(i).i32Sub().localTee(rem).i32Const(8).i32GeS();
      c.if(() => c.localGet(out).localGet(i).i32Add().localGet(res).v128Store64Lane0(), () => {
        c.i32Const(TMP).localGet(res).v128Store();
        c.localGet(out).localGet(i).i32Add().i32Const(TMP).localGet(rem).memoryCopy();
      });
    });
  },
};
