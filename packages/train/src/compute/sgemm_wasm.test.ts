import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rowMajor, sgemm, transposed, type MatView } from './sgemm.js';
import { sgemmWasm, wasmGemmAvailable } from './sgemm_wasm.js';
import { seededRandom } from '../autokeras/hyperparameters.js';

const skip = wasmGemmAvailable() ? false : 'WebAssembly SIMD is not available in this engine';

function randomMatrix(rows: number, cols: number, rand: () => number): Float32Array {
  return Float32Array.from({ length: rows * cols }, () => rand() * 2 - 1);
}

function randomInt(rand: () => number, lo: number, hi: number): number {
  return lo + Math.floor(rand() * (hi - lo + 1));
}

/** Runs both GEMMs into copies of the same C and checks they agree to float rounding (tolerance grows with k). */
function agree(m: number, n: number, k: number, a: MatView, b: MatView, c: Float32Array, cOffset: number, ldc: number, acc: boolean, label: string): void {
  const want = c.slice();
  const got = c.slice();
  sgemm(m, n, k, a, b, want, cOffset, ldc, acc);
  sgemmWasm(m, n, k, a, b, got, cOffset, ldc, acc);
  const tol = 1e-5 * Math.sqrt(k + 1) * 4;
  for (let i = 0; i < c.length; i++) assert.ok(Math.abs(got[i] - want[i]) <= tol, `${label}: [${i}] ${got[i]} vs ${want[i]}`);
}

test('wasm sgemm matches the TypeScript sgemm on random odd shapes with every transpose combination', { skip }, () => {
  const rand = seededRandom(11);
  for (let trial = 0; trial < 24; trial++) {
    const m = randomInt(rand, 1, 70), n = randomInt(rand, 1, 37), k = randomInt(rand, 1, 300);
    for (const [ta, tb] of [[false, false], [true, false], [false, true], [true, true]]) {
      const a = ta ? transposed(rowMajor(randomMatrix(k, m, rand), m)) : rowMajor(randomMatrix(m, k, rand), k);
      const b = tb ? transposed(rowMajor(randomMatrix(n, k, rand), k)) : rowMajor(randomMatrix(k, n, rand), n);
      agree(m, n, k, a, b, new Float32Array(m * n), 0, n, false, `${m}x${n}x${k} ta=${ta} tb=${tb}`);
    }
  }
});

test('wasm sgemm accumulates at an offset with a wide leading dimension and leaves other columns alone', { skip }, () => {
  const rand = seededRandom(12);
  for (const [m, n, k, ldc] of [[5, 3, 4, 7], [13, 9, 31, 10], [1, 17, 5, 20]]) {
    for (const acc of [true, false]) {
      const a = rowMajor(randomMatrix(m, k, rand), k);
      const b = transposed(rowMajor(randomMatrix(n, k, rand), k));
      const c = randomMatrix(1, 3 + m * ldc, rand);
      agree(m, n, k, a, b, c, 3, ldc, acc, `${m}x${n}x${k} ldc=${ldc} acc=${acc}`);
    }
  }
});

test('wasm sgemm reads operands at offsets inside larger arrays and handles k = 0', { skip }, () => {
  const rand = seededRandom(13);
  const [m, n, k] = [6, 11, 9];
  const aData = randomMatrix(1, 5 + m * k, rand);
  const bData = randomMatrix(1, 7 + k * n, rand);
  agree(m, n, k, rowMajor(aData, k, 5), rowMajor(bData, n, 7), new Float32Array(m * n), 0, n, false, 'offsets');
  const c = new Float32Array(m * n).fill(3);
  sgemmWasm(m, n, 0, rowMajor(aData, 0), rowMajor(bData, n), c, 0, n, false);
  assert.ok(c.every((v) => v === 0), 'k = 0 writes zeros');
});

test('wasm sgemm gives the same answer when a shape is re-packed with new values', { skip }, () => {
  const rand = seededRandom(14);
  const [m, n, k] = [8, 10, 12];
  for (let round = 0; round < 3; round++) {
    agree(m, n, k, rowMajor(randomMatrix(m, k, rand), k), rowMajor(randomMatrix(k, n, rand), n), new Float32Array(m * n), 0, n, false, `round ${round}`);
  }
});
