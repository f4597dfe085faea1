import assert from 'node:assert/strict';
import { test } from 'node:test';
import { computePadding } from './padding.js';

test('SAME padding on an odd size with stride 2 puts the extra pad after', () => {
  // in 5, filter 3, stride 2: out ceil(5/2)=3, needs (3-1)*2+3-5 = 2 → 1 before, 1 after
  assert.deepEqual(computePadding(5, 3, 2, 1, 'SAME'), { outSize: 3, padBefore: 1, padAfter: 1 });
  // in 6, filter 3, stride 2: out 3, needs 1 → 0 before, 1 after
  assert.deepEqual(computePadding(6, 3, 2, 1, 'SAME'), { outSize: 3, padBefore: 0, padAfter: 1 });
});

test('SAME padding with dilation uses the effective filter size', () => {
  // filter 3 dilation 2 → effective 5; in 7 stride 1: out 7, needs 4 → 2/2
  assert.deepEqual(computePadding(7, 3, 1, 2, 'SAME'), { outSize: 7, padBefore: 2, padAfter: 2 });
});

test('VALID padding keeps only windows that fit', () => {
  assert.deepEqual(computePadding(5, 3, 2, 1, 'VALID'), { outSize: 2, padBefore: 0, padAfter: 0 });
  assert.deepEqual(computePadding(28, 3, 1, 1, 'VALID'), { outSize: 26, padBefore: 0, padAfter: 0 });
  assert.deepEqual(computePadding(7, 3, 1, 2, 'VALID'), { outSize: 3, padBefore: 0, padAfter: 0 });
});

test('VALID padding on an input smaller than the filter gives zero outputs', () => {
  assert.equal(computePadding(2, 3, 1, 1, 'VALID').outSize, 0);
});

test('SAME padding never pads negatively when the stride exceeds the filter', () => {
  // in 5, filter 1, stride 3: out 2, (2-1)*3+1-5 = -1 → 0
  assert.deepEqual(computePadding(5, 1, 3, 1, 'SAME'), { outSize: 2, padBefore: 0, padAfter: 0 });
});
