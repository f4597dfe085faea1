/**
 * Training's WebAssembly memory and its own kernels. Training gets a memory of its own (a runtime WasmContext:
 * the runtime's kernel module over it, for GEMM and im2col), never an interpreter's; training's own module
 * (the filter gradient's Aᵀ·B kernel) is instantiated over the same memory so both work on the same scratch.
 * Kept out of the runtime so the serving bundle carries none of it. One per thread (each worker has its
 * own), made on first use, and kept for the life of the thread: training reuses it every step.
 */
import { assembleModule, WasmContext } from '@tflite-lambda/runtime/internal';
import { GEMM_ATB_F32 } from './emit_gemm_atb.js';

type I = number;

export interface TrainKernels {
  readonly ctx: WasmContext;
  /** C[M×N] += Aᵀ·B (A [D×M], B [D×N]); N a multiple of 8; addresses and strides in bytes. */
  gemm_atb_f32(M: I, N: I, D: I, A: I, lda: I, B: I, ldb: I, C: I, ldc: I): void;
}

let kernels: TrainKernels | null = null;

/** The kernels; throws the runtime's UnsupportedError when WebAssembly SIMD is missing. */
export function trainKernels(): TrainKernels {
  if (kernels) return kernels;
  const ctx = new WasmContext();
  const module = new WebAssembly.Module(assembleModule([GEMM_ATB_F32]));
  const instance = new WebAssembly.Instance(module, { env: { memory: ctx.memory } });
  const gemmAtb = instance.exports.gemm_atb_f32;
  if (typeof gemmAtb !== 'function') throw new Error('training kernel module lacks gemm_atb_f32');
  kernels = { ctx, gemm_atb_f32: gemmAtb as TrainKernels['gemm_atb_f32'] };
  return kernels;
}
