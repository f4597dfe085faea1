import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TensorError } from '../core/errors.js';
import { BuiltinOp } from '../core/ops.js';
import type { DType, TypedArray } from '../core/dtype.js';
import { ModelBuilder, singleOpModel } from '../schema/builder/index.js';
import { Interpreter } from './interpreter.js';

function reshapeModel(dtype: DType, from: number[], to: number[]): Uint8Array {
  return singleOpModel({
    opcode: BuiltinOp.RESHAPE,
    options: { kind: 'ReshapeOptions', newShape: to },
    inputs: [{ dtype, shape: from }],
    outputs: [{ dtype, shape: to }],
  });
}

test('string tensors take and give string[] and report dtype string', () => {
  const it = Interpreter.loadSync(reshapeModel('string', [3], [3, 1]));
  it.allocateTensors();
  const [input] = it.getInputDetails();
  assert.equal(input!.dtype, 'string');
  it.setTensor(input!.index, ['héllo', '', 'a b']);
  it.invoke();
  assert.deepEqual(it.getTensor(it.getOutputDetails()[0]!.index), ['héllo', '', 'a b']);
  assert.throws(() => it.setTensor(input!.index, ['too', 'few']), TensorError);
  assert.throws(() => it.setTensor(input!.index, new Uint8Array(3)), TensorError);
});

test('a string constant is read from TFLite\'s string buffer', () => {
  const m = new ModelBuilder();
  const c = m.addTensor({ dtype: 'string', shape: [2], data: ['left', 'right'] });
  const shape = m.addTensor({ dtype: 'int32', shape: [2], data: Int32Array.from([1, 2]) });
  const y = m.addOutput({ dtype: 'string', shape: [1, 2] });
  m.addOperator({ opcode: BuiltinOp.RESHAPE, inputs: [c, shape], outputs: [y] });
  const it = Interpreter.loadSync(m.build());
  it.allocateTensors();
  it.invoke();
  assert.deepEqual(it.getTensor(y), ['left', 'right']);
});

test('complex64 tensors take and give interleaved (real, imaginary) float32 pairs', () => {
  const it = Interpreter.loadSync(reshapeModel('complex64', [2], [1, 2]));
  it.allocateTensors();
  it.setTensor(it.getInputDetails()[0]!.index, Float32Array.from([1.5, -2, 3, 0.25]));
  it.invoke();
  const out = it.getTensor(it.getOutputDetails()[0]!.index);
  assert.ok(out instanceof Float32Array);
  assert.deepEqual([...out], [1.5, -2, 3, 0.25]);
  assert.throws(() => it.setTensor(it.getInputDetails()[0]!.index, Float32Array.from([1, 2])), TensorError);
});

for (const [dtype, values] of [
  ['float64', Float64Array.from([1e-300, -2.5, Math.PI])],
  ['uint32', Uint32Array.from([0, 4294967295, 7])],
  ['uint16', Uint16Array.from([0, 65535, 300])],
] as [DType, TypedArray][]) {
  test(`${dtype} tensors pass through data-movement kernels unchanged`, () => {
    const it = Interpreter.loadSync(reshapeModel(dtype, [3], [3, 1]));
    it.allocateTensors();
    it.setTensor(it.getInputDetails()[0]!.index, values);
    it.invoke();
    assert.deepEqual([...(it.getTensor(it.getOutputDetails()[0]!.index) as TypedArray)], [...values]);
    assert.equal(it.getOutputDetails()[0]!.dtype, dtype);
  });
}

test('uint64 tensors take and give BigUint64Array values', () => {
  const it = Interpreter.loadSync(reshapeModel('uint64', [2], [2, 1]));
  it.allocateTensors();
  it.setTensor(it.getInputDetails()[0]!.index, BigUint64Array.from([2n ** 64n - 1n, 5n]));
  it.invoke();
  const out = it.getTensor(it.getOutputDetails()[0]!.index);
  assert.ok(out instanceof BigUint64Array);
  assert.deepEqual([...out], [2n ** 64n - 1n, 5n]);
  assert.throws(() => it.setTensor(it.getInputDetails()[0]!.index, BigInt64Array.from([1n, 2n])), TensorError);
});

test('an INT4 constant reaches kernels as int8 values', () => {
  const m = new ModelBuilder();
  const q = m.addTensor({
    dtype: 'int8', shape: [5], int4: true, data: Int8Array.from([-8, -1, 0, 3, 7]),
    quantization: { scale: [0.5], zeroPoint: [0], quantizedDimension: 0 },
  });
  const y = m.addOutput({ dtype: 'float32', shape: [5] });
  m.addOperator({ opcode: BuiltinOp.DEQUANTIZE, inputs: [q], outputs: [y] });
  const it = Interpreter.loadSync(m.build());
  it.allocateTensors();
  it.invoke();
  assert.deepEqual([...(it.getTensor(y) as Float32Array)], [-4, -0.5, 0, 1.5, 3.5]);
});

test('a sparse constant is densified at load and DENSIFY passes it on', () => {
  const m = new ModelBuilder();
  const w = m.addTensor({
    dtype: 'float32', shape: [2, 3], data: Float32Array.from([4, -1, 2]),
    sparsity: {
      traversalOrder: [0, 1], blockMap: [],
      dimMetadata: [{ format: 'DENSE', denseSize: 2 }, { format: 'SPARSE_CSR', arraySegments: Uint8Array.from([0, 2, 3]), arrayIndices: Uint16Array.from([0, 2, 1]) }],
    },
  });
  const y = m.addOutput({ dtype: 'float32', shape: [2, 3] });
  m.addOperator({ opcode: BuiltinOp.DENSIFY, inputs: [w], outputs: [y] });
  const it = Interpreter.loadSync(m.build());
  it.allocateTensors();
  it.invoke();
  assert.deepEqual([...(it.getTensor(y) as Float32Array)], [4, 0, -1, 0, 2, 0]);
});
