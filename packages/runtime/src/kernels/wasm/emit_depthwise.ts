/**
 * Emits the direct depthwise convolutions (depth multiplier 1), one image per call. For each output pixel the
 * channels are walked in SIMD blocks (4 floats, or 8 int8 widened to int16), and each block accumulates its
 * in-bounds taps in registers before one fused epilogue: clamp (float) or requantization (int8).
 *
 * Weights are pre-packed as [fH·fW][C rounded up to the block] (float32, or int16 for int8), bias likewise,
 * so the last block's padding lanes multiply zeros. Loads of the last block may read up to one block past a
 * pixel's channels (the buffers carry slack); its stores go through the staging area at TMP.
 */
import type { Code, Local } from './emitter/code.js';
import type { FunctionDef } from './emitter/module_writer.js';
import { TMP } from './emit_gemm.js';
import { requant8, requantLocals, type OutByte, type Requant, type RequantLocals } from './emit_requant.js';

type Kind = 'f32' | 'i8';

const GEOMETRY = Array.from({ length: 17 }, () => 'i32' as const);

export const DEPTHWISE_F32: FunctionDef = {
  name: 'depthwise_f32',
  // input, inH, inW, C, outH, outW, fH, fW, sH, sW, dH, dW, padT, padL, W, bias, out, min, max
  params: [...GEOMETRY, 'f32', 'f32'],
  emit: (c) => emitDepthwise(c, 'f32'),
};

/** 8-bit depthwise: int8 or uint8 activations and output, 'float' or 'fixed' requantization (emit_requant.ts). */
function depthwise8(out: OutByte, mode: Requant): FunctionDef {
  return {
    name: `depthwise_${out}_${mode}`,
    // … out, per-channel params, input offset (−zp), output zero point, actMin, actMax, left, right shift
    params: [...GEOMETRY, 'i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32'],
    emit: (c) => emitDepthwise(c, 'i8', { out, mode }),
  };
}

export const DEPTHWISE_8BIT: readonly FunctionDef[] = [
  depthwise8('i8', 'float'), depthwise8('u8', 'float'), depthwise8('i8', 'fixed'), depthwise8('u8', 'fixed'),
];

interface Ctx {
  kind: Kind; unsignedInput: boolean; lanes: number; inB: number; wB: number; outB: number;
  vmin: Local; vmax: Local; voff: Local; q: RequantLocals | null; scales: Local;
}

function emitDepthwise(c: Code, kind: Kind, stage?: { out: OutByte; mode: Requant }): void {
  const P = (i: number) => c.param(i);
  const [input, inH, inW, C, outH, outW, fH, fW, sH, sW, dH, dW, padT, padL, W, bias, out] =
    Array.from({ length: 17 }, (_, i) => P(i));
  const x: Ctx = kind === 'f32'
    ? { kind, unsignedInput: false, lanes: 4, inB: 4, wB: 4, outB: 4, vmin: c.local('v128'), vmax: c.local('v128'), voff: 0 as Local, q: null, scales: 0 as Local }
    : { kind, unsignedInput: stage!.out === 'u8', lanes: 8, inB: 1, wB: 2, outB: 1, vmin: 0 as Local, vmax: 0 as Local, voff: c.local('v128'), q: null, scales: P(17) };
  if (kind === 'f32') {
    c.localGet(P(17)).f32x4Splat().localSet(x.vmin);
    c.localGet(P(18)).f32x4Splat().localSet(x.vmax);
  } else {
    c.localGet(P(18)).i16x8Splat().localSet(x.voff);
    x.q = requantLocals(c, stage!.out, stage!.mode, { zp: P(19), actMin: P(20), actMax: P(21), left: P(22), right: P(23) });
  }
  const [oy, ox, c0, ky, kx, iy, iy0, ix0, ix, inP, wP, outP, cPad, tapIn, tapW, rem, scalePtr] =
    Array.from({ length: 17 }, () => c.local('i32'));
  const acc0 = c.local('v128');
  const acc1 = c.local('v128');
  const shift = (bytes: number) => (bytes === 4 ? 2 : bytes === 2 ? 1 : 0);
  c.localGet(C).i32Const(x.lanes - 1).i32Add().i32Const(-x.lanes).i32And().localSet(cPad);
  c.localGet(dW).localGet(C).i32Mul().i32Const(shift(x.inB)).i32Shl().localSet(tapIn);
  c.localGet(cPad).i32Const(shift(x.wB)).i32Shl().localSet(tapW);
  c.forRange(oy, () => c.i32Const(0), () => c.localGet(outH), 1, () => {
    c.localGet(oy).localGet(sH).i32Mul().localGet(padT).i32Sub().localSet(iy0);
    c.forRange(ox, () => c.i32Const(0), () => c.localGet(outW), 1, () => {
      c.localGet(ox).localGet(sW).i32Mul().localGet(padL).i32Sub().localSet(ix0);
      c.forRange(c0, () => c.i32Const(0), () => c.localGet(C), x.lanes, () => {
        c.localGet(bias).localGet(c0).i32Const(2).i32Shl().i32Add().localTee(outP).v128Load(0).localSet(acc0);
        if (kind === 'i8') c.localGet(outP).v128Load(16).localSet(acc1);
        c.forRange(ky, () => c.i32Const(0), () => c.localGet(fH), 1, () => {
          c.localGet(iy0).localGet(ky).localGet(dH).i32Mul().i32Add().localTee(iy).localGet(inH).i32LtU();
          c.if(() => {
            c.localGet(input).localGet(iy).localGet(inW).i32Mul().localGet(ix0).i32Add().localGet(C).i32Mul();
            c.localGet(c0).i32Add().i32Const(shift(x.inB)).i32Shl().i32Add().localSet(inP);
            c.localGet(W).localGet(ky).localGet(fW).i32Mul().localGet(cPad).i32Mul().localGet(c0).i32Add();
            c.i32Const(shift(x.wB)).i32Shl().i32Add().localSet(wP);
            c.localGet(ix0).localSet(ix);
            c.forRange(kx, () => c.i32Const(0), () => c.localGet(fW), 1, () => {
              c.localGet(ix).localGet(inW).i32LtU().if(() => emitTap(c, x, inP, wP, acc0, acc1));
              c.localGet(inP).localGet(tapIn).i32Add().localSet(inP);
              c.localGet(wP).localGet(tapW).i32Add().localSet(wP);
              c.localGet(ix).localGet(dW).i32Add().localSet(ix);
            });
          });
        });
        // Output pointer and the number of real channels in this block.
        c.localGet(out).localGet(oy).localGet(outW).i32Mul().localGet(ox).i32Add().localGet(C).i32Mul();
        c.localGet(c0).i32Add().i32Const(shift(x.outB)).i32Shl().i32Add().localSet(outP);
        c.localGet(C).localGet(c0).i32Sub().localSet(rem);
        if (kind === 'i8') c.localGet(x.scales).localGet(c0).i32Const(2).i32Shl().i32Add().localSet(scalePtr);
        emitStore(c, x, outP, rem, acc0, acc1, scalePtr);
      });
    });
  });
}

function emitTap(c: Code, x: Ctx, inP: Local, wP: Local, acc0: Local, acc1: Local): void {
  if (x.kind === 'f32') {
    c.localGet(acc0).localGet(inP).v128Load().localGet(wP).v128Load().f32x4Mul().f32x4Add().localSet(acc0);
    return;
  }
  const xv = c.local('v128');
  const wv = c.local('v128');
  c.localGet(inP);
  if (x.unsignedInput) c.i16x8Load8x8U(); else c.i16x8Load8x8S();
  c.localGet(x.voff).i16x8Add().localSet(xv);
  c.localGet(wP).v128Load().localSet(wv);
  c.localGet(acc0).localGet(xv).localGet(wv).i32x4ExtmulLowI16x8S().i32x4Add().localSet(acc0);
  c.localGet(acc1).localGet(xv).localGet(wv).i32x4ExtmulHighI16x8S().i32x4Add().localSet(acc1);
}

function emitStore(c: Code, x: Ctx, outP: Local, rem: Local, acc0: Local, acc1: Local, scalePtr: Local): void {
  const value = () => {
    if (x.kind === 'f32') c.localGet(acc0).localGet(x.vmin).f32x4Max().localGet(x.vmax).f32x4Min();
    else requant8(c, x.q!, acc0, acc1, scalePtr);
  };
  c.localGet(rem).i32Const(x.lanes).i32GeS();
  c.if(() => {
    c.localGet(outP);
    value();
    if (x.kind === 'f32') c.v128Store();
    else c.v128Store64Lane0();
  }, () => {
    c.i32Const(TMP);
    value();
    c.v128Store();
    c.localGet(outP).i32Const(TMP).localGet(rem).i32Const(x.kind === 'f32' ? 2 : 0).i32Shl().memoryCopy();
  });
}
