import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ShapeError } from '../../core/errors.js';
import { constInt32, iota, runAll } from '@tflite-lambda/testing';
import { SPLIT_KERNEL } from './split.js';

const input = { dtype: 'int8' as const, shape: [2, 4], data: iota(8) };
const two = [{ dtype: 'int8' as const }, { dtype: 'int8' as const }];

test('split along axis 1 into two halves', () => {
  const outs = runAll(SPLIT_KERNEL, [constInt32([1], []), input], two, { kind: 'SplitOptions', numSplits: 2 });
  assert.deepEqual(outs.map((o) => o.shape), [[2, 2], [2, 2]]);
  assert.deepEqual(outs.map((o) => o.values), [[0, 1, 4, 5], [2, 3, 6, 7]]);
});

test('split along a negative axis; along axis 0 gives the rows', () => {
  const last = runAll(SPLIT_KERNEL, [constInt32([-1]), input], two, { kind: 'SplitOptions', numSplits: 2 });
  assert.deepEqual(last.map((o) => o.values), [[0, 1, 4, 5], [2, 3, 6, 7]]);
  const rows = runAll(SPLIT_KERNEL, [constInt32([0]), input], two, { kind: 'SplitOptions', numSplits: 2 });
  assert.deepEqual(rows.map((o) => o.values), [[0, 1, 2, 3], [4, 5, 6, 7]]);
});

test('split of float16 bits keeps them unchanged', () => {
  const half = { dtype: 'float16' as const, shape: [2], data: [0x3c00, 0xc000] };
  const outs = runAll(SPLIT_KERNEL, [constInt32([0]), half], [{ dtype: 'float16' }, { dtype: 'float16' }], { kind: 'SplitOptions', numSplits: 2 });
  assert.deepEqual(outs.map((o) => o.values), [[0x3c00], [0xc000]]);
});

test('split rejects a dimension not divisible by the number of outputs', () => {
  const three = [...two, { dtype: 'int8' as const }];
  assert.throws(() => runAll(SPLIT_KERNEL, [constInt32([1]), input], three, { kind: 'SplitOptions', numSplits: 3 }), ShapeError);
});
