/**
 * Emits the float32 element-wise kernels, 4 lanes per step, each lane computing exactly what the TypeScript
 * reference computes (the same single IEEE operation; comparisons in the same order, so NaN and the clamp
 * bounds come out the same):
 *
 * - `relu_f32(src, dst, n)`: x > 0 ? x : 0 (f32x4.pmax(0, x));
 * - `clamp_f32(src, dst, n, lo, hi)`: x < lo ? lo : x > hi ? hi : x (RELU6, RELU_N1_TO_1);
 * - `binary_f32_<op>(a, aOuter, aInner, b, bOuter, bInner, out, rows, cols, lo, hi)`: a 2-D walk of a
 *   broadcast plan: out[r·cols + i] = op(a[r·aOuter + i·aInner], b[r·bOuter + i·bInner]) then the fused clamp,
 *   with inner strides 0 (the value splatted once per row) or 1; ops add, sub, mul, squared difference and
 *   PRELU (x ≥ 0 ? x : x·α).
 *
 * Strides are in elements, addresses in bytes. The last partial vector of a row reads past it (slack) and is
 * stored through TMP.
 */
import type { Code, Local } from './emitter/code.js';
import type { FunctionDef } from './emitter/module_writer.js';
import { TMP } from './emit_gemm.js';

export type BinaryOpF32 = 'add' | 'sub' | 'mul' | 'sqdiff' | 'prelu';

/** Stores vector local `v` at `dst + 4·i`, whole or (when fewer than 4 remain before `n`) through TMP. */
function storeTail(c: Code, v: Local, dst: Local, i: Local, n: Local): void {
  const rem = c.local('i32');
  c.localGet(n).localGet(i).i32Sub().localTee(rem).i32Const(4).i32GeS();
  c.if(() => {
    c.localGet(dst).localGet(i).i32Const(2).i32Shl().i32Add().localGet(v).v128Store();
  }, () => {
    c.i32Const(TMP).localGet(v).v128Store();
    c.localGet(dst).localGet(i).i32Const(2).i32Shl().i32Add().i32Const(TMP).localGet(rem).i32Const(2).i32Shl().memoryCopy();
  });
}

function emitUnary(c: Code, clamp: boolean): void {
  const [src, dst, n] = [c.param(0), c.param(1), c.param(2)];
  const lo = c.local('v128');
  const hi = c.local('v128');
  const v = c.local('v128');
  const i = c.local('i32');
  if (clamp) {
    c.localGet(c.param(3)).f32x4Splat().localSet(lo);
    c.localGet(c.param(4)).f32x4Splat().localSet(hi);
  } else {
    c.f32Const(0).f32x4Splat().localSet(lo);
  }
  c.forRange(i, () => c.i32Const(0), () => c.localGet(n), 4, () => {
    c.localGet(src).localGet(i).i32Const(2).i32Shl().i32Add().v128Load().localSet(v);
    if (clamp) c.localGet(v).localGet(lo).f32x4Pmax().localGet(hi).f32x4Pmin().localSet(v);
    else c.localGet(lo).localGet(v).f32x4Pmax().localSet(v);
    storeTail(c, v, dst, i, n);
  });
}

export const RELU_F32: FunctionDef = { name: 'relu_f32', params: ['i32', 'i32', 'i32'], emit: (c) => emitUnary(c, false) };
export const CLAMP_F32: FunctionDef = { name: 'clamp_f32', params: ['i32', 'i32', 'i32', 'f32', 'f32'], emit: (c) => emitUnary(c, true) };

/** Leaves op(va, vb) on the stack. */
function applyOp(c: Code, op: BinaryOpF32, va: Local, vb: Local): void {
  switch (op) {
    case 'add': c.localGet(va).localGet(vb).f32x4Add(); return;
    case 'sub': c.localGet(va).localGet(vb).f32x4Sub(); return;
    case 'mul': c.localGet(va).localGet(vb).f32x4Mul(); return;
    case 'sqdiff': {
      const d = c.local('v128');
      c.localGet(va).localGet(vb).f32x4Sub().localTee(d).localGet(d).f32x4Mul();
      return;
    }
    case 'prelu':
      c.localGet(va).localGet(va).localGet(vb).f32x4Mul();
      c.localGet(va).f32Const(0).f32x4Splat().f32x4Ge().v128Bitselect();
  }
}

function emitBinary(c: Code, op: BinaryOpF32): void {
  const [a, aOuter, aInner, b, bOuter, bInner, out, rows, cols] = Array.from({ length: 9 }, (_, k) => c.param(k));
  const [lo, hi, va, vb, v] = Array.from({ length: 5 }, () => c.local('v128'));
  const [r, i, pa, pb, po] = Array.from({ length: 5 }, () => c.local('i32'));
  c.localGet(c.param(9)).f32x4Splat().localSet(lo);
  c.localGet(c.param(10)).f32x4Splat().localSet(hi);
  /** Loads operand vector `dst` at `p + 4·i` when its inner stride is 1 (else it holds the row's splat). */
  const load = (stride: Local, p: Local, dst: Local) => {
    c.localGet(stride).if(() => c.localGet(p).localGet(i).i32Const(2).i32Shl().i32Add().v128Load().localSet(dst));
  };
  c.forRange(r, () => c.i32Const(0), () => c.localGet(rows), 1, () => {
    c.localGet(a).localGet(r).localGet(aOuter).i32Mul().i32Const(2).i32Shl().i32Add().localSet(pa);
    c.localGet(b).localGet(r).localGet(bOuter).i32Mul().i32Const(2).i32Shl().i32Add().localSet(pb);
    c.localGet(out).localGet(r).localGet(cols).i32Mul().i32Const(2).i32Shl().i32Add().localSet(po);
    c.localGet(aInner).i32Eqz().if(() => c.localGet(pa).v128Load32Splat().localSet(va));
    c.localGet(bInner).i32Eqz().if(() => c.localGet(pb).v128Load32Splat().localSet(vb));
    c.forRange(i, () => c.i32Const(0), () => c.localGet(cols), 4, () => {
      load(aInner, pa, va);
      load(bInner, pb, vb);
      applyOp(c, op, va, vb);
      if (op !== 'prelu') c.localGet(lo).f32x4Pmax().localGet(hi).f32x4Pmin();
      c.localSet(v);
      storeTail(c, v, po, i, cols);
    });
  });
}

const BINARY_PARAMS = [...Array.from({ length: 9 }, () => 'i32' as const), 'f32' as const, 'f32' as const];

export const BINARY_F32: readonly FunctionDef[] = (['add', 'sub', 'mul', 'sqdiff', 'prelu'] as const).map((op) => ({
  name: `binary_f32_${op}`, params: BINARY_PARAMS, emit: (c: Code) => emitBinary(c, op),
}));
