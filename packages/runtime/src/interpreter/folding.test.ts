import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BuiltinOp } from '../core/ops.js';
import { ModelBuilder } from '../schema/builder/index.js';
import { Interpreter } from './interpreter.js';

/**
 * Keras exports often compute a RESHAPE target at run time: SHAPE(x) feeding RESHAPE. The SHAPE node depends
 * only on x's shape, so the interpreter evaluates it at prepare time and RESHAPE sees a constant shape.
 */
function shapeDrivenReshape(): Uint8Array {
  const b = new ModelBuilder();
  const like = b.addInput({ name: 'like', dtype: 'float32', shape: [2, 3], shapeSignature: [-1, 3] });
  const flat = b.addInput({ name: 'flat', dtype: 'float32', shape: [6], shapeSignature: [-1] });
  const shape = b.addTensor({ name: 'shape', dtype: 'int32', shape: [2] });
  const out = b.addOutput({ name: 'out', dtype: 'float32', shape: [2, 3] });
  b.addOperator({ opcode: BuiltinOp.SHAPE, inputs: [like], outputs: [shape], options: { kind: 'ShapeOptions', outType: 'int32' } });
  b.addOperator({ opcode: BuiltinOp.RESHAPE, inputs: [flat, shape], outputs: [out] });
  return b.build();
}

test('a SHAPE node is folded at prepare time so RESHAPE gets a known shape', () => {
  const it = Interpreter.loadSync(shapeDrivenReshape());
  it.allocateTensors();
  assert.deepEqual(it.getOutputDetails()[0].shape, [2, 3]);
  const [like, flat] = it.getInputDetails();
  it.setTensor(flat.index, new Float32Array([1, 2, 3, 4, 5, 6]));
  it.invoke();
  assert.deepEqual(Array.from(it.getTensor(it.getOutputDetails()[0].index) as Float32Array), [1, 2, 3, 4, 5, 6]);
  // Folding is redone for new shapes.
  it.resizeInputTensor(like.index, [3, 3]);
  it.resizeInputTensor(flat.index, [9]);
  it.allocateTensors();
  assert.deepEqual(it.getOutputDetails()[0].shape, [3, 3]);
});

test('a node whose inputs are all constant is evaluated once, at prepare time', () => {
  const b = new ModelBuilder();
  const x = b.addInput({ name: 'x', dtype: 'float32', shape: [2] });
  const c1 = b.addTensor({ name: 'c1', dtype: 'float32', shape: [2], data: new Float32Array([1, 2]) });
  const c2 = b.addTensor({ name: 'c2', dtype: 'float32', shape: [2], data: new Float32Array([10, 20]) });
  const folded = b.addTensor({ name: 'c1_plus_c2', dtype: 'float32', shape: [2] });
  const y = b.addOutput({ name: 'y', dtype: 'float32', shape: [2] });
  b.addOperator({ opcode: BuiltinOp.ADD, inputs: [c1, c2], outputs: [folded] });
  b.addOperator({ opcode: BuiltinOp.MUL, inputs: [x, folded], outputs: [y] });
  const it = Interpreter.loadSync(b.build());
  it.allocateTensors();
  it.setTensor(x, new Float32Array([2, 3]));
  it.invoke();
  assert.deepEqual(Array.from(it.getTensor(y) as Float32Array), [22, 66]);
  // The folded value is a constant now: setTensor refuses it.
  assert.throws(() => it.setTensor(folded, new Float32Array(2)), /constant/);
});
