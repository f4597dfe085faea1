import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ShapeError } from '../../core/errors.js';
import { planBinaryBroadcast, runBinary } from './binary_broadcast.js';

function addRow(
  a: Float32Array, ai: number, as: number,
  b: Float32Array, bi: number, bs: number,
  out: Float32Array, oi: number, n: number,
): void {
  for (let i = 0; i < n; i++) out[oi + i] = a[ai + i * as]! + b[bi + i * bs]!;
}

test('same-size and scalar operands take the single-run fast paths', () => {
  assert.equal(planBinaryBroadcast([2, 3], [2, 3]).kind, 'same');
  assert.equal(planBinaryBroadcast([2, 3], [1, 2, 3]).kind, 'same');
  assert.equal(planBinaryBroadcast([], [4]).kind, 'scalarA');
  assert.equal(planBinaryBroadcast([4, 5], [1, 1]).kind, 'scalarB');
});

test('adjacent axes that broadcast alike collapse into one', () => {
  // [2,3,4] + [1,1,4]: the two leading axes merge into one outer axis of 6, inner run 4
  const plan = planBinaryBroadcast([2, 3, 4], [1, 1, 4]);
  assert.equal(plan.kind, 'general');
  assert.equal(plan.inner, 4);
  assert.deepEqual([...plan.outerDims], [6]);
  assert.deepEqual([...plan.outerStridesB], [0]);
});

test('runBinary walks a row-against-column broadcast', () => {
  const plan = planBinaryBroadcast([2, 1], [1, 3]);
  const out = new Float32Array(plan.size);
  runBinary(plan, Float32Array.of(10, 20), Float32Array.of(1, 2, 3), out, addRow);
  assert.deepEqual(plan.outShape, [2, 3]);
  assert.deepEqual([...out], [11, 12, 13, 21, 22, 23]);
  // a second run reuses the counter and gives the same result
  runBinary(plan, Float32Array.of(10, 20), Float32Array.of(1, 2, 3), out, addRow);
  assert.deepEqual([...out], [11, 12, 13, 21, 22, 23]);
});

test('planning incompatible shapes throws a ShapeError', () => {
  assert.throws(() => planBinaryBroadcast([3], [4]), ShapeError);
});
