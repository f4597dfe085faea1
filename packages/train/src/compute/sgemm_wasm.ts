/**
 * The same GEMM as sgemm.ts — C[m×n] (=|+=) A[m×k] · B[k×n] over strided views — on the runtime's
 * WebAssembly SIMD micro-kernel. That kernel wants A row-major and B as packed panels of Bᵀ ([n][k] rows),
 * so operands are gathered into reusable JS scratch when their views are not already in that layout (a
 * transposed row-major B already is Bᵀ). Packed B lives in wasm memory, one slot per (n, k) shape, re-packed in
 * place on every call: training shapes repeat every batch, so wasm memory only grows the first time a shape
 * (or a larger scratch) is seen.
 */
import { gemm, packGemmWeights, simdSupported, type PackedGemmWeights } from '@tflite-lambda/runtime/internal';
import { trainKernels } from './train_wasm.js';
import type { MatView } from './sgemm.js';

const packed = new Map<string, PackedGemmWeights>();
let aScratch: Float32Array = new Float32Array(0);
let bScratch: Float32Array = new Float32Array(0);
let cScratch: Float32Array = new Float32Array(0);

function grow(buf: Float32Array, length: number): Float32Array {
  return buf.length >= length ? buf : new Float32Array(Math.max(length, Math.ceil(buf.length * 1.5)));
}

/** A as a contiguous row-major [m×k] array: the view itself when it already is one. */
function rowMajorA(a: MatView, m: number, k: number): Float32Array {
  if (a.colStride === 1 && (a.rowStride === k || m === 1)) return a.data.subarray(a.offset, a.offset + m * k);
  aScratch = grow(aScratch, m * k);
  gather(a, m, k, aScratch);
  return aScratch;
}

/** Bᵀ as a contiguous row-major [n×k] array: the view itself when B is a transposed row-major [n×k]. */
function transposedB(b: MatView, k: number, n: number): Float32Array {
  if (b.rowStride === 1 && (b.colStride === k || n === 1)) return b.data.subarray(b.offset, b.offset + n * k);
  bScratch = grow(bScratch, n * k);
  const bt = { data: b.data, offset: b.offset, rowStride: b.colStride, colStride: b.rowStride };
  gather(bt, n, k, bScratch);
  return bScratch;
}

/** Copies the [rows×cols] view into `out` row-major; the inner loop follows whichever stride is unit. */
function gather(v: MatView, rows: number, cols: number, out: Float32Array): void {
  const { data, offset, rowStride: rs, colStride: cs } = v;
  if (rs === 1 && cs !== 1) {
    // Column-contiguous source (a transpose): walk it sequentially, scatter into out.
    for (let j = 0; j < cols; j++) {
      const src = offset + j * cs;
      for (let i = 0, o = j; i < rows; i++, o += cols) out[o] = data[src + i];
    }
    return;
  }
  for (let i = 0, o = 0; i < rows; i++) {
    const src = offset + i * rs;
    for (let j = 0; j < cols; j++) out[o++] = data[src + j * cs];
  }
}

/** Bᵀ rows ([n][k], row-major) packed into the wasm slot for their shape, re-packed in place. */
export function packB(bt: Float32Array, n: number, k: number): PackedGemmWeights {
  const key = `${n}x${k}`;
  const slot = packed.get(key);
  const p = packGemmWeights(trainKernels().ctx, bt, n, k, null, slot);
  if (!slot) packed.set(key, p);
  return p;
}

/** Drop-in for sgemm() (same arguments, same result up to float rounding). */
export function sgemmWasm(
  m: number, n: number, k: number, a: MatView, b: MatView, c: Float32Array, cOffset: number, ldc: number, accumulate: boolean,
): void {
  if (m === 0 || n === 0) return;
  if (k === 0) {
    if (!accumulate) for (let i = 0; i < m; i++) c.fill(0, cOffset + i * ldc, cOffset + i * ldc + n);
    return;
  }
  const w = packB(transposedB(b, k, n), n, k);
  const av = rowMajorA(a, m, k);
  if (!accumulate && (ldc === n || m === 1)) {
    gemm(trainKernels().ctx, av, m, w, c.subarray(cOffset, cOffset + m * n));
    return;
  }
  cScratch = grow(cScratch, m * n);
  gemm(trainKernels().ctx, av, m, w, cScratch);
  for (let i = 0; i < m; i++) {
    const dst = cOffset + i * ldc;
    const src = i * n;
    if (accumulate) for (let j = 0; j < n; j++) c[dst + j] += cScratch[src + j];
    else for (let j = 0; j < n; j++) c[dst + j] = cScratch[src + j];
  }
}

export function wasmGemmAvailable(): boolean {
  return simdSupported();
}
