import { test } from 'node:test';
import assert from 'node:assert/strict';
import { seededRandom } from '../autokeras/hyperparameters.js';
import { wasmGemmAvailable } from './sgemm_wasm.js';
import { trainKernels } from './train_wasm.js';

test('gemm_atb_f32 adds Aᵀ·B into C (ragged row blocks, strided rows, zero depth)', { skip: wasmGemmAvailable() ? false : 'no WebAssembly SIMD in this engine' }, () => {
  const rand = seededRandom(21);
  const k = trainKernels();
  for (const [M, N, D] of [[1, 8, 5], [2, 16, 1], [3, 8, 17], [4, 24, 9], [7, 8, 33], [10, 32, 0]] as const) {
    // Row strides wider than the rows, to check they are honoured.
    const lda = M + 3, ldb = N + 8, ldc = N + 4;
    const a = Float32Array.from({ length: D * lda }, () => rand() * 2 - 1);
    const b = Float32Array.from({ length: D * ldb }, () => rand() * 2 - 1);
    const c0 = Float32Array.from({ length: M * ldc }, () => rand() * 2 - 1);
    k.ctx.reserveScratch((a.length + b.length + c0.length) * 4 + 256);
    const aAt = k.ctx.scratch, bAt = aAt + a.length * 4 + 64, cAt = bAt + b.length * 4 + 64;
    k.ctx.f32.set(a, aAt >> 2);
    k.ctx.f32.set(b, bAt >> 2);
    k.ctx.f32.set(c0, cAt >> 2);
    k.gemm_atb_f32(M, N, D, aAt, lda * 4, bAt, ldb * 4, cAt, ldc * 4);
    const c = k.ctx.f32.subarray(cAt >> 2, (cAt >> 2) + c0.length);
    for (let m = 0; m < M; m++) {
      for (let n = 0; n < ldc; n++) {
        let want = c0[m * ldc + n]!;
        if (n < N) for (let d = 0; d < D; d++) want += a[d * lda + m]! * b[d * ldb + n]!;
        assert.ok(Math.abs(c[m * ldc + n]! - want) < 1e-5, `M=${M} N=${N} D=${D}: C[${m}][${n}] = ${c[m * ldc + n]}, want ${want}`);
      }
    }
  }
});
