/**
 * The kernel module: every emitted function in one WebAssembly module over one imported memory. It is
 * generated and compiled on first use (a few kilobytes, about a millisecond), so nothing is built ahead of
 * time and nothing is fetched.
 */
import { assembleModule } from './emitter/module_writer.js';
import { ADD_I8 } from './emit_add.js';
import { COL2IM_ADD_F32, ROWS_INIT_F32 } from './emit_col2im.js';
import { BINARY_F32, CLAMP_F32, RELU_F32, type BinaryOpF32 } from './emit_elementwise.js';
import { DEPTHWISE_8BIT, depthwiseF32 } from './emit_depthwise.js';
import { GEMM_8BIT, gemmF32, GEMM_I8F } from './emit_gemm.js';
import { IM2COL_F32, IM2COL_I8, IM2COL_U8 } from './emit_im2col.js';
import { AVG_POOL_F32, MAX_POOL_F32, MAX_POOL_I8, MAX_POOL_U8 } from './emit_pool.js';
import { QUANTIZE_I8 } from './emit_quantize.js';

type I = number;

/** An 8-bit kernel flavour: int8 or uint8 activations, XNNPACK ('float') or TFLite builtin ('fixed') requantization. */
export type Q8 = 'i8_float' | 'u8_float' | 'i8_fixed' | 'u8_fixed';

export type BinaryF32 = (a: I, aOuter: I, aInner: I, b: I, bOuter: I, bInner: I, out: I, rows: I, cols: I, lo: number,
  hi: number) => void;
type Gemm8 = (M: I, N: I, Kpairs: I, A: I, lda: I, B: I, bias: I, C: I, ldc: I, params: I, zp: I, actMin: I, actMax: I,
  left: I, right: I) => void;
type Depthwise8 = (input: I, inH: I, inW: I, C: I, outH: I, outW: I, fH: I, fW: I, sH: I, sW: I, dH: I, dW: I, padT: I,
  padL: I, W: I, bias: I, out: I, params: I, inputOffset: I, zp: I, actMin: I, actMax: I, left: I, right: I) => void;

/** The module's exports; all addresses and strides are in bytes. */
export interface KernelExports {
  gemm_f32(M: I, N: I, K: I, A: I, lda: I, B: I, bias: I, C: I, ldc: I, min: number, max: number): void;
  /** The 8-bit GEMMs (emit_gemm.ts), by flavour. */
  gemm8: Readonly<Record<Q8, Gemm8>>;
  gemm_i8f(M: I, N: I, Kpairs: I, A: I, lda: I, B: I, bias: I, C: I, ldc: I, wScales: I, inScale: number, min: number, max: number): void;
  quantize_i8(src: I, n: I, dst: I, invScale: number, zeroPoint: I): void;
  add_i8(a: I, b: I, out: I, n: I, aMul: I, bMul: I, bias: I, shift: I, min: I, max: I, zeroPoint: I): void;
  im2col_f32(input: I, inH: I, inW: I, inC: I, outW: I, fH: I, fW: I, sH: I, sW: I, dH: I, dW: I, padT: I, padL: I,
    oy0: I, count: I, dst: I): void;
  im2col_i8(input: I, inH: I, inW: I, inC: I, outW: I, fH: I, fW: I, sH: I, sW: I, dH: I, dW: I, padT: I, padL: I,
    oy0: I, count: I, dst: I, inputOffset: I, rowBytes: I): void;
  im2col_u8(input: I, inH: I, inW: I, inC: I, outW: I, fH: I, fW: I, sH: I, sW: I, dH: I, dW: I, padT: I, padL: I,
    oy0: I, count: I, dst: I, inputOffset: I, rowBytes: I): void;
  max_pool_f32(input: I, inH: I, inW: I, C: I, outH: I, outW: I, fH: I, fW: I, sH: I, sW: I, padT: I, padL: I, out: I,
    min: number, max: number): void;
  max_pool_i8(input: I, inH: I, inW: I, C: I, outH: I, outW: I, fH: I, fW: I, sH: I, sW: I, padT: I, padL: I, out: I,
    actMin: I, actMax: I): void;
  max_pool_u8(input: I, inH: I, inW: I, C: I, outH: I, outW: I, fH: I, fW: I, sH: I, sW: I, padT: I, padL: I, out: I,
    actMin: I, actMax: I): void;
  avg_pool_f32(input: I, inH: I, inW: I, C: I, outH: I, outW: I, fH: I, fW: I, sH: I, sW: I, padT: I, padL: I, out: I,
    min: number, max: number): void;
  depthwise_f32(input: I, inH: I, inW: I, C: I, outH: I, outW: I, fH: I, fW: I, sH: I, sW: I, dH: I, dW: I, padT: I,
    padL: I, W: I, bias: I, out: I, min: number, max: number): void;
  relu_f32(src: I, dst: I, n: I): void;
  rows_init_f32(out: I, pixels: I, C: I, bias: I): void;
  col2im_add_f32(col: I, rows: I, inW: I, iy0: I, outH: I, outW: I, C: I, fH: I, fW: I, sH: I, sW: I, padT: I, padL: I, out: I): void;
  clamp_f32(src: I, dst: I, n: I, lo: number, hi: number): void;
  /** Element-wise float32 binary ops over a 2-D broadcast walk (emit_elementwise.ts), by op. */
  binaryF32: Readonly<Record<BinaryOpF32, BinaryF32>>;
  /** The 8-bit depthwise convolutions (emit_depthwise.ts), by flavour. */
  depthwise8: Readonly<Record<Q8, Depthwise8>>;
}

/** Every function of the module; `relaxed`: the float multiply-adds use relaxed SIMD's fused form. */
const functions = (relaxed: boolean) => [gemmF32(relaxed), ...GEMM_8BIT, GEMM_I8F, QUANTIZE_I8, IM2COL_F32, IM2COL_I8, IM2COL_U8, depthwiseF32(relaxed),
  ...DEPTHWISE_8BIT, MAX_POOL_F32, AVG_POOL_F32, ADD_I8, MAX_POOL_I8, MAX_POOL_U8, RELU_F32, CLAMP_F32, ...BINARY_F32,
  ROWS_INIT_F32, COL2IM_ADD_F32];

const BINARY_OPS: readonly BinaryOpF32[] = ['add', 'sub', 'mul', 'sqdiff', 'prelu'];

const Q8_FLAVOURS: readonly Q8[] = ['i8_float', 'u8_float', 'i8_fixed', 'u8_fixed'];

/** The kernel module's bytes; with `relaxedSimd` (default: whether the engine has it) its float FMA variant. */
export function kernelModuleBytes(relaxedSimd = relaxedSimdSupported()): Uint8Array<ArrayBuffer> {
  return assembleModule(functions(relaxedSimd));
}

let simd: boolean | undefined;

/**
 * A module with one function `i32.const 0; i32x4.splat; drop`: valid exactly when the engine has 128-bit
 * SIMD. Written out as bytes so the check costs nothing at cold start.
 */
const SIMD_PROBE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version
  0x01, 0x04, 0x01, 0x60, 0x00, 0x00, // type section: () -> ()
  0x03, 0x02, 0x01, 0x00, // function section: one function of type 0
  0x0a, 0x09, 0x01, 0x07, 0x00, 0x41, 0x00, 0xfd, 0x11, 0x1a, 0x0b, // code: i32.const 0, i32x4.splat, drop
]);

/** Whether this engine runs 128-bit WebAssembly SIMD. */
export function simdSupported(): boolean {
  simd ??= typeof WebAssembly === 'object' && WebAssembly.validate(SIMD_PROBE);
  return simd;
}

let relaxed: boolean | undefined;

/**
 * `f32x4.relaxed_madd` in a function `() -> ()`: valid exactly when the engine has WebAssembly relaxed SIMD
 * (on by default from Node 22; Node 20 only with --experimental-wasm-relaxed-simd).
 */
const RELAXED_PROBE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version
  0x01, 0x04, 0x01, 0x60, 0x00, 0x00, // type section: () -> ()
  0x03, 0x02, 0x01, 0x00, // function section: one function of type 0
  // code: three times (f32.const 0, f32x4.splat), f32x4.relaxed_madd, drop
  0x0a, 0x1d, 0x01, 0x1b, 0x00,
  0x43, 0x00, 0x00, 0x00, 0x00, 0xfd, 0x13,
  0x43, 0x00, 0x00, 0x00, 0x00, 0xfd, 0x13,
  0x43, 0x00, 0x00, 0x00, 0x00, 0xfd, 0x13,
  0xfd, 0x85, 0x02, 0x1a, 0x0b,
]);

/** Whether this engine runs WebAssembly relaxed SIMD (the kernels then use fused float multiply-adds). */
export function relaxedSimdSupported(): boolean {
  relaxed ??= simdSupported() && WebAssembly.validate(RELAXED_PROBE);
  return relaxed;
}

const compiled = new Map<boolean, WebAssembly.Module>();

/**
 * Instantiates the kernel module over `memory`. The module is compiled once per process and variant
 * (synchronously: it is small) and instantiated once per memory, which costs microseconds. `relaxedSimd`
 * picks the float FMA variant (default: whenever the engine has relaxed SIMD).
 */
export function instantiateKernels(memory: WebAssembly.Memory, relaxedSimd = relaxedSimdSupported()): KernelExports {
  let module = compiled.get(relaxedSimd);
  if (!module) {
    module = new WebAssembly.Module(kernelModuleBytes(relaxedSimd));
    compiled.set(relaxedSimd, module);
  }
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  const fn = (name: string): ((...args: number[]) => void) => {
    const f = instance.exports[name];
    if (typeof f !== 'function') throw new Error(`kernel module lacks export ${name}`);
    return f as (...args: number[]) => void;
  };
  const family = (prefix: string) => Object.fromEntries(Q8_FLAVOURS.map((q) => [q, fn(`${prefix}_${q}`)])) as Record<Q8, (...args: number[]) => void>;
  return {
    gemm_f32: fn('gemm_f32'), gemm8: family('gemm'), gemm_i8f: fn('gemm_i8f'), quantize_i8: fn('quantize_i8'),
    im2col_f32: fn('im2col_f32'), im2col_i8: fn('im2col_i8'), im2col_u8: fn('im2col_u8'), max_pool_f32: fn('max_pool_f32'),
    avg_pool_f32: fn('avg_pool_f32'), depthwise_f32: fn('depthwise_f32'), depthwise8: family('depthwise'),
    add_i8: fn('add_i8'), max_pool_i8: fn('max_pool_i8'), max_pool_u8: fn('max_pool_u8'),
    relu_f32: fn('relu_f32'), clamp_f32: fn('clamp_f32'), rows_init_f32: fn('rows_init_f32'), col2im_add_f32: fn('col2im_add_f32'),
    binaryF32: Object.fromEntries(BINARY_OPS.map((op) => [op, fn(`binary_f32_${op}`)])) as Record<BinaryOpF32, BinaryF32>,
  };
}
