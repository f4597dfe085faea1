import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ShapeError } from '../../core/errors.js';
import { iota, runOne } from '@tflite-lambda/testing';
import { SQUEEZE_KERNEL } from './squeeze.js';

const input = { dtype: 'int16' as const, shape: [1, 3, 1, 2], data: iota(6) };

test('squeeze without squeeze_dims removes every size-1 dimension', () => {
  const out = runOne(SQUEEZE_KERNEL, [input], 'int16');
  assert.deepEqual(out.shape, [3, 2]);
  assert.deepEqual(out.values, iota(6));
});

test('squeeze removes only the listed dimensions, negative ones counted from the end', () => {
  const out = runOne(SQUEEZE_KERNEL, [input], 'int16', { kind: 'SqueezeOptions', squeezeDims: [-2] });
  assert.deepEqual(out.shape, [1, 3, 2]);
});

test('squeeze of an all-ones shape gives a scalar', () => {
  const out = runOne(SQUEEZE_KERNEL, [{ dtype: 'float32', shape: [1, 1], data: [4.5] }], 'float32');
  assert.deepEqual(out.shape, []);
  assert.deepEqual(out.values, [4.5]);
});

test('squeeze rejects a listed dimension that is not 1', () => {
  assert.throws(() => runOne(SQUEEZE_KERNEL, [input], 'int16', { kind: 'SqueezeOptions', squeezeDims: [1] }), ShapeError);
  assert.throws(() => runOne(SQUEEZE_KERNEL, [input], 'int16', { kind: 'SqueezeOptions', squeezeDims: [4] }), ShapeError);
});
