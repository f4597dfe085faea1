import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UnsupportedError } from '../../core/errors.js';
import { BuiltinOp } from '../../core/ops.js';
import { Interpreter } from '../../interpreter/interpreter.js';
import { ModelBuilder } from '../../schema/builder/index.js';

test('strings move through TILE, SLICE, EXPAND_DIMS and FILL like any element', () => {
  const m = new ModelBuilder();
  const x = m.addInput({ dtype: 'string', shape: [2] });
  const reps = m.addTensor({ dtype: 'int32', shape: [1], data: Int32Array.of(2) });
  const tiled = m.addTensor({ dtype: 'string', shape: [4] });
  m.addOperator({ opcode: BuiltinOp.TILE, inputs: [x, reps], outputs: [tiled] });
  const begin = m.addTensor({ dtype: 'int32', shape: [1], data: Int32Array.of(1) });
  const size = m.addTensor({ dtype: 'int32', shape: [1], data: Int32Array.of(2) });
  const sliced = m.addOutput({ dtype: 'string', shape: [2] });
  m.addOperator({ opcode: BuiltinOp.SLICE, inputs: [tiled, begin, size], outputs: [sliced] });
  const axis = m.addTensor({ dtype: 'int32', shape: [], data: Int32Array.of(0) });
  const expanded = m.addOutput({ dtype: 'string', shape: [1, 2] });
  m.addOperator({ opcode: BuiltinOp.EXPAND_DIMS, inputs: [sliced, axis], outputs: [expanded] });
  const dims = m.addTensor({ dtype: 'int32', shape: [2], data: Int32Array.of(2, 2) });
  const value = m.addTensor({ dtype: 'string', shape: [], data: ['z'] });
  const filled = m.addOutput({ dtype: 'string', shape: [2, 2] });
  m.addOperator({ opcode: BuiltinOp.FILL, inputs: [dims, value], outputs: [filled] });
  const it = Interpreter.loadSync(m.build());
  it.allocateTensors();
  it.setTensor(x, ['left', 'right']);
  it.invoke();
  assert.deepEqual(it.getTensor(sliced), ['right', 'left']);
  assert.deepEqual(it.getTensor(expanded), ['right', 'left']);
  assert.deepEqual(it.getTensor(filled), ['z', 'z', 'z', 'z']);
});

test('PAD refuses strings instead of padding with numbers', () => {
  const m = new ModelBuilder();
  const x = m.addInput({ dtype: 'string', shape: [2] });
  const pads = m.addTensor({ dtype: 'int32', shape: [1, 2], data: Int32Array.of(1, 1) });
  const y = m.addOutput({ dtype: 'string', shape: [4] });
  m.addOperator({ opcode: BuiltinOp.PAD, inputs: [x, pads], outputs: [y] });
  const it = Interpreter.loadSync(m.build());
  assert.throws(() => it.allocateTensors(), UnsupportedError);
});
