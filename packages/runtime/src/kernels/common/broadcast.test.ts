import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ShapeError } from '../../core/errors.js';
import { broadcastShapes, broadcastStrides } from './broadcast.js';

test('broadcastShapes aligns trailing axes and expands ones', () => {
  assert.deepEqual(broadcastShapes([2, 1, 3], [4, 1]), [2, 4, 3]);
  assert.deepEqual(broadcastShapes([], [3, 2]), [3, 2]);
  assert.deepEqual(broadcastShapes([5], [1]), [5]);
  assert.deepEqual(broadcastShapes([1, 0], [3, 1]), [3, 0]);
});

test('broadcastShapes rejects mismatched axes with a ShapeError', () => {
  assert.throws(() => broadcastShapes([2, 3], [3, 2]), ShapeError);
});

test('broadcastStrides gives 0 on broadcast and missing axes', () => {
  assert.deepEqual(broadcastStrides([4, 1], [2, 4, 3]), [0, 1, 0]);
  assert.deepEqual(broadcastStrides([2, 4, 3], [2, 4, 3]), [12, 3, 1]);
  assert.deepEqual(broadcastStrides([], [2, 2]), [0, 0]);
});
