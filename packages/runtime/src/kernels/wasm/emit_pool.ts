/**
 * Emits `max_pool_f32` and `avg_pool_f32` (one image per call): per output pixel, 4 channels per vector over
 * the window's in-bounds taps, then the fused activation clamp. Like TFLite, the average divides by the
 * number of in-bounds taps only. `max_pool_i8` / `max_pool_u8` take 16 channels of 8-bit values per vector,
 * start from the clamp's floor (as the TypeScript kernel) and clamp to its ceiling: a max of integers is
 * exact. The last channel block may read past the pixel (slack) and is stored through TMP.
 */
import type { Code } from './emitter/code.js';
import type { FunctionDef } from './emitter/module_writer.js';
import { TMP } from './emit_gemm.js';

// input, inH, inW, C, outH, outW, fH, fW, sH, sW, padT, padL, out, min, max
const PARAMS = [...Array.from({ length: 13 }, () => 'i32' as const), 'f32' as const, 'f32' as const];

// … the same with the quantized clamp bounds as i32
const PARAMS_8BIT = Array.from({ length: 15 }, () => 'i32' as const);

type PoolKind = 'max' | 'avg' | 'max_i8' | 'max_u8';

export const MAX_POOL_F32: FunctionDef = { name: 'max_pool_f32', params: PARAMS, emit: (c) => emitPool(c, 'max') };
export const AVG_POOL_F32: FunctionDef = { name: 'avg_pool_f32', params: PARAMS, emit: (c) => emitPool(c, 'avg') };
export const MAX_POOL_I8: FunctionDef = { name: 'max_pool_i8', params: PARAMS_8BIT, emit: (c) => emitPool(c, 'max_i8') };
export const MAX_POOL_U8: FunctionDef = { name: 'max_pool_u8', params: PARAMS_8BIT, emit: (c) => emitPool(c, 'max_u8') };

function emitPool(c: Code, kind: PoolKind): void {
  const [input, inH, inW, C, outH, outW, fH, fW, sH, sW, padT, padL, out] = Array.from({ length: 13 }, (_, i) => c.param(i));
  const [oy, ox, c0, ky, kx, iy, ix, iy0, ix0, count, outP, rem] = Array.from({ length: 12 }, () => c.local('i32'));
  const [vmin, vmax, acc, div] = [c.local('v128'), c.local('v128'), c.local('v128'), c.local('v128')];
  const bytes = kind === 'max_i8' || kind === 'max_u8';
  const lanes = bytes ? 16 : 4;
  const shift = bytes ? 0 : 2;
  if (bytes) {
    c.localGet(c.param(13)).i8x16Splat().localSet(vmin);
    c.localGet(c.param(14)).i8x16Splat().localSet(vmax);
  } else {
    c.localGet(c.param(13)).f32x4Splat().localSet(vmin);
    c.localGet(c.param(14)).f32x4Splat().localSet(vmax);
  }
  /** Runs `body` for every in-bounds tap (iy, ix set). */
  const taps = (body: () => void) => {
    c.forRange(ky, () => c.i32Const(0), () => c.localGet(fH), 1, () => {
      c.localGet(iy0).localGet(ky).i32Add().localTee(iy).localGet(inH).i32LtU().if(() => {
        c.forRange(kx, () => c.i32Const(0), () => c.localGet(fW), 1, () => {
          c.localGet(ix0).localGet(kx).i32Add().localTee(ix).localGet(inW).i32LtU().if(body);
        });
      });
    });
  };
  c.forRange(oy, () => c.i32Const(0), () => c.localGet(outH), 1, () => {
    c.localGet(oy).localGet(sH).i32Mul().localGet(padT).i32Sub().localSet(iy0);
    c.forRange(ox, () => c.i32Const(0), () => c.localGet(outW), 1, () => {
      c.localGet(ox).localGet(sW).i32Mul().localGet(padL).i32Sub().localSet(ix0);
      if (kind === 'avg') {
        c.i32Const(0).localSet(count);
        taps(() => c.localGet(count).i32Const(1).i32Add().localSet(count));
        c.localGet(count).f32ConvertI32S().f32x4Splat().localSet(div);
      }
      c.forRange(c0, () => c.i32Const(0), () => c.localGet(C), lanes, () => {
        if (bytes) c.localGet(vmin).localSet(acc);
        else c.f32Const(kind === 'max' ? -Infinity : 0).f32x4Splat().localSet(acc);
        taps(() => {
          c.localGet(acc);
          c.localGet(input).localGet(iy).localGet(inW).i32Mul().localGet(ix).i32Add().localGet(C).i32Mul().localGet(c0).i32Add();
          c.i32Const(shift).i32Shl().i32Add().v128Load();
          if (kind === 'max') c.f32x4Max();
          else if (kind === 'avg') c.f32x4Add();
          else if (kind === 'max_i8') c.i8x16MaxS();
          else c.i8x16MaxU();
          c.localSet(acc);
        });
        if (kind === 'avg') c.localGet(acc).localGet(div).f32x4Div().localSet(acc);
        if (kind === 'max_i8') c.localGet(acc).localGet(vmax).i8x16MinS().localSet(acc);
        else if (kind === 'max_u8') c.localGet(acc).localGet(vmax).i8x16MinU().localSet(acc);
        else c.localGet(acc).localGet(vmin).f32x4Max().localGet(vmax).f32x4Min().localSet(acc);
        c.localGet(out).localGet(oy).localGet(outW).i32Mul().localGet(ox).i32Add().localGet(C).i32Mul().localGet(c0).i32Add();
        c.i32Const(shift).i32Shl().i32Add().localSet(outP);
        c.localGet(C).localGet(c0).i32Sub().localTee(rem).i32Const(lanes).i32GeS();
        c.if(() => c.localGet(outP).localGet(acc).v128Store(), () => {
          c.i32Const(TMP).localGet(acc).v128Store();
          c.localGet(outP).i32Const(TMP).localGet(rem).i32Const(shift).i32Shl().memoryCopy();
        });
      });
    });
  });
}
