import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ComputeLimitError, MemoryLimitError } from '../core/errors.js';
import { BuiltinOp } from '../core/ops.js';
import { ModelBuilder } from '../schema/builder/index.js';
import { Interpreter } from './interpreter.js';

const ADD = { kind: 'AddOptions', fusedActivation: 'NONE', potScaleInt16: true } as const;

/** y = reshape(x, shape) + reshape(x, shape): the ADD reads a dynamic tensor, so it is prepared at eval. */
function reshapeByInputModel(): Uint8Array {
  const b = new ModelBuilder();
  const x = b.addInput({ name: 'x', dtype: 'float32', shape: [6] });
  const shape = b.addInput({ name: 'shape', dtype: 'int32', shape: [2] });
  const r = b.addTensor({ name: 'r', dtype: 'float32', shape: [1, 1] });
  const y = b.addOutput({ name: 'y', dtype: 'float32', shape: [1, 1] });
  b.addOperator({ opcode: BuiltinOp.RESHAPE, inputs: [x, shape], outputs: [r], options: { kind: 'ReshapeOptions', newShape: null } });
  b.addOperator({ opcode: BuiltinOp.ADD, inputs: [r, r], outputs: [y], options: ADD });
  return b.build();
}

test('a shape known only at run time flows to the nodes after it, which are prepared at eval', () => {
  const it = Interpreter.loadSync(reshapeByInputModel());
  it.allocateTensors();
  it.setTensor(0, new Float32Array([1, 2, 3, 4, 5, 6]));
  it.setTensor(1, new Int32Array([2, 3]));
  it.invoke();
  const y = it.getOutputDetails()[0]!;
  assert.deepEqual(it.getOutputDetails()[0]!.shape, [2, 3]);
  assert.deepEqual(Array.from(it.getTensor(y.index) as Float32Array), [2, 4, 6, 8, 10, 12]);
  it.setTensor(1, new Int32Array([-1, 2]));
  it.invoke();
  assert.deepEqual(it.getOutputDetails()[0]!.shape, [3, 2], 'the next invoke re-sizes from the new values');
});

test('dynamic buffers are kept across invokes and replaced only when a larger one is needed', () => {
  const b = new ModelBuilder();
  const x = b.addInput({ name: 'x', dtype: 'bool', shape: [8] });
  const coords = b.addOutput({ name: 'coords', dtype: 'int64', shape: [1, 1] });
  b.addOperator({ opcode: BuiltinOp.WHERE, inputs: [x], outputs: [coords] });
  const it = Interpreter.loadSync(b.build());
  it.allocateTensors();
  it.setTensor(0, new Uint8Array([1, 1, 1, 1, 1, 0, 0, 1]));
  it.invoke();
  assert.deepEqual(Array.from(it.getTensor(coords) as BigInt64Array), [0n, 1n, 2n, 3n, 4n, 7n]);
  const held = it.dynamicBytes;
  it.setTensor(0, new Uint8Array([0, 0, 1, 0, 0, 0, 0, 0]));
  it.invoke();
  assert.deepEqual(it.getTensorShape(coords), [1, 1]);
  assert.equal(it.dynamicBytes, held, 'a smaller result reuses the buffer');
  it.setTensor(0, new Uint8Array(8).fill(1));
  it.invoke();
  assert.ok(it.dynamicBytes > held, 'a larger one replaces it');
  assert.equal(it.getTensor(coords).length, 8);
});

test('a static model keeps everything in the arena and holds no dynamic buffers', () => {
  const b = new ModelBuilder();
  const x = b.addInput({ name: 'x', dtype: 'float32', shape: [3] });
  const y = b.addOutput({ name: 'y', dtype: 'float32', shape: [3] });
  b.addOperator({ opcode: BuiltinOp.ADD, inputs: [x, x], outputs: [y], options: ADD });
  const it = Interpreter.loadSync(b.build());
  it.allocateTensors();
  it.setTensor(x, new Float32Array([1, 2, 3]));
  it.invoke();
  it.invoke();
  assert.equal(it.dynamicBytes, 0);
  assert.ok(it.arenaBytes >= 24);
});

test('BROADCAST_TO, FILL and RANGE by values given at run time', () => {
  const b = new ModelBuilder();
  const x = b.addInput({ name: 'x', dtype: 'float32', shape: [1, 2] });
  const shape = b.addInput({ name: 'shape', dtype: 'int32', shape: [2] });
  const limit = b.addInput({ name: 'limit', dtype: 'int32', shape: [] });
  const start = b.addTensor({ name: 'start', dtype: 'int32', shape: [], data: new Int32Array([0]) });
  const delta = b.addTensor({ name: 'delta', dtype: 'int32', shape: [], data: new Int32Array([2]) });
  const wide = b.addOutput({ name: 'wide', dtype: 'float32', shape: [1, 1] });
  const range = b.addOutput({ name: 'range', dtype: 'int32', shape: [1] });
  b.addOperator({ opcode: BuiltinOp.BROADCAST_TO, inputs: [x, shape], outputs: [wide] });
  b.addOperator({ opcode: BuiltinOp.RANGE, inputs: [start, limit, delta], outputs: [range] });
  const it = Interpreter.loadSync(b.build());
  it.allocateTensors();
  it.setTensor(x, new Float32Array([1, 2]));
  it.setTensor(shape, new Int32Array([3, 2]));
  it.setTensor(limit, new Int32Array([7]));
  it.invoke();
  assert.deepEqual(it.getTensorShape(wide), [3, 2]);
  assert.deepEqual(Array.from(it.getTensor(wide) as Float32Array), [1, 2, 1, 2, 1, 2]);
  assert.deepEqual(Array.from(it.getTensor(range) as Int32Array), [0, 2, 4, 6]);
});

test('a value-dependent shape past the memory limit is a MemoryLimitError, not an allocation', () => {
  const b = new ModelBuilder();
  const dims = b.addInput({ name: 'dims', dtype: 'int32', shape: [1] });
  const v = b.addTensor({ name: 'v', dtype: 'float32', shape: [], data: new Float32Array([1]) });
  const y = b.addOutput({ name: 'y', dtype: 'float32', shape: [1] });
  b.addOperator({ opcode: BuiltinOp.FILL, inputs: [dims, v], outputs: [y] });
  const fill = Interpreter.loadSync(b.build(), { maxArenaBytes: 1 << 20 });
  fill.allocateTensors();
  fill.setTensor(dims, new Int32Array([1 << 24]));
  assert.throws(() => fill.invoke(), (e: unknown) => e instanceof MemoryLimitError && /node 0 \(FILL/.test(e.message));
});

test('the compute budget also bounds the nodes prepared at eval time', () => {
  const b = new ModelBuilder();
  const dims = b.addInput({ name: 'dims', dtype: 'int32', shape: [1] });
  const v = b.addTensor({ name: 'v', dtype: 'float32', shape: [], data: new Float32Array([1]) });
  const filled = b.addTensor({ name: 'filled', dtype: 'float32', shape: [1] });
  const y = b.addOutput({ name: 'y', dtype: 'float32', shape: [1] });
  b.addOperator({ opcode: BuiltinOp.FILL, inputs: [dims, v], outputs: [filled] });
  b.addOperator({ opcode: BuiltinOp.ADD, inputs: [filled, filled], outputs: [y], options: ADD });
  const it = Interpreter.loadSync(b.build(), { computeBudget: 10_000 });
  it.allocateTensors();
  it.setTensor(dims, new Int32Array([100]));
  it.invoke();
  it.setTensor(dims, new Int32Array([1_000_000]));
  assert.throws(() => it.invoke(), (e: unknown) => e instanceof ComputeLimitError && /node 1 \(ADD/.test(e.message));
});
