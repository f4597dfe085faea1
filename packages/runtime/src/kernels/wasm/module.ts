/**
 * The kernel module: every emitted function in one WebAssembly module over one imported memory. It is
 * generated and compiled on first use (a few kilobytes, about a millisecond), so nothing is built ahead of
 * time and nothing is fetched.
 */
import { Code } from './emitter/code.js';
import { assembleModule } from './emitter/module_writer.js';
import { DEPTHWISE_F32, DEPTHWISE_I8 } from './emit_depthwise.js';
import { GEMM_F32, GEMM_I8 } from './emit_gemm.js';
import { IM2COL_F32, IM2COL_I8 } from './emit_im2col.js';

type I = number;

/** The module's exports; all addresses and strides are in bytes. */
export interface KernelExports {
  gemm_f32(M: I, N: I, K: I, A: I, lda: I, B: I, bias: I, C: I, ldc: I, min: number, max: number): void;
  gemm_i8(M: I, N: I, Kpairs: I, A: I, lda: I, B: I, bias: I, C: I, ldc: I, scales: I, zp: I, actMin: I, actMax: I): void;
  im2col_f32(input: I, inH: I, inW: I, inC: I, outW: I, fH: I, fW: I, sH: I, sW: I, dH: I, dW: I, padT: I, padL: I,
    oy0: I, count: I, dst: I): void;
  im2col_i8(input: I, inH: I, inW: I, inC: I, outW: I, fH: I, fW: I, sH: I, sW: I, dH: I, dW: I, padT: I, padL: I,
    oy0: I, count: I, dst: I, inputOffset: I, rowBytes: I): void;
  depthwise_f32(input: I, inH: I, inW: I, C: I, outH: I, outW: I, fH: I, fW: I, sH: I, sW: I, dH: I, dW: I, padT: I,
    padL: I, W: I, bias: I, out: I, min: number, max: number): void;
  depthwise_i8(input: I, inH: I, inW: I, C: I, outH: I, outW: I, fH: I, fW: I, sH: I, sW: I, dH: I, dW: I, padT: I,
    padL: I, W: I, bias: I, out: I, scales: I, inputOffset: I, zp: I, actMin: I, actMax: I): void;
}

const FUNCTIONS = [GEMM_F32, GEMM_I8, IM2COL_F32, IM2COL_I8, DEPTHWISE_F32, DEPTHWISE_I8];

export function kernelModuleBytes(): Uint8Array<ArrayBuffer> {
  return assembleModule(FUNCTIONS);
}

let simd: boolean | undefined;

/** Whether this engine runs 128-bit WebAssembly SIMD (validates a one-instruction SIMD module). */
export function simdSupported(): boolean {
  if (simd === undefined) {
    const probe = assembleModule([{
      name: 'probe', params: [], emit: (c: Code) => { c.i32Const(0).i32x4Splat().drop(); },
    }]);
    simd = typeof WebAssembly === 'object' && WebAssembly.validate(probe);
  }
  return simd;
}

/** Compiles and instantiates the kernel module over `memory` (synchronously: the module is tiny). */
export function instantiateKernels(memory: WebAssembly.Memory): KernelExports {
  const module = new WebAssembly.Module(kernelModuleBytes());
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  const fn = (name: keyof KernelExports): ((...args: number[]) => void) => {
    const f = instance.exports[name];
    if (typeof f !== 'function') throw new Error(`kernel module lacks export ${name}`);
    return f as (...args: number[]) => void;
  };
  return {
    gemm_f32: fn('gemm_f32'), gemm_i8: fn('gemm_i8'), im2col_f32: fn('im2col_f32'), im2col_i8: fn('im2col_i8'),
    depthwise_f32: fn('depthwise_f32'), depthwise_i8: fn('depthwise_i8'),
  };
}
