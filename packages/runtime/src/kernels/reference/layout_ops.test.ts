/**
 * The layout kernels through the Interpreter: the SHAPE → STRIDED_SLICE → PACK → RESHAPE chain Keras exports
 * use to flatten with a dynamic batch resolves at prepare time (SHAPE is shape-only, the rest have constant
 * inputs), also after the batch is resized.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BuiltinOp } from '../../core/ops.js';
import { Interpreter } from '../../interpreter/interpreter.js';
import { ModelBuilder } from '../../schema/builder/index.js';
import { iota } from '@tflite-lambda/testing';
import { LAYOUT_KERNELS } from './layout_ops.js';

function flattenModel(): Uint8Array {
  const b = new ModelBuilder();
  const input = b.addInput({ name: 'x', dtype: 'float32', shape: [2, 3, 4], shapeSignature: [-1, 3, 4] });
  const shape = b.addTensor({ dtype: 'int32', shape: [3] });
  const c = (values: number[], shape: number[]) => b.addTensor({ dtype: 'int32', shape, data: Int32Array.from(values) });
  const batch = b.addTensor({ dtype: 'int32', shape: [] });
  const target = b.addTensor({ dtype: 'int32', shape: [2] });
  const output = b.addOutput({ name: 'y', dtype: 'float32', shape: [2, 12], shapeSignature: [-1, 12] });
  b.addOperator({ opcode: BuiltinOp.SHAPE, inputs: [input], outputs: [shape], options: { kind: 'ShapeOptions', outType: 'int32' } });
  b.addOperator({
    opcode: BuiltinOp.STRIDED_SLICE,
    inputs: [shape, c([0], [1]), c([1], [1]), c([1], [1])],
    outputs: [batch],
    options: { kind: 'StridedSliceOptions', beginMask: 0, endMask: 0, ellipsisMask: 0, newAxisMask: 0, shrinkAxisMask: 1, offset: false },
  });
  b.addOperator({ opcode: BuiltinOp.PACK, inputs: [batch, c([-1], [])], outputs: [target], options: { kind: 'PackOptions', valuesCount: 2, axis: 0 } });
  b.addOperator({ opcode: BuiltinOp.RESHAPE, inputs: [input, target], outputs: [output], options: { kind: 'ReshapeOptions', newShape: null } });
  return b.build();
}

test('SHAPE → STRIDED_SLICE → PACK → RESHAPE flattens with the batch known at prepare', async () => {
  const it = await Interpreter.load(flattenModel());
  it.allocateTensors();
  const [inp] = it.getInputDetails();
  const [out] = it.getOutputDetails();
  it.setTensor(inp!.index, Float32Array.from(iota(24)));
  it.invoke();
  assert.deepEqual(it.getOutputDetails()[0]!.shape, [2, 12]);
  assert.deepEqual([...(it.getTensor(out!.index) as Float32Array)], iota(24));

  it.resizeInputTensor(inp!.index, [5, 3, 4]);
  it.allocateTensors();
  it.setTensor(inp!.index, Float32Array.from(iota(60)));
  it.invoke();
  assert.deepEqual(it.getOutputDetails()[0]!.shape, [5, 12]);
  assert.deepEqual([...(it.getTensor(out!.index) as Float32Array)], iota(60));
});

test('LAYOUT_KERNELS registers each layout op once', () => {
  const ops = LAYOUT_KERNELS.map((k) => k.op);
  assert.equal(new Set(ops).size, ops.length);
  assert.equal(ops.length, 20);
});
