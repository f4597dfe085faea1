/**
 * Blocked single-precision GEMM in plain TypeScript: C[m×n] (=|+=) A[m×k] · B[k×n]. Operands are strided
 * views, so transposed operands cost nothing extra: packing reads them through their strides into
 * contiguous panels (MR rows of A, NR columns of B) that a 4×4 register-blocked micro-kernel streams through.
 * This is the reference/fallback of the GEMM the WebAssembly SIMD module will provide with the same signature.
 */
export interface MatView {
  readonly data: Float32Array;
  readonly offset: number;
  /** Distance between rows (i → i+1) and columns (j → j+1). Row-major: rowStride = cols, colStride = 1. */
  readonly rowStride: number;
  readonly colStride: number;
}

export const MR = 4;
export const NR = 4;
/** Depth of a K block: a packed A block (MC×KC) and one B panel (KC×NR) stay in L1/L2. */
const KC = 256;
const MC = 128;

export function rowMajor(data: Float32Array, cols: number, offset = 0): MatView {
  return { data, offset, rowStride: cols, colStride: 1 };
}

/** The transpose of a view (no copy). */
export function transposed(v: MatView): MatView {
  return { data: v.data, offset: v.offset, rowStride: v.colStride, colStride: v.rowStride };
}

interface Scratch {
  a: Float32Array;
  b: Float32Array;
}
let scratch: Scratch = { a: new Float32Array(MC * KC), b: new Float32Array(KC * 64) };

function scratchFor(n: number): Scratch {
  const bLen = KC * Math.ceil(n / NR) * NR;
  if (scratch.b.length < bLen) scratch = { a: scratch.a, b: new Float32Array(bLen) };
  return scratch;
}

/** C (row-major with leading dimension ldc, from cOffset) = A·B, or += when `accumulate`. */
export function sgemm(
  m: number,
  n: number,
  k: number,
  a: MatView,
  b: MatView,
  c: Float32Array,
  cOffset: number,
  ldc: number,
  accumulate: boolean,
): void {
  if (!accumulate) for (let i = 0; i < m; i++) c.fill(0, cOffset + i * ldc, cOffset + i * ldc + n);
  if (k === 0 || m === 0 || n === 0) return;
  const s = scratchFor(n);
  for (let k0 = 0; k0 < k; k0 += KC) {
    const kc = Math.min(KC, k - k0);
    packB(b, k0, kc, n, s.b);
    for (let m0 = 0; m0 < m; m0 += MC) {
      const mc = Math.min(MC, m - m0);
      packA(a, m0, mc, k0, kc, s.a);
      for (let j0 = 0; j0 < n; j0 += NR) {
        const bPanel = (j0 / NR) * kc * NR;
        for (let i0 = 0; i0 < mc; i0 += MR) {
          kernel4x4(kc, s.a, (i0 / MR) * kc * MR, s.b, bPanel, c, cOffset + (m0 + i0) * ldc + j0, ldc,
            Math.min(MR, mc - i0), Math.min(NR, n - j0));
        }
      }
    }
  }
}

/** Rows m0..m0+mc of A, depth k0..k0+kc, as panels of MR rows laid out k-major; ragged rows are zero. */
function packA(a: MatView, m0: number, mc: number, k0: number, kc: number, out: Float32Array): void {
  const { data, rowStride: rs, colStride: cs } = a;
  let o = 0;
  for (let i0 = 0; i0 < mc; i0 += MR) {
    const rows = Math.min(MR, mc - i0);
    for (let kk = 0; kk < kc; kk++) {
      const base = a.offset + (m0 + i0) * rs + (k0 + kk) * cs;
      for (let r = 0; r < MR; r++) out[o++] = r < rows ? data[base + r * rs] : 0;
    }
  }
}

/** Depth k0..k0+kc of B as panels of NR columns laid out k-major; ragged columns are zero. */
function packB(b: MatView, k0: number, kc: number, n: number, out: Float32Array): void {
  const { data, rowStride: rs, colStride: cs } = b;
  let o = 0;
  for (let j0 = 0; j0 < n; j0 += NR) {
    const cols = Math.min(NR, n - j0);
    for (let kk = 0; kk < kc; kk++) {
      const base = b.offset + (k0 + kk) * rs + j0 * cs;
      if (cols === NR && cs === 1) {
        out[o] = data[base];
        out[o + 1] = data[base + 1];
        out[o + 2] = data[base + 2];
        out[o + 3] = data[base + 3];
        o += 4;
      } else {
        for (let c = 0; c < NR; c++) out[o++] = c < cols ? data[base + c * cs] : 0;
      }
    }
  }
}

/** The micro-kernel: a 4×4 block of C += packed A panel · packed B panel, sixteen accumulators in registers. */
function kernel4x4(
  kc: number,
  pa: Float32Array,
  ao: number,
  pb: Float32Array,
  bo: number,
  c: Float32Array,
  co: number,
  ldc: number,
  rows: number,
  cols: number,
): void {
  let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
  let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
  for (let p = 0; p < kc; p++) {
    const a0 = pa[ao], a1 = pa[ao + 1], a2 = pa[ao + 2], a3 = pa[ao + 3];
    const b0 = pb[bo], b1 = pb[bo + 1], b2 = pb[bo + 2], b3 = pb[bo + 3];
    ao += 4;
    bo += 4;
    c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
    c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
    c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
    c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
  }
  if (rows === 4 && cols === 4) {
    c[co] += c00; c[co + 1] += c01; c[co + 2] += c02; c[co + 3] += c03;
    co += ldc;
    c[co] += c10; c[co + 1] += c11; c[co + 2] += c12; c[co + 3] += c13;
    co += ldc;
    c[co] += c20; c[co + 1] += c21; c[co + 2] += c22; c[co + 3] += c23;
    co += ldc;
    c[co] += c30; c[co + 1] += c31; c[co + 2] += c32; c[co + 3] += c33;
    return;
  }
  const acc = [c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33];
  for (let r = 0; r < rows; r++) for (let q = 0; q < cols; q++) c[co + r * ldc + q] += acc[r * 4 + q];
}
