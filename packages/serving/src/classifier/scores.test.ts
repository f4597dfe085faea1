import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { TensorDetails } from '@tflite-lambda/runtime';
import { classCountOf, dequantize, isProbabilityVector, scoresFromOutput, softmax, topClasses } from './scores.js';

function details(shape: number[], dtype: TensorDetails['dtype'], scale: number[] = [], zeroPoint: number[] = []): TensorDetails {
  return { index: 0, name: 'out', shape, shapeSignature: shape, dtype, quantization: { scale, zeroPoint, quantizedDimension: 0 } };
}

describe('output interpretation', () => {
  test('class count from [N], [1,N] and [1,1,1,N]; batches refused', () => {
    assert.equal(classCountOf(details([10], 'float32')), 10);
    assert.equal(classCountOf(details([1, 10], 'float32')), 10);
    assert.equal(classCountOf(details([1, 1, 1, 7], 'int8')), 7);
    assert.throws(() => classCountOf(details([2, 10], 'float32')), { code: 'UNSUPPORTED_MODEL' });
    assert.throws(() => classCountOf(details([1, 10], 'int32')), { code: 'UNSUPPORTED_MODEL' });
  });
  test('dequantizes (q - zeroPoint) * scale', () => {
    assert.deepEqual([...dequantize(new Int8Array([-128, 0, 127]), details([3], 'int8', [0.5], [-128]))], [0, 64, 127.5]);
  });
  test('probability vectors: in [0,1] and summing to 1, with slack for quantization', () => {
    assert.equal(isProbabilityVector(new Float32Array([0.25, 0.75])), true);
    assert.equal(isProbabilityVector(new Float32Array([0.5, 0.6])), false);
    assert.equal(isProbabilityVector(new Float32Array([1.5, -0.5])), false);
    // uint8 softmax with scale 1/256 over 3 classes may sum to 253/256.
    assert.equal(isProbabilityVector(new Float32Array([85 / 256, 84 / 256, 84 / 256]), 1 / 256), true);
  });
  test('logits become their softmax', () => {
    const s = softmax(new Float32Array([0, Math.log(3)]));
    assert.ok(Math.abs(s[0] - 0.25) < 1e-7 && Math.abs(s[1] - 0.75) < 1e-7);
    const scores = scoresFromOutput(new Float32Array([2, 2]), details([1, 2], 'float32'));
    assert.deepEqual([...scores], [0.5, 0.5]);
  });
  test('topClasses breaks ties by class index', () => {
    const top = topClasses(new Float32Array([0.2, 0.4, 0.4]), 3, null);
    assert.deepEqual(top.map((t) => t.value), [1, 2, 0]);
  });
});
