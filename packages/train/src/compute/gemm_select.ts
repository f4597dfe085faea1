/**
 * The one place that chooses which GEMM the training kernels run on: the WebAssembly SIMD one when the engine
 * has SIMD, else the TypeScript one (which also stays the reference in tests). `setGemmImpl` switches at run
 * time so a benchmark can compare both in one process; worker threads receive the choice with each job.
 */
import { sgemm, type MatView } from './sgemm.js';
import { sgemmWasm, wasmGemmAvailable } from './sgemm_wasm.js';

export type GemmImpl = 'wasm' | 'ts';
export type Sgemm = (
  m: number, n: number, k: number, a: MatView, b: MatView, c: Float32Array, cOffset: number, ldc: number, accumulate: boolean,
) => void;

const DEFAULT_IMPL: GemmImpl = 'wasm';

let impl: GemmImpl = DEFAULT_IMPL === 'wasm' && wasmGemmAvailable() ? 'wasm' : 'ts';

export function gemmImpl(): GemmImpl {
  return impl;
}

/** Selects the GEMM; asking for wasm without WebAssembly SIMD keeps the TypeScript one. */
export function setGemmImpl(next: GemmImpl): void {
  impl = next === 'wasm' && wasmGemmAvailable() ? 'wasm' : 'ts';
}

/** C (row-major, leading dimension ldc, from cOffset) = A·B, or += when `accumulate`, on the selected GEMM. */
export const activeSgemm: Sgemm = (m, n, k, a, b, c, cOffset, ldc, accumulate) =>
  (impl === 'wasm' ? sgemmWasm : sgemm)(m, n, k, a, b, c, cOffset, ldc, accumulate);
