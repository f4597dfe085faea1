import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BuiltinOp, type TensorDetails } from '@tflite-lambda/runtime';
import { ModelGraph } from '../core/graph.js';
import { classCountOf, dequantize, resolveActivation, softmax } from './scores.js';
import { checkFilter, selectCategories } from './categories.js';

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
  test('logits become their softmax', () => {
    const s = softmax(new Float32Array([0, Math.log(3)]));
    assert.ok(Math.abs(s[0] - 0.25) < 1e-7 && Math.abs(s[1] - 0.75) < 1e-7);
  });
});

describe('activation decided from the graph', () => {
  /** out ← DEQUANTIZE ← SOFTMAX ← logits, as an int8 model converted with float outputs ends. */
  const graph = new ModelGraph({
    version: 3,
    description: '',
    signatures: [],
    metadata: [],
    subgraphs: [
      {
        name: '',
        tensors: [],
        inputs: [0],
        outputs: [2, 3],
        operators: [
          { opcode: BuiltinOp.SOFTMAX, version: 1, customCode: null, inputs: [0], outputs: [1], intermediates: [], options: null, customOptions: null },
          { opcode: BuiltinOp.DEQUANTIZE, version: 1, customCode: null, inputs: [1], outputs: [2], intermediates: [], options: null, customOptions: null },
          { opcode: BuiltinOp.FULLY_CONNECTED, version: 1, customCode: null, inputs: [0], outputs: [3], intermediates: [], options: null, customOptions: null },
        ],
      },
    ],
  });
  test('an output computed by SOFTMAX, through DEQUANTIZE, is kept as it is', () => {
    assert.equal(resolveActivation('auto', graph, { ...details([1, 10], 'float32'), index: 2 }), 'none');
  });
  test('an output computed by another operator holds logits, and gets a softmax', () => {
    assert.equal(resolveActivation(undefined, graph, { ...details([1, 10], 'float32'), index: 3 }), 'softmax');
  });
  test('an explicit activation wins', () => {
    assert.equal(resolveActivation('sigmoid', graph, { ...details([1, 10], 'float32'), index: 2 }), 'sigmoid');
  });
});

describe('category selection', () => {
  const labels = { names: ['cat', 'dog', 'bird', 'fish'], displayNames: ['chat', 'chien', 'oiseau', 'poisson'] };
  const scores = new Float32Array([0.2, 0.4, 0.4, 0.0]);
  test('orders by score, ties by index, with names and display names', () => {
    assert.deepEqual(selectCategories(scores, labels, {}).map((c) => [c.index, c.categoryName, c.displayName]), [
      [1, 'dog', 'chien'],
      [2, 'bird', 'oiseau'],
      [0, 'cat', 'chat'],
      [3, 'fish', 'poisson'],
    ]);
  });
  test('applies threshold, allow list, deny list and maxResults', () => {
    assert.deepEqual(selectCategories(scores, labels, { scoreThreshold: 0.3 }).map((c) => c.index), [1, 2]);
    assert.deepEqual(selectCategories(scores, labels, { categoryAllowlist: ['cat', 'fish'] }).map((c) => c.index), [0, 3]);
    assert.deepEqual(selectCategories(scores, labels, { categoryDenylist: ['dog'], maxResults: 2 }).map((c) => c.index), [2, 0]);
  });
  test('without labels, names are empty strings', () => {
    assert.deepEqual(selectCategories(scores, { names: null, displayNames: null }, { maxResults: 1 }), [
      { index: 1, score: scores[1], categoryName: '', displayName: '' },
    ]);
  });
  test('refuses both lists at once, lists without labels, and a bad maxResults', () => {
    assert.throws(() => checkFilter({ categoryAllowlist: ['a'], categoryDenylist: ['b'] }, labels), { code: 'BAD_OPTIONS' });
    assert.throws(() => checkFilter({ categoryAllowlist: ['a'] }, { names: null, displayNames: null }), { code: 'BAD_OPTIONS' });
    assert.throws(() => checkFilter({ maxResults: 0 }, labels), { code: 'BAD_OPTIONS' });
    assert.doesNotThrow(() => checkFilter({ maxResults: -1 }, labels));
  });
});
