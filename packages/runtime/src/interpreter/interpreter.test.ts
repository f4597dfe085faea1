import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BuiltinOp } from '../core/ops.js';
import { ModelFormatError, StateError, TensorError, TfliteError, UnsupportedError } from '../core/errors.js';
import { ModelBuilder, singleOpModel } from '../schema/builder/index.js';
import { numericValue, sharedDir, skipWithoutShared } from '@tflite-lambda/testing';
import { Interpreter } from './interpreter.js';

const values = (a: Parameters<typeof numericValue>[0]): number[] => Array.from(numericValue(a) as Float32Array);

/** y = relu(x · W + b) with x:[batch,3], W:[2,3] (TFLite's [out,in]), b:[2]; batch is dynamic (-1). */
function denseModel(): Uint8Array {
  const b = new ModelBuilder();
  const x = b.addInput({ name: 'x', dtype: 'float32', shape: [1, 3], shapeSignature: [-1, 3] });
  const w = b.addTensor({ name: 'w', dtype: 'float32', shape: [2, 3], data: new Float32Array([1, 2, 3, -1, -2, -3]) });
  const bias = b.addTensor({ name: 'b', dtype: 'float32', shape: [2], data: new Float32Array([0.5, 10]) });
  const y = b.addOutput({ name: 'y', dtype: 'float32', shape: [1, 2], shapeSignature: [-1, 2] });
  b.addOperator({
    opcode: BuiltinOp.FULLY_CONNECTED,
    inputs: [x, w, bias],
    outputs: [y],
    options: { kind: 'FullyConnectedOptions', fusedActivation: 'RELU', weightsFormat: 'DEFAULT', keepNumDims: false, asymmetricQuantizeInputs: false },
  });
  return b.build();
}

test('interpreter runs a dense layer and reports TFLite-style details', async () => {
  const it = await Interpreter.load(denseModel());
  it.allocateTensors();
  const [inp] = it.getInputDetails();
  const [out] = it.getOutputDetails();
  assert.deepEqual(inp.shape, [1, 3]);
  assert.deepEqual(inp.shapeSignature, [-1, 3]);
  assert.equal(inp.dtype, 'float32');
  assert.deepEqual(inp.quantization, { scale: [], zeroPoint: [], quantizedDimension: 0 });
  it.setTensor(inp.index, new Float32Array([1, 1, 1]));
  it.invoke();
  // [1+2+3+0.5, relu(-6+10)]
  assert.deepEqual(values(it.getTensor(out.index)), [6.5, 4]);
});

test('allocateTensors twice is harmless and invoke is repeatable', async () => {
  const it = await Interpreter.load(denseModel());
  it.allocateTensors();
  const [inp] = it.getInputDetails();
  it.setTensor(inp.index, new Float32Array([1, 0, 0]));
  it.allocateTensors();
  it.invoke();
  const first = it.getTensor(it.getOutputDetails()[0].index);
  it.invoke();
  assert.deepEqual(it.getTensor(it.getOutputDetails()[0].index), first);
  assert.deepEqual(values(first), [1.5, 9]);
});

test('resizeInputTensor fixes a dynamic batch at allocate time', async () => {
  const it = await Interpreter.load(denseModel());
  const [inp] = it.getInputDetails();
  it.resizeInputTensor(inp.index, [3, 3]);
  it.allocateTensors();
  assert.deepEqual(it.getOutputDetails()[0].shape, [3, 2]);
  it.setTensor(inp.index, new Float32Array([1, 1, 1, 0, 0, 0, -1, -1, -1]));
  it.invoke();
  assert.deepEqual(values(it.getTensor(it.getOutputDetails()[0].index)), [6.5, 4, 0.5, 10, 0, 16]);
});

test('getTensor returns a copy, not a view of the arena', async () => {
  const it = await Interpreter.load(denseModel());
  it.allocateTensors();
  const out = it.getOutputDetails()[0].index;
  it.setTensor(it.getInputDetails()[0].index, new Float32Array([1, 1, 1]));
  it.invoke();
  const a = it.getTensor(out);
  a[0] = 123;
  assert.equal(it.getTensor(out)[0], 6.5);
});

test('constant tensors are views into the model bytes, not copies', async () => {
  // y = max(x, c) with c constant: MAXIMUM reads c directly (no kernel packs or copies it, as the wasm ADD
  // does), so a change to the model bytes after load is visible in the result only if the interpreter kept
  // a view instead of a copy.
  const b = new ModelBuilder();
  const x = b.addInput({ name: 'x', dtype: 'float32', shape: [4] });
  const c = b.addTensor({ name: 'c', dtype: 'float32', shape: [4], data: new Float32Array([1.25, 2.5, 3.75, 5.125]) });
  const y = b.addOutput({ name: 'y', dtype: 'float32', shape: [4] });
  b.addOperator({ opcode: BuiltinOp.MAXIMUM, inputs: [x, c], outputs: [y] });
  const bytes = b.build();
  const it = await Interpreter.load(bytes);
  it.allocateTensors();
  const needle = Buffer.from(new Float32Array([1.25, 2.5, 3.75, 5.125]).buffer);
  const at = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(needle);
  assert.ok(at > 0);
  new DataView(bytes.buffer, bytes.byteOffset).setFloat32(at, 100, true);
  it.setTensor(x, new Float32Array([0, 0, 0, 0]));
  it.invoke();
  assert.deepEqual(values(it.getTensor(y)), [100, 2.5, 3.75, 5.125]);
});

test('setTensor rejects a wrong dtype, a wrong length and a bad index with TensorError', async () => {
  const it = await Interpreter.load(denseModel());
  it.allocateTensors();
  const idx = it.getInputDetails()[0].index;
  assert.throws(() => it.setTensor(idx, new Int32Array(3)), TensorError);
  assert.throws(() => it.setTensor(idx, new Float32Array(4)), /needs 3 elements; got 4/);
  assert.throws(() => it.setTensor(999, new Float32Array(3)), TensorError);
  assert.throws(() => it.getTensor(-1), TensorError);
  assert.throws(() => it.resizeInputTensor(it.getOutputDetails()[0].index, [1, 2]), /not an input/);
  assert.throws(() => it.resizeInputTensor(idx, [1.5, 3]), TensorError);
});

test('invoke before allocateTensors, or after a resize, is a StateError', async () => {
  const it = await Interpreter.load(denseModel());
  assert.throws(() => it.invoke(), StateError);
  it.allocateTensors();
  it.resizeInputTensor(it.getInputDetails()[0].index, [2, 3]);
  assert.throws(() => it.invoke(), StateError);
});

test('an operator without a kernel fails at load, naming the op, its code and version', () => {
  const builtin = singleOpModel({
    opcode: BuiltinOp.CONCAT_EMBEDDINGS,
    version: 1,
    inputs: [{ dtype: 'float32', shape: [2, 2] }, { dtype: 'int32', shape: [2], data: new Int32Array([2, 2]) }],
    outputs: [{ dtype: 'float32', shape: [2, 2] }],
  });
  assert.throws(() => Interpreter.loadSync(builtin), (err: unknown) => {
    assert.ok(err instanceof UnsupportedError);
    assert.match(err.message, /node 0: unsupported operator CONCAT_EMBEDDINGS \(code 29, version 1\)/);
    return true;
  });
  const b = new ModelBuilder();
  const x = b.addInput({ dtype: 'float32', shape: [2] });
  const y = b.addOutput({ dtype: 'float32', shape: [2] });
  b.addOperator({ opcode: BuiltinOp.CUSTOM, customCode: 'MyCustomOp', inputs: [x], outputs: [y] });
  assert.throws(() => Interpreter.loadSync(b.build()), /unsupported operator CUSTOM 'MyCustomOp' \(code 32, version 1\)/);
});

test('a truncated model is a ModelFormatError, and a missing file a TfliteError', async () => {
  const bytes = denseModel();
  assert.throws(() => Interpreter.loadSync(bytes.subarray(0, 40)), ModelFormatError);
  await assert.rejects(Interpreter.load('/nonexistent/model.tflite'), TfliteError);
});

test('models loaded from an unaligned Buffer slice still run', () => {
  const bytes = denseModel();
  const padded = new Uint8Array(bytes.byteLength + 3);
  padded.set(bytes, 3);
  const it = Interpreter.loadSync(padded.subarray(3));
  it.allocateTensors();
  it.setTensor(it.getInputDetails()[0].index, new Float32Array([1, 1, 1]));
  it.invoke();
  assert.deepEqual(values(it.getTensor(it.getOutputDetails()[0].index)), [6.5, 4]);
});

test('run() sets inputs, invokes and returns outputs', () => {
  const it = Interpreter.loadSync(denseModel());
  const [y] = it.run([{ data: new Float32Array([0, 0, 0, 1, 1, 1]), shape: [2, 3] }]);
  assert.deepEqual(values(y), [0.5, 10, 6.5, 4]);
});

test('arena of the corpus MLP stays within its recorded size', { skip: skipWithoutShared() }, () => {
  const it = Interpreter.loadSync(readFileSync(join(sharedDir()!, 'conformance/mnist_mlp_float/model.tflite')));
  it.allocateTensors();
  // Threshold test (as TFLite Micro's): fails if planning regresses. Inputs/outputs + one live intermediate.
  assert.ok(it.arenaBytes > 0 && it.arenaBytes <= 3696, `arena grew to ${it.arenaBytes} bytes`);
  assert.ok(it.weightBytes > 400_000);
});
