import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UnsupportedError } from '../../core/errors.js';
import { applyFloatActivation, floatActivationRange, nodeActivationRange } from './activation.js';

test('fused activation ranges follow TFLite', () => {
  assert.deepEqual(floatActivationRange('NONE'), { min: -Infinity, max: Infinity });
  assert.deepEqual(floatActivationRange('RELU'), { min: 0, max: Infinity });
  assert.deepEqual(floatActivationRange('RELU6'), { min: 0, max: 6 });
  assert.deepEqual(floatActivationRange('RELU_N1_TO_1'), { min: -1, max: 1 });
});

test('a TANH fused activation is refused naming the node', () => {
  assert.throws(
    () => nodeActivationRange({ index: 7, opName: 'ADD' }, 'TANH'),
    (e: unknown) => e instanceof UnsupportedError && e.message.includes('node 7 (ADD)'),
  );
});

test('applyFloatActivation clamps a sub-range in place', () => {
  const data = Float32Array.of(-2, 3, 8, 9);
  applyFloatActivation(data, 0, 6, 0, 3);
  assert.deepEqual([...data], [0, 3, 6, 9]);
});
