/**
 * Emits `gemm_atb_f32`: C[M×N] += Aᵀ·B with A [D×M] and B [D×N] both row-major. This is the filter gradient's
 * product, dW[K×O] += patchesᵀ[K×P] · dy[P×O], with both operands in the layout they already have: the im2col
 * band (one row of K per output pixel) and dy in NHWC. Neither is transposed or packed, and C accumulates
 * across bands and images in place.
 *
 * Register-blocked like the runtime's GEMM: 3 rows of C × 8 columns (6 accumulators, two B vectors, one
 * broadcast A value); here each depth step reads the 3 A values next to each other in one A row. N must be a
 * multiple of 8: callers pad B's and C's rows with zero columns.
 */
import type { Code, FunctionDef, Local } from '@tflite-lambda/runtime/internal';

const MR = 3;

export const GEMM_ATB_F32: FunctionDef = {
  name: 'gemm_atb_f32',
  // M, N (multiple of 8), D, A, lda, B, ldb, C, ldc — addresses and strides in bytes
  params: ['i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32'],
  emit: (c) => {
    const P = (i: number) => c.param(i);
    const L: Locals = {
      M: P(0), N: P(1), D: P(2), A: P(3), lda: P(4), B: P(5), ldb: P(6), C: P(7), ldc: P(8),
      m: c.local('i32'), col: c.local('i32'), d: c.local('i32'), ap: c.local('i32'), bp: c.local('i32'), cp: c.local('i32'),
      b0: c.local('v128'), b1: c.local('v128'), av: c.local('v128'),
      acc: Array.from({ length: 2 * MR }, () => c.local('v128')),
    };
    c.forRowBlocks(L.m, L.M, MR, (rows) => rowBlock(c, L, rows));
  },
};

interface Locals {
  M: Local; N: Local; D: Local; A: Local; lda: Local; B: Local; ldb: Local; C: Local; ldc: Local;
  m: Local; col: Local; d: Local; ap: Local; bp: Local; cp: Local; b0: Local; b1: Local; av: Local; acc: Local[];
}

/** Rows m..m+R−1 of C, every block of 8 columns: load the accumulators, run the depth, store them back. */
function rowBlock(c: Code, L: Locals, R: number): void {
  const acc = (r: number, j: number) => L.acc[r * 2 + j]!;
  // col is a byte offset into a row of C (and of B): 32 bytes per block.
  c.forRange(L.col, () => c.i32Const(0), () => c.localGet(L.N).i32Const(2).i32Shl(), 32, () => {
    const rowOfC = (r: number) => {
      c.localGet(L.C).localGet(L.m).i32Const(r).i32Add().localGet(L.ldc).i32Mul().i32Add().localGet(L.col).i32Add();
      c.localSet(L.cp);
    };
    for (let r = 0; r < R; r++) {
      rowOfC(r);
      for (let j = 0; j < 2; j++) c.localGet(L.cp).v128Load(16 * j).localSet(acc(r, j));
    }
    c.localGet(L.A).localGet(L.m).i32Const(2).i32Shl().i32Add().localSet(L.ap);
    c.localGet(L.B).localGet(L.col).i32Add().localSet(L.bp);
    c.localGet(L.D).localSet(L.d);
    c.block(() => c.loop(() => {
      c.localGet(L.d).i32Eqz().brIf(1);
      c.localGet(L.bp).v128Load(0).localSet(L.b0);
      c.localGet(L.bp).v128Load(16).localSet(L.b1);
      for (let r = 0; r < R; r++) {
        c.localGet(L.ap).v128Load32Splat(4 * r).localSet(L.av);
        for (let j = 0; j < 2; j++) {
          c.localGet(acc(r, j)).localGet(L.av).localGet(j === 0 ? L.b0 : L.b1).f32x4Mul().f32x4Add().localSet(acc(r, j));
        }
      }
      c.localGet(L.ap).localGet(L.lda).i32Add().localSet(L.ap);
      c.localGet(L.bp).localGet(L.ldb).i32Add().localSet(L.bp);
      c.localGet(L.d).i32Const(1).i32Sub().localSet(L.d).br(0);
    }));
    for (let r = 0; r < R; r++) {
      rowOfC(r);
      for (let j = 0; j < 2; j++) c.localGet(L.cp).localGet(acc(r, j)).v128Store(16 * j);
    }
  });
}
