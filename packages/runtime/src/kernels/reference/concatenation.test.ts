import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { NodeSignature } from '../kernel.js';
import { ShapeError, UnsupportedError } from '../../core/errors.js';
import type { QuantizationParams } from '../../core/model.js';
import type { FusedActivation } from '../../core/options.js';
import { iota, product, randomInt, ravel, runOne, seededRandom, unravel } from '@tflite-lambda/testing';
import { CONCATENATION_KERNEL } from './concatenation.js';

const opts = (axis: number, fusedActivation: FusedActivation = 'NONE') => ({ kind: 'ConcatenationOptions' as const, axis, fusedActivation });

test('concatenation along axis 1 interleaves rows', () => {
  const a = { dtype: 'float32' as const, shape: [2, 2], data: [1, 2, 3, 4] };
  const b = { dtype: 'float32' as const, shape: [2, 1], data: [9, 8] };
  const out = runOne(CONCATENATION_KERNEL, [a, b], 'float32', opts(1));
  assert.deepEqual([out.shape, out.values], [[2, 3], [1, 2, 9, 3, 4, 8]]);
});

test('concatenation with a negative axis and a fused RELU6 on float', () => {
  const a = { dtype: 'float32' as const, shape: [1, 2], data: [-1, 7] };
  const b = { dtype: 'float32' as const, shape: [1, 2], data: [3, 6.5] };
  const out = runOne(CONCATENATION_KERNEL, [a, b], 'float32', opts(-1, 'RELU6'));
  assert.deepEqual(out.values, [0, 6, 3, 6]);
});

test('concatenation of int8 with equal quantization, an empty input included', () => {
  const q: QuantizationParams = { scale: [0.1], zeroPoint: [-3], quantizedDimension: 0 };
  const a = { dtype: 'int8' as const, shape: [1, 2], data: [-128, 127], quantization: q };
  const e = { dtype: 'int8' as const, shape: [0, 2], data: [], quantization: q };
  const out = runOne(CONCATENATION_KERNEL, [a, e, a], { dtype: 'int8', quantization: q }, opts(0));
  assert.deepEqual([out.shape, out.values], [[2, 2], [-128, 127, -128, 127]]);
});

test('concatenation refuses quantized inputs whose scale differs from the output', () => {
  const q = (scale: number): QuantizationParams => ({ scale: [scale], zeroPoint: [0], quantizedDimension: 0 });
  const tensor = (index: number, scale: number) => ({ index, name: `t${index}`, dtype: 'int8' as const, shape: [1], data: new Int8Array(1), quantization: q(scale), isConstant: false });
  const node = (inScale: number): NodeSignature => ({ index: 0, opName: 'CONCATENATION', version: 1, inputs: [tensor(0, 0.5), tensor(1, inScale)], outputs: [tensor(2, 0.5)], options: null });
  assert.equal(CONCATENATION_KERNEL.supports!(node(0.5)), true);
  assert.equal(CONCATENATION_KERNEL.supports!(node(0.25)), false);
});

test('concatenation of scalars along axis 0 builds a vector (as TFLite)', () => {
  const s = (v: number) => ({ dtype: 'int32' as const, shape: [], data: [v] });
  const out = runOne(CONCATENATION_KERNEL, [s(4), s(-1)], 'int32', opts(0));
  assert.deepEqual([out.shape, out.values], [[2], [4, -1]]);
});

test('concatenation rejects mismatched shapes and activations on integer outputs', () => {
  const a = { dtype: 'int32' as const, shape: [2, 2], data: iota(4) };
  const b = { dtype: 'int32' as const, shape: [3, 1], data: iota(3) };
  assert.throws(() => runOne(CONCATENATION_KERNEL, [a, b], 'int32', opts(1)), ShapeError);
  assert.throws(() => runOne(CONCATENATION_KERNEL, [a, a], 'int32', opts(0, 'RELU')), UnsupportedError);
});

test('concatenation matches a naive reference on random shapes', () => {
  const rand = seededRandom(3);
  for (let trial = 0; trial < 15; trial++) {
    const rank = randomInt(rand, 1, 4);
    const axis = randomInt(rand, 0, rank - 1);
    const base = Array.from({ length: rank }, () => randomInt(rand, 1, 4));
    const shapes = Array.from({ length: randomInt(rand, 1, 4) }, () => base.map((d, i) => (i === axis ? randomInt(rand, 0, 3) : d)));
    let next = 0;
    const inputs = shapes.map((shape) => ({ dtype: 'int16' as const, shape, data: Array.from({ length: product(shape) }, () => next++) }));
    const outShape = base.map((d, i) => (i === axis ? shapes.reduce((s, sh) => s + sh[axis]!, 0) : d));
    const expected = new Array<number>(product(outShape));
    let offset = 0;
    for (const input of inputs) {
      input.data.forEach((v, i) => {
        const idx = unravel(i, input.shape);
        idx[axis]! += offset;
        expected[ravel(idx, outShape)] = v;
      });
      offset += input.shape[axis]!;
    }
    const out = runOne(CONCATENATION_KERNEL, inputs, 'int16', opts(axis));
    assert.deepEqual([out.shape, out.values], [outShape, expected]);
  }
});
