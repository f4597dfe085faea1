/**
 * The kernel module: every emitted function in one WebAssembly module over one imported memory. It is
 * generated and compiled on first use (a few kilobytes, about a millisecond), so nothing is built ahead of
 * time and nothing is fetched.
 */
import { assembleModule } from './emitter/module_writer.js';
import { ADD_I8 } from './emit_add.js';
import { DEPTHWISE_F32, DEPTHWISE_I8 } from './emit_depthwise.js';
import { GEMM_F32, GEMM_I8, GEMM_I8F } from './emit_gemm.js';
import { IM2COL_F32, IM2COL_I8 } from './emit_im2col.js';
import { AVG_POOL_F32, MAX_POOL_F32 } from './emit_pool.js';
import { QUANTIZE_I8 } from './emit_quantize.js';

type I = number;

/** The module's exports; all addresses and strides are in bytes. */
export interface KernelExports {
  gemm_f32(M: I, N: I, K: I, A: I, lda: I, B: I, bias: I, C: I, ldc: I, min: number, max: number): void;
  gemm_i8(M: I, N: I, Kpairs: I, A: I, lda: I, B: I, bias: I, C: I, ldc: I, scales: I, zp: I, actMin: I, actMax: I): void;
  gemm_i8f(M: I, N: I, Kpairs: I, A: I, lda: I, B: I, bias: I, C: I, ldc: I, wScales: I, inScale: number, min: number, max: number): void;
  quantize_i8(src: I, n: I, dst: I, invScale: number, zeroPoint: I): void;
  add_i8(a: I, b: I, out: I, n: I, aMul: I, bMul: I, bias: I, shift: I, min: I, max: I, zeroPoint: I): void;
  im2col_f32(input: I, inH: I, inW: I, inC: I, outW: I, fH: I, fW: I, sH: I, sW: I, dH: I, dW: I, padT: I, padL: I,
    oy0: I, count: I, dst: I): void;
  im2col_i8(input: I, inH: I, inW: I, inC: I, outW: I, fH: I, fW: I, sH: I, sW: I, dH: I, dW: I, padT: I, padL: I,
    oy0: I, count: I, dst: I, inputOffset: I, rowBytes: I): void;
  max_pool_f32(input: I, inH: I, inW: I, C: I, outH: I, outW: I, fH: I, fW: I, sH: I, sW: I, padT: I, padL: I, out: I,
    min: number, max: number): void;
  avg_pool_f32(input: I, inH: I, inW: I, C: I, outH: I, outW: I, fH: I, fW: I, sH: I, sW: I, padT: I, padL: I, out: I,
    min: number, max: number): void;
  depthwise_f32(input: I, inH: I, inW: I, C: I, outH: I, outW: I, fH: I, fW: I, sH: I, sW: I, dH: I, dW: I, padT: I,
    padL: I, W: I, bias: I, out: I, min: number, max: number): void;
  depthwise_i8(input: I, inH: I, inW: I, C: I, outH: I, outW: I, fH: I, fW: I, sH: I, sW: I, dH: I, dW: I, padT: I,
    padL: I, W: I, bias: I, out: I, scales: I, inputOffset: I, zp: I, actMin: I, actMax: I): void;
}

const FUNCTIONS = [GEMM_F32, GEMM_I8, GEMM_I8F, QUANTIZE_I8, IM2COL_F32, IM2COL_I8, DEPTHWISE_F32, DEPTHWISE_I8,
  MAX_POOL_F32, AVG_POOL_F32, ADD_I8];

export function kernelModuleBytes(): Uint8Array<ArrayBuffer> {
  return assembleModule(FUNCTIONS);
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

let compiled: WebAssembly.Module | null = null;

/**
 * Instantiates the kernel module over `memory`. The module is compiled once per process (synchronously: it is
 * tiny) and instantiated once per memory, which costs microseconds.
 */
export function instantiateKernels(memory: WebAssembly.Memory): KernelExports {
  compiled ??= new WebAssembly.Module(kernelModuleBytes());
  const instance = new WebAssembly.Instance(compiled, { env: { memory } });
  const fn = (name: keyof KernelExports): ((...args: number[]) => void) => {
    const f = instance.exports[name];
    if (typeof f !== 'function') throw new Error(`kernel module lacks export ${name}`);
    return f as (...args: number[]) => void;
  };
  return {
    gemm_f32: fn('gemm_f32'), gemm_i8: fn('gemm_i8'), gemm_i8f: fn('gemm_i8f'), quantize_i8: fn('quantize_i8'),
    im2col_f32: fn('im2col_f32'), im2col_i8: fn('im2col_i8'), max_pool_f32: fn('max_pool_f32'),
    avg_pool_f32: fn('avg_pool_f32'), depthwise_f32: fn('depthwise_f32'), depthwise_i8: fn('depthwise_i8'),
    add_i8: fn('add_i8'),
  };
}
