import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rowMajor, sgemm, transposed, type MatView } from './sgemm.js';
import { seededRandom } from '../autokeras/hyperparameters.js';

function randomMatrix(rows: number, cols: number, rand: () => number): Float32Array {
  return Float32Array.from({ length: rows * cols }, () => rand() * 2 - 1);
}

function at(v: MatView, i: number, j: number): number {
  return v.data[v.offset + i * v.rowStride + j * v.colStride];
}

/** The textbook triple loop, in float64. */
function naive(m: number, n: number, k: number, a: MatView, b: MatView): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
    let s = 0;
    for (let p = 0; p < k; p++) s += at(a, i, p) * at(b, p, j);
    c[i * n + j] = s;
  }
  return c;
}

test('sgemm matches the triple loop on odd sizes, with and without transposed operands', () => {
  const rand = seededRandom(1);
  for (const [m, n, k] of [[1, 1, 1], [3, 5, 7], [17, 9, 300], [130, 13, 5], [4, 4, 4], [33, 66, 257]]) {
    for (const [ta, tb] of [[false, false], [true, false], [false, true], [true, true]]) {
      const aData = randomMatrix(m, k, rand);
      const bData = randomMatrix(k, n, rand);
      const a = ta ? transposed(rowMajor(aData, m)) : rowMajor(aData, k);
      const b = tb ? transposed(rowMajor(bData, k)) : rowMajor(bData, n);
      const c = new Float32Array(m * n);
      sgemm(m, n, k, a, b, c, 0, n, false);
      const want = naive(m, n, k, a, b);
      for (let i = 0; i < c.length; i++) assert.ok(Math.abs(c[i] - want[i]) < 1e-4 * Math.sqrt(k), `${m}x${n}x${k} ta=${ta} tb=${tb} at ${i}`);
    }
  }
});

test('sgemm accumulates into C with a leading dimension wider than n', () => {
  const rand = seededRandom(2);
  const [m, n, k, ldc] = [5, 3, 4, 7];
  const a = rowMajor(randomMatrix(m, k, rand), k);
  const b = rowMajor(randomMatrix(k, n, rand), n);
  const c = new Float32Array(2 + m * ldc).fill(1);
  sgemm(m, n, k, a, b, c, 2, ldc, true);
  const want = naive(m, n, k, a, b);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) assert.ok(Math.abs(c[2 + i * ldc + j] - (1 + want[i * n + j])) < 1e-5);
    for (let j = n; j < ldc; j++) assert.equal(c[2 + i * ldc + j], 1, 'columns past n are untouched');
  }
  assert.equal(c[0], 1);
});
