import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ShapeError } from '../../core/errors.js';
import { assertClose, randomFloats, randomInt, runKernel, seededRandom } from '@tflite-lambda/testing';
import { BATCH_MATMUL_KERNEL } from './batch_matmul.js';

function matmul(
  lhs: Float32Array, lShape: number[], rhs: Float32Array, rShape: number[], adjX = false, adjY = false,
): { shape: number[]; data: Float32Array } {
  const [out] = runKernel(BATCH_MATMUL_KERNEL, {
    inputs: [{ dtype: 'float32', shape: lShape, data: lhs }, { dtype: 'float32', shape: rShape, data: rhs }],
    outputs: [{ dtype: 'float32' }],
    options: { kind: 'BatchMatMulOptions', adjX, adjY, asymmetricQuantizeInputs: false },
  });
  return { shape: out!.shape, data: out!.data as Float32Array };
}

/** Element (…, r, c) of a row-major tensor whose last two axes may be read transposed. */
function at(data: Float32Array, shape: number[], batchIndex: number[], r: number, c: number, adj: boolean): number {
  const rows = shape[shape.length - 2]!;
  const cols = shape[shape.length - 1]!;
  const batchShape = shape.slice(0, -2);
  let flat = 0;
  const lead = batchIndex.length - batchShape.length;
  batchShape.forEach((d, i) => { (flat = flat * d + (d === 1 ? 0 : batchIndex[lead + i]!)); });
  const [rr, cc] = adj ? [c, r] : [r, c];
  return data[(flat * rows + rr) * cols + cc]!;
}

test('batch matmul of 2x3 by 3x2 (hand-checked)', () => {
  const out = matmul(Float32Array.of(1, 2, 3, 4, 5, 6), [2, 3], Float32Array.of(1, 0, 0, 1, 1, 1), [3, 2]);
  assert.deepEqual(out.shape, [2, 2]);
  assert.deepEqual([...out.data], [4, 5, 10, 11]);
});

test('batch matmul adj_x and adj_y transpose the operands', () => {
  // lhsᵀ where lhs stored [3,2] = [[1,4],[2,5],[3,6]] → [[1,2,3],[4,5,6]]; rhs stored as its transpose [2,3]
  const out = matmul(Float32Array.of(1, 4, 2, 5, 3, 6), [3, 2], Float32Array.of(1, 0, 1, 0, 1, 1), [2, 3], true, true);
  assert.deepEqual([...out.data], [4, 5, 10, 11]);
});

test('batch matmul broadcasts batch dimensions', () => {
  const rand = seededRandom(19);
  const lShape = [2, 1, 3, 4];
  const rShape = [3, 4, 2];
  const lhs = randomFloats(rand, 24);
  const rhs = randomFloats(rand, 24);
  const out = matmul(lhs, lShape, rhs, rShape);
  assert.deepEqual(out.shape, [2, 3, 3, 2]);
  const expected: number[] = [];
  for (let a = 0; a < 2; a++)
    for (let b = 0; b < 3; b++)
      for (let i = 0; i < 3; i++)
        for (let j = 0; j < 2; j++) {
          let s = 0;
          for (let k = 0; k < 4; k++) s += at(lhs, lShape, [a, b], i, k, false) * at(rhs, rShape, [a, b], k, j, false);
          expected.push(s);
        }
  assertClose(out.data, expected);
});

test('batch matmul rejects mismatched inner dimensions', () => {
  assert.throws(() => matmul(new Float32Array(6), [2, 3], new Float32Array(4), [2, 2]), ShapeError);
});

test('batch matmul matches a direct reference on random shapes and adjoints', () => {
  const rand = seededRandom(23);
  for (let t = 0; t < 30; t++) {
    const [m, k, n] = [randomInt(rand, 1, 5), randomInt(rand, 1, 5), randomInt(rand, 1, 5)];
    const batch = [randomInt(rand, 1, 3), randomInt(rand, 1, 2)];
    const adjX = rand() < 0.5;
    const adjY = rand() < 0.5;
    const lBatch = rand() < 0.3 ? [1, batch[1]!] : batch;
    const rBatch = rand() < 0.3 ? [batch[1]!] : batch;
    const lShape = [...lBatch, ...(adjX ? [k, m] : [m, k])];
    const rShape = [...rBatch, ...(adjY ? [n, k] : [k, n])];
    const lhs = randomFloats(rand, lShape.reduce((a, b) => a * b));
    const rhs = randomFloats(rand, rShape.reduce((a, b) => a * b));
    const expected: number[] = [];
    for (let a = 0; a < batch[0]!; a++)
      for (let b = 0; b < batch[1]!; b++)
        for (let i = 0; i < m; i++)
          for (let j = 0; j < n; j++) {
            let s = 0;
            for (let d = 0; d < k; d++) s += at(lhs, lShape, [a, b], i, d, adjX) * at(rhs, rShape, [a, b], d, j, adjY);
            expected.push(s);
          }
    const out = matmul(lhs, lShape, rhs, rShape, adjX, adjY);
    assert.deepEqual(out.shape, [...batch, m, n], `case ${t}`);
    assertClose(out.data, expected, `case ${t}`);
  }
});
