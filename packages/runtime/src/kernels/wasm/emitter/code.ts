/**
 * Writes one function body instruction by instruction. Methods are named after the WebAssembly text format
 * (`i32Add` is `i32.add`); structured control flow takes a callback for its body so blocks always close.
 * Only the instructions our kernels use are here; opcodes are from the WebAssembly core and SIMD specs.
 */
import { ByteWriter } from './bytes.js';

export type ValType = 'i32' | 'i64' | 'f32' | 'v128';
export const VALTYPE: Record<ValType, number> = { i32: 0x7f, i64: 0x7e, f32: 0x7d, v128: 0x7b };

/** A local variable (or parameter) index. */
export type Local = number & { readonly __local: true };

const SIMD = 0xfd;
const BULK = 0xfc;

/** SIMD opcodes (after the 0xfd prefix). */
const V = {
  load: 0, load8x8_s: 1, load8x8_u: 2, load32_splat: 9, store: 11, shuffle: 13, i16x8_splat: 16, i32x4_splat: 17,
  i8x16_splat: 15, i64x2_splat: 18, f32x4_splat: 19, i8x16_min_s: 118, i8x16_min_u: 119, i8x16_max_s: 120, i8x16_max_u: 121, i32x4_gt_s: 59, f32x4_ge: 70, v128_and: 78, v128_bitselect: 82, i8x16_narrow_i16x8_u: 102,
  store32_lane: 90, store64_lane: 91, i8x16_narrow_i16x8_s: 101, f32x4_nearest: 106, i16x8_narrow_i32x4_s: 133, i16x8_add: 142,
  i32x4_extend_low_i16x8_s: 167, i32x4_extend_high_i16x8_s: 168, i32x4_shl: 171, i32x4_shr_s: 172, i32x4_add: 174, i32x4_sub: 177, i32x4_mul: 181, i32x4_min_s: 182, i32x4_max_s: 184, i32x4_dot_i16x8_s: 186, i32x4_extmul_low_i16x8_s: 188,
  i32x4_extmul_high_i16x8_s: 189, f32x4_add: 228, f32x4_sub: 229, f32x4_mul: 230, f32x4_div: 231, f32x4_min: 232, f32x4_max: 233, f32x4_pmin: 234, f32x4_pmax: 235,
  i64x2_shr_s: 204, i64x2_add: 206, i64x2_extmul_low_i32x4_s: 220, i64x2_extmul_high_i32x4_s: 221,
  i32x4_trunc_sat_f32x4_s: 248, f32x4_convert_i32x4_s: 250,
  // Relaxed SIMD (enabled by default from Node 22; detected at load, see module.ts).
  f32x4_relaxed_madd: 0x105,
} as const;

export class Code {
  readonly body = new ByteWriter();
  private readonly localTypes: ValType[] = [];

  constructor(private readonly paramCount: number) {}

  /** Parameter `i` as a local. */
  param(i: number): Local {
    return i as Local;
  }

  /** Declares a new local of `type`. */
  local(type: ValType): Local {
    this.localTypes.push(type);
    return (this.paramCount + this.localTypes.length - 1) as Local;
  }

  /** The encoded body: local declarations (run-length grouped), instructions, `end`. */
  encode(): ByteWriter {
    const out = new ByteWriter();
    const groups: [number, ValType][] = [];
    for (const t of this.localTypes) {
      const last = groups[groups.length - 1];
      if (last && last[1] === t) last[0]++;
      else groups.push([1, t]);
    }
    out.u32(groups.length);
    for (const [n, t] of groups) out.u32(n).byte(VALTYPE[t]);
    out.bytes(this.body.finish()).byte(0x0b);
    return out;
  }

  // ---- control flow -------------------------------------------------------------------------------------
  /** `block … end`: `br(0)` inside jumps past the end. */
  block(body: () => void): this {
    this.body.byte(0x02).byte(0x40);
    body();
    this.body.byte(0x0b);
    return this;
  }
  /** `loop … end`: `br(0)` inside jumps back to the start. */
  loop(body: () => void): this {
    this.body.byte(0x03).byte(0x40);
    body();
    this.body.byte(0x0b);
    return this;
  }
  /** Pops an i32 condition: runs `then` when non-zero, else `otherwise`. */
  if(then: () => void, otherwise?: () => void): this {
    this.body.byte(0x04).byte(0x40);
    then();
    if (otherwise) {
      this.body.byte(0x05);
      otherwise();
    }
    this.body.byte(0x0b);
    return this;
  }
  br(depth: number): this { this.body.byte(0x0c).u32(depth); return this; }
  brIf(depth: number): this { this.body.byte(0x0d).u32(depth); return this; }

  /**
   * `for (i = from; i < to; i += step)` over i32 locals/values: `from`/`to` are emitters pushing an i32.
   * The body runs zero times when from >= to.
   */
  forRange(i: Local, from: () => void, to: () => void, step: number, body: () => void): this {
    from();
    this.localSet(i);
    return this.block(() => {
      this.loop(() => {
        this.localGet(i); to(); this.i32GeS(); this.brIf(1);
        body();
        this.localGet(i).i32Const(step).i32Add().localSet(i);
        this.br(0);
      });
    });
  }

  /**
   * Register-blocked row loops: `body(size)` for i = 0, size, 2·size, … while a whole block of `size` is left
   * before `count` (a local), then `body(1)` for each row left over; `body` emits code for rows i..i+rows−1.
   */
  forRowBlocks(i: Local, count: Local, size: number, body: (rows: number) => void): this {
    this.i32Const(0).localSet(i);
    this.block(() => this.loop(() => {
      this.localGet(count).localGet(i).i32Sub().i32Const(size).i32LtS().brIf(1);
      body(size);
      this.localGet(i).i32Const(size).i32Add().localSet(i).br(0);
    }));
    return this.block(() => this.loop(() => {
      this.localGet(i).localGet(count).i32GeS().brIf(1);
      body(1);
      this.localGet(i).i32Const(1).i32Add().localSet(i).br(0);
    }));
  }

  // ---- locals and constants -----------------------------------------------------------------------------
  localGet(l: Local): this { this.body.byte(0x20).u32(l); return this; }
  localSet(l: Local): this { this.body.byte(0x21).u32(l); return this; }
  localTee(l: Local): this { this.body.byte(0x22).u32(l); return this; }
  i32Const(v: number): this { this.body.byte(0x41).s32(v); return this; }
  f32Const(v: number): this { this.body.byte(0x43).f32(v); return this; }
  /** i64.const of a value that fits in 32 signed bits (its LEB128 bytes are the same as i32's). */
  i64Const(v: number): this { this.body.byte(0x42).s32(v); return this; }
  drop(): this { this.body.byte(0x1a); return this; }
  select(): this { this.body.byte(0x1b); return this; }

  // ---- scalar memory (memarg: log2 alignment, static offset) --------------------------------------------
  private mem(op: number, align: number, offset: number): this {
    this.body.byte(op).u32(align).u32(offset);
    return this;
  }
  i32Load(offset = 0): this { return this.mem(0x28, 2, offset); }
  f32Load(offset = 0): this { return this.mem(0x2a, 2, offset); }
  i32Load8S(offset = 0): this { return this.mem(0x2c, 0, offset); }
  i32Load8U(offset = 0): this { return this.mem(0x2d, 0, offset); }
  i32Load16U(offset = 0): this { return this.mem(0x2f, 1, offset); }
  i32Store(offset = 0): this { return this.mem(0x36, 2, offset); }
  f32Store(offset = 0): this { return this.mem(0x38, 2, offset); }
  i32Store8(offset = 0): this { return this.mem(0x3a, 0, offset); }
  i32Store16(offset = 0): this { return this.mem(0x3b, 1, offset); }
  /** memory.copy(dst, src, n) — operands pushed in that order. */
  memoryCopy(): this { this.body.byte(BULK).u32(10).byte(0).byte(0); return this; }
  /** memory.fill(dst, byte, n). */
  memoryFill(): this { this.body.byte(BULK).u32(11).byte(0); return this; }

  // ---- i32 arithmetic -----------------------------------------------------------------------------------
  i32Eqz(): this { this.body.byte(0x45); return this; }
  i32Eq(): this { this.body.byte(0x46); return this; }
  i32Ne(): this { this.body.byte(0x47); return this; }
  i32LtS(): this { this.body.byte(0x48); return this; }
  i32LtU(): this { this.body.byte(0x49); return this; }
  i32GtS(): this { this.body.byte(0x4a); return this; }
  i32LeS(): this { this.body.byte(0x4c); return this; }
  i32GeS(): this { this.body.byte(0x4e); return this; }
  i32Add(): this { this.body.byte(0x6a); return this; }
  i32Sub(): this { this.body.byte(0x6b); return this; }
  i32Mul(): this { this.body.byte(0x6c); return this; }
  i32And(): this { this.body.byte(0x71); return this; }
  i32Xor(): this { this.body.byte(0x73); return this; }
  i32Shl(): this { this.body.byte(0x74); return this; }
  i32ShrU(): this { this.body.byte(0x76); return this; }
  f32ConvertI32S(): this { this.body.byte(0xb2); return this; }
  f32Add(): this { this.body.byte(0x92); return this; }

  // ---- SIMD ---------------------------------------------------------------------------------------------
  private simd(op: number): this { this.body.byte(SIMD).u32(op); return this; }
  private simdMem(op: number, align: number, offset: number): this {
    this.simd(op).body.u32(align).u32(offset);
    return this;
  }
  v128Load(offset = 0): this { return this.simdMem(V.load, 4, offset); }
  v128Store(offset = 0): this { return this.simdMem(V.store, 4, offset); }
  /** Loads 8 int8 values and sign-extends them to i16x8. */
  i16x8Load8x8S(offset = 0): this { return this.simdMem(V.load8x8_s, 3, offset); }
  /** Loads 8 uint8 values and zero-extends them to i16x8. */
  i16x8Load8x8U(offset = 0): this { return this.simdMem(V.load8x8_u, 3, offset); }
  /** Loads one 32-bit value into every lane. */
  v128Load32Splat(offset = 0): this { return this.simdMem(V.load32_splat, 2, offset); }
  /** Stores the low 64 bits (lane 0 of i64x2). */
  v128Store64Lane0(offset = 0): this { this.simdMem(V.store64_lane, 3, offset).body.byte(0); return this; }
  /** Stores the low 32 bits (lane 0 of i32x4). */
  v128Store32Lane0(offset = 0): this { this.simdMem(V.store32_lane, 2, offset).body.byte(0); return this; }
  /** Picks 16 bytes from the two operands (indices 0-15 the first, 16-31 the second). */
  i8x16Shuffle(lanes: readonly number[]): this {
    this.simd(V.shuffle);
    for (const l of lanes) this.body.byte(l);
    return this;
  }
  i16x8Splat(): this { return this.simd(V.i16x8_splat); }
  i64x2Splat(): this { return this.simd(V.i64x2_splat); }
  i8x16Splat(): this { return this.simd(V.i8x16_splat); }
  i8x16MinS(): this { return this.simd(V.i8x16_min_s); }
  i8x16MinU(): this { return this.simd(V.i8x16_min_u); }
  i8x16MaxS(): this { return this.simd(V.i8x16_max_s); }
  i8x16MaxU(): this { return this.simd(V.i8x16_max_u); }
  v128And(): this { return this.simd(V.v128_and); }
  i32x4GtS(): this { return this.simd(V.i32x4_gt_s); }
  i32x4Sub(): this { return this.simd(V.i32x4_sub); }
  /** Shift left of every lane by an i32 count. */
  i32x4Shl(): this { return this.simd(V.i32x4_shl); }
  i64x2Add(): this { return this.simd(V.i64x2_add); }
  /** Arithmetic shift right of both 64-bit lanes by an i32 count. */
  i64x2ShrS(): this { return this.simd(V.i64x2_shr_s); }
  i64x2ExtmulLowI32x4S(): this { return this.simd(V.i64x2_extmul_low_i32x4_s); }
  i64x2ExtmulHighI32x4S(): this { return this.simd(V.i64x2_extmul_high_i32x4_s); }
  i8x16NarrowI16x8U(): this { return this.simd(V.i8x16_narrow_i16x8_u); }
  /** a·b + c with or without intermediate rounding, as the engine prefers (relaxed SIMD). */
  f32x4RelaxedMadd(): this { return this.simd(V.f32x4_relaxed_madd); }
  i32x4Splat(): this { return this.simd(V.i32x4_splat); }
  f32x4Splat(): this { return this.simd(V.f32x4_splat); }
  f32x4Add(): this { return this.simd(V.f32x4_add); }
  f32x4Mul(): this { return this.simd(V.f32x4_mul); }
  f32x4Sub(): this { return this.simd(V.f32x4_sub); }
  /** b < a ? b : a per lane (NaN in a kept), as JavaScript's `x > hi ? hi : x` with a = x. */
  f32x4Pmin(): this { return this.simd(V.f32x4_pmin); }
  /** a < b ? b : a per lane (NaN in a kept), as JavaScript's `x < lo ? lo : x` with a = x. */
  f32x4Pmax(): this { return this.simd(V.f32x4_pmax); }
  /** All-ones lanes where a ≥ b. */
  f32x4Ge(): this { return this.simd(V.f32x4_ge); }
  /** (a & mask) | (b & ~mask) for operands a, b, mask. */
  v128Bitselect(): this { return this.simd(V.v128_bitselect); }
  f32x4Div(): this { return this.simd(V.f32x4_div); }
  f32x4Min(): this { return this.simd(V.f32x4_min); }
  f32x4Max(): this { return this.simd(V.f32x4_max); }
  f32x4Nearest(): this { return this.simd(V.f32x4_nearest); }
  f32x4ConvertI32x4S(): this { return this.simd(V.f32x4_convert_i32x4_s); }
  i32x4TruncSatF32x4S(): this { return this.simd(V.i32x4_trunc_sat_f32x4_s); }
  i16x8Add(): this { return this.simd(V.i16x8_add); }
  i32x4Add(): this { return this.simd(V.i32x4_add); }
  i32x4Mul(): this { return this.simd(V.i32x4_mul); }
  /** Arithmetic shift right of every lane by an i32 count. */
  i32x4ShrS(): this { return this.simd(V.i32x4_shr_s); }
  i32x4ExtendLowI16x8S(): this { return this.simd(V.i32x4_extend_low_i16x8_s); }
  i32x4ExtendHighI16x8S(): this { return this.simd(V.i32x4_extend_high_i16x8_s); }
  i32x4MinS(): this { return this.simd(V.i32x4_min_s); }
  i32x4MaxS(): this { return this.simd(V.i32x4_max_s); }
  i32x4DotI16x8S(): this { return this.simd(V.i32x4_dot_i16x8_s); }
  i32x4ExtmulLowI16x8S(): this { return this.simd(V.i32x4_extmul_low_i16x8_s); }
  i32x4ExtmulHighI16x8S(): this { return this.simd(V.i32x4_extmul_high_i16x8_s); }
  i16x8NarrowI32x4S(): this { return this.simd(V.i16x8_narrow_i32x4_s); }
  i8x16NarrowI16x8S(): this { return this.simd(V.i8x16_narrow_i16x8_s); }
}
