/**
 * Emits `quantize_i8(src, n, dst, invScale, zeroPoint)`: dst[i] = clamp(round_half_even(src[i] · invScale) +
 * zeroPoint, −128, 127), four floats per step — the per-image input quantization of hybrid models, with the
 * float32 multiply and ties-to-even rounding XNNPACK uses (see common/hybrid.ts). The last step may read
 * and write up to 3 elements past n (regions carry slack).
 */
import type { Local } from './emitter/code.js';
import type { FunctionDef } from './emitter/module_writer.js';

/**
 * Scaled values are clamped to ±LIMIT before the integer conversion: anything beyond ±255 saturates to the
 * same code whatever the zero point, and an unclamped ±2^31 would wrap when the zero point is added.
 */
const LIMIT = 512;

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
    const bound = c.local('v128');
    const negBound = c.local('v128');
    c.localGet(c.param(3)).f32x4Splat().localSet(inv);
    c.localGet(c.param(4)).i32x4Splat().localSet(zp);
    c.i32Const(-128).i32x4Splat().localSet(lo);
    c.i32Const(127).i32x4Splat().localSet(hi);
    c.f32Const(LIMIT).f32x4Splat().localSet(bound);
    c.f32Const(-LIMIT).f32x4Splat().localSet(negBound);
    c.forRange(i, () => c.i32Const(0), () => c.localGet(n), 4, () => {
      c.localGet(src).localGet(i).i32Const(2).i32Shl().i32Add().v128Load().localGet(inv).f32x4Mul().f32x4Nearest();
      c.localGet(negBound).f32x4Pmax().localGet(bound).f32x4Pmin().i32x4TruncSatF32x4S().localGet(zp).i32x4Add().localGet(lo).i32x4MaxS().localGet(hi).i32x4MinS().localSet(v);
      c.localGet(dst).localGet(i).i32Add();
      c.localGet(v).localGet(v).i16x8NarrowI32x4S().localTee(v).localGet(v).i8x16NarrowI16x8S().v128Store32Lane0();
    });
  },
};

/**
 * `quantize_rows_i16(src, rows, k, dst, rowBytes, params)`: row r of k floats quantized as `quantize_i8` does
 * with its own inverse scale and zero point (float32 and int32 at params + 8·r), then stored as int16
 * (code − zero point), the GEMM's A operand: one quantization per row, as XNNPACK quantizes fully connected
 * inputs and 1×1 convolutions (per pixel). Row r starts at dst + r·rowBytes; a row's last step may write up to
 * 3 values past k, which the next row (written after it) or the slack absorbs, and whose products meet B's
 * zero padding.
 */
export const QUANTIZE_ROWS_I16: FunctionDef = {
  name: 'quantize_rows_i16',
  params: ['i32', 'i32', 'i32', 'i32', 'i32', 'i32'],
  emit: (c) => {
    const [src, rows, k, dst, rowBytes, params] = [0, 1, 2, 3, 4, 5].map((i) => c.param(i)) as [Local, Local, Local, Local, Local, Local];
    const [inv, zp, lo, hi, v, bound, negBound] = Array.from({ length: 7 }, () => c.local('v128'));
    const [r, i, s, d, p] = Array.from({ length: 5 }, () => c.local('i32'));
    c.i32Const(-128).i32x4Splat().localSet(lo);
    c.i32Const(127).i32x4Splat().localSet(hi);
    c.f32Const(LIMIT).f32x4Splat().localSet(bound);
    c.f32Const(-LIMIT).f32x4Splat().localSet(negBound);
    c.forRange(r, () => c.i32Const(0), () => c.localGet(rows), 1, () => {
      c.localGet(params).localGet(r).i32Const(3).i32Shl().i32Add().localTee(p).v128Load32Splat().localSet(inv);
      c.localGet(p).v128Load32Splat(4).localSet(zp);
      c.localGet(src).localGet(r).localGet(k).i32Mul().i32Const(2).i32Shl().i32Add().localSet(s);
      c.localGet(dst).localGet(r).localGet(rowBytes).i32Mul().i32Add().localSet(d);
      c.forRange(i, () => c.i32Const(0), () => c.localGet(k), 4, () => {
        c.localGet(s).localGet(i).i32Const(2).i32Shl().i32Add().v128Load().localGet(inv).f32x4Mul().f32x4Nearest();
        c.localGet(negBound).f32x4Pmax().localGet(bound).f32x4Pmin().i32x4TruncSatF32x4S().localGet(zp).i32x4Add().localGet(lo).i32x4MaxS().localGet(hi).i32x4MinS();
        c.localGet(zp).i32x4Sub().localSet(v);
        c.localGet(d).localGet(i).i32Const(1).i32Shl().i32Add();
        c.localGet(v).localGet(v).i16x8NarrowI32x4S().v128Store64Lane0();
      });
    });
  },
};
