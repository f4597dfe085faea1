import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ShapeError } from '../../core/errors.js';
import { runOne } from '@tflite-lambda/testing';
import { PACK_KERNEL } from './pack.js';

const a = { dtype: 'int32' as const, shape: [2], data: [1, 2] };
const b = { dtype: 'int32' as const, shape: [2], data: [3, 4] };
const opts = (axis: number) => ({ kind: 'PackOptions' as const, valuesCount: 2, axis });

test('pack along axis 0 stacks the inputs', () => {
  const out = runOne(PACK_KERNEL, [a, b], 'int32', opts(0));
  assert.deepEqual([out.shape, out.values], [[2, 2], [1, 2, 3, 4]]);
});

test('pack along the last axis (-1) interleaves them', () => {
  const out = runOne(PACK_KERNEL, [a, b], 'int32', opts(-1));
  assert.deepEqual([out.shape, out.values], [[2, 2], [1, 3, 2, 4]]);
});

test('pack of scalars builds a shape vector (SHAPE → STRIDED_SLICE → PACK chains)', () => {
  const s = (v: number) => ({ dtype: 'int32' as const, shape: [], data: [v] });
  const out = runOne(PACK_KERNEL, [s(1), s(-1), s(10)], 'int32', { kind: 'PackOptions', valuesCount: 3, axis: 0 });
  assert.deepEqual([out.shape, out.values], [[3], [1, -1, 10]]);
});

test('pack of bool and int64 tensors', () => {
  const t = { dtype: 'bool' as const, shape: [1, 2], data: [1, 0] };
  assert.deepEqual(runOne(PACK_KERNEL, [t, t], 'bool', opts(1)).shape, [1, 2, 2]);
  const w = { dtype: 'int64' as const, shape: [1], data: [5] };
  assert.deepEqual([...(runOne(PACK_KERNEL, [w, w], 'int64', opts(0)).data as BigInt64Array)], [5n, 5n]);
});

test('pack rejects differing shapes and a wrong values_count', () => {
  assert.throws(() => runOne(PACK_KERNEL, [a, { dtype: 'int32', shape: [3], data: [1, 2, 3] }], 'int32', opts(0)), ShapeError);
  assert.throws(() => runOne(PACK_KERNEL, [a, b], 'int32', { kind: 'PackOptions', valuesCount: 3, axis: 0 }), ShapeError);
  assert.throws(() => runOne(PACK_KERNEL, [a, b], 'int32', opts(2)), ShapeError);
});
