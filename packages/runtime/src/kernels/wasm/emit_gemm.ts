/**
 * Emits the GEMM micro-kernels: C[M×N] = epilogue(A[M×K] · B[K×N] + bias), register-blocked MR rows × 8
 * columns (2·MR 128-bit accumulators, two B vectors, one broadcast A value). Leftover rows run a 1×8 kernel.
 *
 * - `gemm_f32`: float32; epilogue = clamp to [min, max] (fused RELU/RELU6/…).
 * - `gemm_i8`: A holds int16 (x − zero point) in pairs along K, B packed int8 weights widened to int16;
 *   `i32x4.dot_i16x8_s` multiplies and adds two K steps per instruction; epilogue = requantization to int8.
 * - `gemm_i8f`: the same integer product for hybrid models (int8 weights, float activations quantized per
 *   image at run time); epilogue = acc · input scale · weight scale + float bias, clamped, stored as float.
 *
 * B is pre-packed (pack.ts) in panels of 8 columns, each K steps × 32 bytes (8 floats, or 8 column pairs of
 * int16), zero-padded past N, so the inner loop reads B sequentially. Bias (and int8 scales) are padded the
 * same way. Partial panels are stored through the staging area at TMP, so nothing past column N is written.
 */
import type { Code, Local } from './emitter/code.js';
import type { FunctionDef } from './emitter/module_writer.js';
import { requant8, requantLocals, type OutByte, type Requant, type RequantLocals } from './emit_requant.js';

/**
 * Rows per micro-kernel block. 3 rows (6 accumulators + 2 B vectors + 1 broadcast = 9 live vectors) measured
 * faster under V8 than 4 or 6 rows, whose extra live vectors the register allocator spills; unrolling K by 2
 * was slower for the same reason.
 */
const MR = 3;

/** Byte address of a 64-byte staging area for partial stores (reserved at the start of memory). */
export const TMP = 0;

type Kind = 'f32' | 'i8' | 'i8f';

interface GemmLocals {
  kind: Kind;
  fma: boolean;
  M: Local; N: Local; K: Local; A: Local; lda: Local; B: Local; bias: Local; C: Local; ldc: Local;
  m: Local; p: Local; panels: Local; k: Local; bp: Local; nRem: Local; b0: Local; b1: Local; av: Local;
  rows: Local[]; acc: Local[];
  /** f32 clamp vectors. */
  vmin: Local; vmax: Local;
  /** i8 only. */
  scales: Local; scalePtr: Local; q: RequantLocals | null;
  /** i8f only: the input scales' pointer and row stride, a row's scale splat, this panel's scales and bias. */
  inScales: Local; inStride: Local; inScale: Local; sv: Local[]; bv: Local[];
}

/**
 * `fma`: multiply-add with relaxed SIMD's f32x4.relaxed_madd (one fused instruction where the CPU has FMA,
 * results within float rounding of mul + add); otherwise f32x4.mul then f32x4.add.
 */
export function gemmF32(fma: boolean): FunctionDef {
  return {
    name: 'gemm_f32',
    // M, N, K, A, lda (bytes), B (packed), bias (padded), C, ldc (bytes), min, max
    params: ['i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'f32', 'f32'],
    emit: (c) => emitGemm(c, 'f32', undefined, fma),
  };
}

export const GEMM_I8F: FunctionDef = {
  name: 'gemm_i8f',
  // M, N, K pairs, A (int16), lda (bytes), B (packed), bias (float32, padded), C (float32), ldc (bytes),
  // weight scales (float32, padded), input scales (float32, one per row), their stride in bytes (0: one for
  // all rows), min, max
  params: ['i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'f32', 'f32'],
  emit: (c) => emitGemm(c, 'i8f'),
};

/**
 * The 8-bit GEMMs: int8 or uint8 output, 'float' (XNNPACK) or 'fixed' (TFLite builtin) requantization
 * (emit_requant.ts). A holds int16 (x − input zero point) and B int16 (w − filter zero point) in K pairs.
 */
function gemm8(out: OutByte, mode: Requant): FunctionDef {
  return {
    name: `gemm_${out}_${mode}`,
    // M, N, K pairs, A (int16), lda (bytes), B (packed), bias (int32, padded), C (8-bit), ldc (bytes),
    // per-channel params (float32 scales or int32 multipliers, padded), output zero point, actMin, actMax,
    // left shift, right shift ('fixed' only)
    params: Array.from({ length: 15 }, () => 'i32' as const),
    emit: (c) => emitGemm(c, 'i8', { out, mode }),
  };
}

export const GEMM_8BIT: readonly FunctionDef[] = [gemm8('i8', 'float'), gemm8('u8', 'float'), gemm8('i8', 'fixed'), gemm8('u8', 'fixed')];

function emitGemm(c: Code, kind: Kind, stage?: { out: OutByte; mode: Requant }, fma = false): void {
  const P = (i: number) => c.param(i);
  const L: GemmLocals = {
    kind, fma, M: P(0), N: P(1), K: P(2), A: P(3), lda: P(4), B: P(5), bias: P(6), C: P(7), ldc: P(8),
    m: c.local('i32'), p: c.local('i32'), panels: c.local('i32'), k: c.local('i32'), bp: c.local('i32'),
    nRem: c.local('i32'), b0: c.local('v128'), b1: c.local('v128'), av: c.local('v128'),
    rows: Array.from({ length: MR }, () => c.local('i32')),
    acc: Array.from({ length: 2 * MR }, () => c.local('v128')),
    vmin: c.local('v128'), vmax: c.local('v128'), scales: P(9), scalePtr: c.local('i32'), q: null,
    inScales: P(10), inStride: P(11), inScale: c.local('v128'), sv: [c.local('v128'), c.local('v128')], bv: [c.local('v128'), c.local('v128')],
  };
  if (kind === 'f32') {
    c.localGet(P(9)).f32x4Splat().localSet(L.vmin);
    c.localGet(P(10)).f32x4Splat().localSet(L.vmax);
  } else if (kind === 'i8f') {
    c.localGet(P(12)).f32x4Splat().localSet(L.vmin);
    c.localGet(P(13)).f32x4Splat().localSet(L.vmax);
  } else {
    L.q = requantLocals(c, stage!.out, stage!.mode, { zp: P(10), actMin: P(11), actMax: P(12), left: P(13), right: P(14) });
  }
  c.localGet(L.N).i32Const(7).i32Add().i32Const(3).i32ShrU().localSet(L.panels); // ceil(N / 8)
  c.forRowBlocks(L.m, L.M, MR, (rows) => emitRowBlock(c, L, rows));
}

/** Every panel for rows m..m+R-1. */
function emitRowBlock(c: Code, L: GemmLocals, R: number): void {
  const acc = (r: number, j: number) => L.acc[r * 2 + j]!;
  c.forRange(L.p, () => c.i32Const(0), () => c.localGet(L.panels), 1, () => {
    c.localGet(L.B).localGet(L.p).localGet(L.K).i32Mul().i32Const(5).i32Shl().i32Add().localSet(L.bp);
    for (let r = 0; r < R; r++) {
      for (let j = 0; j < 2; j++) {
        // Integer accumulators of hybrid GEMMs start at 0: the float bias is added in the epilogue.
        if (L.kind === 'i8f') c.i32Const(0).i32x4Splat().localSet(acc(r, j));
        else c.localGet(L.bias).localGet(L.p).i32Const(5).i32Shl().i32Add().v128Load(16 * j).localSet(acc(r, j));
      }
      c.localGet(L.A).localGet(L.m).i32Const(r).i32Add().localGet(L.lda).i32Mul().i32Add().localSet(L.rows[r]!);
    }
    c.localGet(L.K).localSet(L.k);
    c.block(() => c.loop(() => {
      c.localGet(L.k).i32Eqz().brIf(1);
      emitStep(c, L, R, acc);
      c.localGet(L.k).i32Const(1).i32Sub().localSet(L.k).br(0);
    }));
    if (L.kind === 'i8') emitStoreI8(c, L, R, acc);
    else emitStoreF32(c, L, R, acc);
  });
}

/** One K step: two B vectors at bp, one broadcast A value per row, 2·R multiply-adds; bumps the pointers. */
function emitStep(c: Code, L: GemmLocals, R: number, acc: (r: number, j: number) => Local): void {
  c.localGet(L.bp).v128Load(0).localSet(L.b0);
  c.localGet(L.bp).v128Load(16).localSet(L.b1);
  for (let r = 0; r < R; r++) {
    c.localGet(L.rows[r]!).v128Load32Splat().localSet(L.av);
    for (let j = 0; j < 2; j++) {
      const b = j === 0 ? L.b0 : L.b1;
      if (L.fma) c.localGet(L.av).localGet(b).localGet(acc(r, j)).f32x4RelaxedMadd();
      else {
        c.localGet(acc(r, j)).localGet(L.av).localGet(b);
        if (L.kind === 'f32') c.f32x4Mul().f32x4Add();
        else c.i32x4DotI16x8S().i32x4Add();
      }
      c.localSet(acc(r, j));
    }
    c.localGet(L.rows[r]!).i32Const(4).i32Add().localSet(L.rows[r]!);
  }
  c.localGet(L.bp).i32Const(32).i32Add().localSet(L.bp);
}

/** Output pointer of row m+r in panel p into the row's (now free) A pointer local. */
function rowOutput(c: Code, L: GemmLocals, r: number, elemShift: number): void {
  c.localGet(L.C).localGet(L.m).i32Const(r).i32Add().localGet(L.ldc).i32Mul().i32Add();
  c.localGet(L.p).i32Const(3 + elemShift).i32Shl().i32Add().localSet(L.rows[r]!);
}

function emitStoreF32(c: Code, L: GemmLocals, R: number, acc: (r: number, j: number) => Local): void {
  if (L.kind === 'i8f') {
    // LiteRT's hybrid epilogue, each step rounded to float32: (float)acc · input scale · weight scale + bias,
    // then the clamp with the reference's comparisons (pmax/pmin keep NaN where it does).
    for (let j = 0; j < 2; j++) {
      c.localGet(L.scales).localGet(L.p).i32Const(5).i32Shl().i32Add().v128Load(16 * j).localSet(L.sv[j]!);
      c.localGet(L.bias).localGet(L.p).i32Const(5).i32Shl().i32Add().v128Load(16 * j).localSet(L.bv[j]!);
    }
    for (let r = 0; r < R; r++) {
      c.localGet(L.inScales).localGet(L.m).i32Const(r).i32Add().localGet(L.inStride).i32Mul().i32Add().v128Load32Splat();
      c.localSet(L.inScale);
      for (let j = 0; j < 2; j++) {
        c.localGet(acc(r, j)).f32x4ConvertI32x4S().localGet(L.inScale).f32x4Mul().localGet(L.sv[j]!).f32x4Mul();
        c.localGet(L.bv[j]!).f32x4Add().localGet(L.vmin).f32x4Pmax().localGet(L.vmax).f32x4Pmin().localSet(acc(r, j));
      }
      rowOutput(c, L, r, 2);
    }
  } else {
    for (let r = 0; r < R; r++) {
      for (let j = 0; j < 2; j++) {
        c.localGet(acc(r, j)).localGet(L.vmin).f32x4Max().localGet(L.vmax).f32x4Min().localSet(acc(r, j));
      }
      rowOutput(c, L, r, 2);
    }
  }
  c.localGet(L.N).localGet(L.p).i32Const(3).i32Shl().i32Sub().localTee(L.nRem).i32Const(8).i32GeS();
  c.if(() => {
    for (let r = 0; r < R; r++) {
      for (let j = 0; j < 2; j++) c.localGet(L.rows[r]!).localGet(acc(r, j)).v128Store(16 * j);
    }
  }, () => {
    for (let r = 0; r < R; r++) {
      for (let j = 0; j < 2; j++) c.i32Const(TMP).localGet(acc(r, j)).v128Store(16 * j);
      c.localGet(L.rows[r]!).i32Const(TMP).localGet(L.nRem).i32Const(2).i32Shl().memoryCopy();
    }
  });
}

function emitStoreI8(c: Code, L: GemmLocals, R: number, acc: (r: number, j: number) => Local): void {
  c.localGet(L.scales).localGet(L.p).i32Const(5).i32Shl().i32Add().localSet(L.scalePtr);
  c.localGet(L.N).localGet(L.p).i32Const(3).i32Shl().i32Sub().localSet(L.nRem);
  for (let r = 0; r < R; r++) {
    rowOutput(c, L, r, 0);
    c.localGet(L.nRem).i32Const(8).i32GeS();
    c.if(() => {
      c.localGet(L.rows[r]!);
      requant8(c, L.q!, acc(r, 0), acc(r, 1), L.scalePtr);
      c.v128Store64Lane0();
    }, () => {
      c.i32Const(TMP);
      requant8(c, L.q!, acc(r, 0), acc(r, 1), L.scalePtr);
      c.v128Store();
      c.localGet(L.rows[r]!).i32Const(TMP).localGet(L.nRem).memoryCopy();
    });
  }
}
