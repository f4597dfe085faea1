/**
 * Run-time output sizes that the tfjs-tflite oracle cannot check (its build lacks DILATE and takes no string
 * inputs): the dynamic paths of DILATE and SKIP_GRAM, on hand-checked values, across invokes whose sizes change.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BuiltinOp } from '../../core/ops.js';
import { Interpreter } from '../../interpreter/interpreter.js';
import { ModelBuilder } from '../../schema/builder/index.js';

test('DILATE with run-time dilations sizes its output at each invoke', () => {
  const m = new ModelBuilder();
  const x = m.addTensor({ dtype: 'float32', shape: [2, 2], data: Float32Array.of(1, 2, 3, 4) });
  const dilations = m.addInput({ dtype: 'int32', shape: [2] });
  const pad = m.addTensor({ dtype: 'float32', shape: [], data: Float32Array.of(0) });
  const y = m.addOutput({ dtype: 'float32', shape: [1, 1] });
  m.addOperator({ opcode: BuiltinOp.DILATE, inputs: [x, dilations, pad], outputs: [y] });
  const it = Interpreter.loadSync(m.build());
  it.allocateTensors();
  it.setTensor(dilations, Int32Array.of(2, 1));
  it.invoke();
  assert.deepEqual(it.getOutputDetails()[0]!.shape, [3, 2]);
  assert.deepEqual([...(it.getTensor(y) as Float32Array)], [1, 2, 0, 0, 3, 4]);
  it.setTensor(dilations, Int32Array.of(1, 3));
  it.invoke();
  assert.deepEqual(it.getOutputDetails()[0]!.shape, [2, 4]);
  assert.deepEqual([...(it.getTensor(y) as Float32Array)], [1, 0, 0, 2, 3, 0, 0, 4]);
});

test('SKIP_GRAM on a run-time sentence gives as many n-grams as that sentence has', () => {
  const m = new ModelBuilder();
  const x = m.addInput({ dtype: 'string', shape: [1] });
  const y = m.addOutput({ dtype: 'string', shape: [1] });
  m.addOperator({ opcode: BuiltinOp.SKIP_GRAM, inputs: [x], outputs: [y], options: { kind: 'SkipGramOptions', ngramSize: 2, maxSkipSize: 1, includeAllNgrams: false } });
  const it = Interpreter.loadSync(m.build());
  it.allocateTensors();
  it.setTensor(x, ['the quick brown fox']);
  it.invoke();
  assert.deepEqual(it.getTensor(y), ['the quick', 'the brown', 'quick brown', 'quick fox', 'brown fox']);
  it.setTensor(x, ['a b']);
  it.invoke();
  assert.deepEqual(it.getTensor(y), ['a b']);
});
