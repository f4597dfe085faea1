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

/** `fma`: taps accumulated with relaxed SIMD's f32x4.relaxed_madd (see gemmF32). */
export function depthwiseF32(fma: boolean): FunctionDef {
  return {
    name: 'depthwise_f32',
    // input, inH, inW, C, outH, outW, fH, fW, sH, sW, dH, dW, padT, padL, W, bias, out, min, max
    params: [...GEOMETRY, 'f32', 'f32'],
    emit: (c) => emitDepthwise(c, 'f32', undefined, fma),
  };
}

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
  kind: Kind; fma: boolean; unsignedInput: boolean; lanes: number; inB: number; wB: number; outB: number;
  vmin: Local; vmax: Local; voff: Local; q: RequantLocals | null; scales: Local;
}

function emitDepthwise(c: Code, kind: Kind, stage?: { out: OutByte; mode: Requant }, fma = false): void {
  const P = (i: number) => c.param(i);
  const [input, inH, inW, C, outH, outW, fH, fW, sH, sW, dH, dW, padT, padL, W, bias, out] =
    Array.from({ length: 17 }, (_, i) => P(i));
  const x: Ctx = kind === 'f32'
    ? { kind, fma, unsignedInput: false, lanes: 4, inB: 4, wB: 4, outB: 4, vmin: c.local('v128'), vmax: c.local('v128'), voff: 0 as Local, q: null, scales: 0 as Local }
    : { kind, fma: false, unsignedInput: stage!.out === 'u8', lanes: 8, inB: 1, wB: 2, outB: 1, vmin: 0 as Local, vmax: 0 as Local, voff: c.local('v128'), q: null, scales: P(17) };
  if (kind === 'f32') {
    c.localGet(P(17)).f32x4Splat().localSet(x.vmin);
    c.localGet(P(18)).f32x4Splat().localSet(x.vmax);
  } else {
    c.localGet(P(18)).i16x8Splat().localSet(x.voff);
    x.q = requantLocals(c, stage!.out, stage!.mode, { zp: P(19), actMin: P(20), actMax: P(21), left: P(22), right: P(23) });
  }
  const [oy, ox, c0, ky, kx, iy, iy0, ix0, ix, inP, wP, outP, cPad, rowIn, rowW, rem, scalePtr] =
    Array.from({ length: 17 }, () => c.local('i32'));
  const group = kind === 'f32' ? F32_GROUP : I8_GROUP;
  const acc = Array.from({ length: group * 2 }, () => c.local('v128'));
  const L: Walk = { x, input, inH, inW, C, fH, fW, dH, dW, W, bias, out, outW, c0, ky, kx, iy, iy0, ix0, ix, inP, wP, outP, cPad, rowIn, rowW, rem, scalePtr, oy, ox, acc };
  c.localGet(C).i32Const(x.lanes - 1).i32Add().i32Const(-x.lanes).i32And().localSet(cPad);
  c.localGet(dH).localGet(inW).i32Mul().localGet(C).i32Mul().i32Const(shift(x.inB)).i32Shl().localSet(rowIn);
  c.localGet(fW).localGet(cPad).i32Mul().i32Const(shift(x.wB)).i32Shl().localSet(rowW);
  c.forRange(oy, () => c.i32Const(0), () => c.localGet(outH), 1, () => {
    c.localGet(oy).localGet(sH).i32Mul().localGet(padT).i32Sub().localSet(iy0);
    c.forRange(ox, () => c.i32Const(0), () => c.localGet(outW), 1, () => {
      c.localGet(ox).localGet(sW).i32Mul().localGet(padL).i32Sub().localSet(ix0);
      // Whole groups of `group` blocks (all channels real), then single blocks with a ragged last one.
      c.i32Const(0).localSet(c0);
      c.block(() => c.loop(() => {
        c.localGet(C).localGet(c0).i32Sub().i32Const(group * x.lanes).i32LtS().brIf(1);
        emitChannels(c, L, group);
        c.localGet(c0).i32Const(group * x.lanes).i32Add().localSet(c0).br(0);
      }));
      c.forRange(c0, () => c.localGet(c0), () => c.localGet(C), x.lanes, () => emitChannels(c, L, 1));
    });
  });
}

/**
 * Channel blocks per tap: more blocks share one window walk (its bounds checks and pointer steps), fewer
 * accumulators stay in registers. 4 float blocks (16 channels) and 2 int8 blocks (16 channels, 4 int32
 * accumulators).
 */
const F32_GROUP = 4;
const I8_GROUP = 2;

const shift = (bytes: number) => (bytes === 4 ? 2 : bytes === 2 ? 1 : 0);

interface Walk {
  x: Ctx; input: Local; inH: Local; inW: Local; C: Local; fH: Local; fW: Local; dH: Local; dW: Local; W: Local;
  bias: Local; out: Local; outW: Local; c0: Local; ky: Local; kx: Local; iy: Local; iy0: Local; ix0: Local; ix: Local;
  inP: Local; wP: Local; outP: Local; cPad: Local; rowIn: Local; rowW: Local; rem: Local; scalePtr: Local;
  oy: Local; ox: Local; acc: Local[];
}

/** `blocks` channel blocks from c0 of one output pixel: bias, every in-bounds tap, epilogue, store. */
function emitChannels(c: Code, L: Walk, blocks: number): void {
  const { x } = L;
  const acc = (b: number, j: number) => L.acc[b * 2 + j]!;
  c.localGet(L.bias).localGet(L.c0).i32Const(2).i32Shl().i32Add().localSet(L.outP);
  for (let b = 0; b < blocks; b++) {
    c.localGet(L.outP).v128Load(b * x.lanes * 4).localSet(acc(b, 0));
    if (x.kind === 'i8') c.localGet(L.outP).v128Load(b * x.lanes * 4 + 16).localSet(acc(b, 1));
  }
  // Taps column by column (kx outer, ky inner): the order of XNNPACK's depthwise kernels, which LiteRT runs,
  // so float sums round as theirs do (deep networks carry last-bit differences to the corpus tolerance).
  c.forRange(L.kx, () => c.i32Const(0), () => c.localGet(L.fW), 1, () => {
    c.localGet(L.ix0).localGet(L.kx).localGet(L.dW).i32Mul().i32Add().localTee(L.ix).localGet(L.inW).i32LtU();
    c.if(() => {
      c.localGet(L.input).localGet(L.iy0).localGet(L.inW).i32Mul().localGet(L.ix).i32Add().localGet(L.C).i32Mul();
      c.localGet(L.c0).i32Add().i32Const(shift(x.inB)).i32Shl().i32Add().localSet(L.inP);
      c.localGet(L.W).localGet(L.kx).localGet(L.cPad).i32Mul().localGet(L.c0).i32Add();
      c.i32Const(shift(x.wB)).i32Shl().i32Add().localSet(L.wP);
      c.localGet(L.iy0).localSet(L.iy);
      c.forRange(L.ky, () => c.i32Const(0), () => c.localGet(L.fH), 1, () => {
        c.localGet(L.iy).localGet(L.inH).i32LtU().if(() => {
          for (let b = 0; b < blocks; b++) emitTap(c, x, L.inP, L.wP, acc(b, 0), acc(b, 1), b);
        });
        c.localGet(L.inP).localGet(L.rowIn).i32Add().localSet(L.inP);
        c.localGet(L.wP).localGet(L.rowW).i32Add().localSet(L.wP);
        c.localGet(L.iy).localGet(L.dH).i32Add().localSet(L.iy);
      });
    });
  });
  // Output pointer and the number of real channels from c0.
  c.localGet(L.out).localGet(L.oy).localGet(L.outW).i32Mul().localGet(L.ox).i32Add().localGet(L.C).i32Mul();
  c.localGet(L.c0).i32Add().i32Const(shift(x.outB)).i32Shl().i32Add().localSet(L.outP);
  if (x.kind === 'i8') c.localGet(x.scales).localGet(L.c0).i32Const(2).i32Shl().i32Add().localSet(L.scalePtr);
  if (blocks === 1) {
    c.localGet(L.C).localGet(L.c0).i32Sub().localSet(L.rem);
    emitStore(c, x, L.outP, L.rem, acc(0, 0), acc(0, 1), L.scalePtr);
    return;
  }
  for (let b = 0; b < blocks; b++) {
    c.localGet(L.outP);
    emitValue(c, x, acc(b, 0), acc(b, 1), L.scalePtr, b * x.lanes * 4);
    if (x.kind === 'f32') c.v128Store(b * x.lanes * x.outB);
    else c.v128Store64Lane0(b * x.lanes * x.outB);
  }
}

/** Block `b` of a group: its inputs and weights sit b blocks further (static offsets). */
function emitTap(c: Code, x: Ctx, inP: Local, wP: Local, acc0: Local, acc1: Local, b: number): void {
  if (x.kind === 'f32') {
    if (x.fma) c.localGet(inP).v128Load(b * 16).localGet(wP).v128Load(b * 16).localGet(acc0).f32x4RelaxedMadd().localSet(acc0);
    else c.localGet(acc0).localGet(inP).v128Load(b * 16).localGet(wP).v128Load(b * 16).f32x4Mul().f32x4Add().localSet(acc0);
    return;
  }
  const xv = c.local('v128');
  const wv = c.local('v128');
  c.localGet(inP);
  if (x.unsignedInput) c.i16x8Load8x8U(b * 8); else c.i16x8Load8x8S(b * 8);
  c.localGet(x.voff).i16x8Add().localSet(xv);
  c.localGet(wP).v128Load(b * 16).localSet(wv);
  c.localGet(acc0).localGet(xv).localGet(wv).i32x4ExtmulLowI16x8S().i32x4Add().localSet(acc0);
  c.localGet(acc1).localGet(xv).localGet(wv).i32x4ExtmulHighI16x8S().i32x4Add().localSet(acc1);
}

/** Pushes the block's output vector: clamp (float) or requantization with params at scalePtr + offset. */
function emitValue(c: Code, x: Ctx, acc0: Local, acc1: Local, scalePtr: Local, offset: number): void {
  if (x.kind === 'f32') c.localGet(acc0).localGet(x.vmin).f32x4Max().localGet(x.vmax).f32x4Min();
  else requant8(c, x.q!, acc0, acc1, scalePtr, offset);
}

function emitStore(c: Code, x: Ctx, outP: Local, rem: Local, acc0: Local, acc1: Local, scalePtr: Local): void {
  c.localGet(rem).i32Const(x.lanes).i32GeS();
  c.if(() => {
    c.localGet(outP);
    emitValue(c, x, acc0, acc1, scalePtr, 0);
    if (x.kind === 'f32') c.v128Store();
    else c.v128Store64Lane0();
  }, () => {
    c.i32Const(TMP);
    emitValue(c, x, acc0, acc1, scalePtr, 0);
    c.v128Store();
    c.localGet(outP).i32Const(TMP).localGet(rem).i32Const(x.kind === 'f32' ? 2 : 0).i32Shl().memoryCopy();
  });
}
