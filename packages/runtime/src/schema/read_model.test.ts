import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ModelFormatError, UnsupportedError } from '../core/errors.js';
import type { ModelDesc } from '../core/model.js';
import { BuiltinOp, opName } from '../core/ops.js';
import { sharedDir, skipWithoutShared } from '@tflite-lambda/testing';
import { buildModel, ModelBuilder, singleOpModel } from './builder/index.js';
import { ModelSurgery } from './model_surgery.js';
import { readModel } from './read_model.js';
import { BufferF, ModelF, OperatorCodeF, OperatorF, TensorF } from './schema_fields.js';

interface MetaTensor {
  index: number;
  name: string;
  dtype: string;
  shape: number[];
  quantization: { scale: number[]; zeroPoint: number[] } | null;
}
interface Meta {
  subgraphs: number;
  ops: string[];
  inputs: MetaTensor[];
  outputs: MetaTensor[];
}

function corpusModels(): string[] {
  const dir = sharedDir();
  if (dir === null) return [];
  return readdirSync(join(dir, 'conformance'), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

function describeIo(model: ModelDesc, indices: readonly number[]): MetaTensor[] {
  const sg = model.subgraphs[0];
  return indices.map((index) => {
    const t = sg.tensors[index];
    const q = t.quantization;
    return {
      index,
      name: t.name,
      dtype: t.dtype,
      shape: [...t.shape],
      quantization: q === null ? null : { scale: [...q.scale], zeroPoint: [...q.zeroPoint] },
    };
  });
}

test('reads all 18 corpus models as their meta.json describes', { skip: skipWithoutShared() }, () => {
  const models = corpusModels();
  assert.ok(models.length >= 18, `${models.length} corpus models`);
  for (const name of models) {
    const folder = join(sharedDir()!, 'conformance', name);
    const meta = JSON.parse(readFileSync(join(folder, 'meta.json'), 'utf8')) as Meta;
    const bytes = new Uint8Array(readFileSync(join(folder, 'model.tflite')));
    const model = readModel(bytes);
    assert.equal(model.subgraphs.length, meta.subgraphs, `${name}: subgraph count`);
    const ops = [...new Set(model.subgraphs[0].operators.map((o) => opName(o.opcode)))].sort();
    assert.deepEqual(ops, [...meta.ops].sort(), `${name}: ops`);
    assert.deepEqual(describeIo(model, model.subgraphs[0].inputs), meta.inputs, `${name}: inputs`);
    assert.deepEqual(describeIo(model, model.subgraphs[0].outputs), meta.outputs, `${name}: outputs`);
  }
});

test('constant tensor data are views into the model bytes, and empty buffers are null', { skip: skipWithoutShared() }, () => {
  const bytes = new Uint8Array(readFileSync(join(sharedDir()!, 'conformance', 'mnist_cnn_float', 'model.tflite')));
  const sg = readModel(bytes).subgraphs[0];
  const constants = sg.tensors.filter((t) => t.data !== null);
  assert.ok(constants.length >= 6);
  for (const t of constants) assert.equal(t.data!.buffer, bytes.buffer, `${t.name} is not a view`);
  for (const i of sg.inputs) assert.equal(sg.tensors[i].data, null);
});

function convModel(opcode: number = BuiltinOp.CONV_2D): Uint8Array {
  return singleOpModel({
    opcode,
    version: 2,
    options: null,
    inputs: [
      { dtype: 'float32', shape: [1, 4] },
      { dtype: 'int8', shape: [2], data: new Int8Array([1, -1]), quantization: { scale: [0.5], zeroPoint: [0], quantizedDimension: 0 } },
    ],
    outputs: [{ dtype: 'float32', shape: [1, 4] }],
  });
}

test('op code is the larger of deprecated_builtin_code and builtin_code', () => {
  const gelu = convModel(BuiltinOp.GELU);
  const s = new ModelSurgery(gelu);
  assert.equal(s.opcode(0).int8(OperatorCodeF.deprecatedBuiltinCode, 0), 127);
  assert.equal(readModel(gelu).subgraphs[0].operators[0].opcode, BuiltinOp.GELU);
  assert.equal(readModel(gelu).subgraphs[0].operators[0].version, 2);

  // An old file: builtin_code absent, only the int8 field.
  const old = convModel();
  const o = new ModelSurgery(old);
  o.setU16(o.vtableSlot(o.opcode(0), OperatorCodeF.builtinCode), 0);
  assert.equal(o.opcode(0).has(OperatorCodeF.builtinCode), false);
  assert.equal(readModel(old).subgraphs[0].operators[0].opcode, BuiltinOp.CONV_2D);
});

test('the TFL3 identifier may be absent', () => {
  const bytes = convModel();
  bytes.fill(0, 4, 8);
  assert.equal(readModel(bytes).subgraphs[0].operators[0].opcode, BuiltinOp.CONV_2D);
});

test('a schema version other than 3 is refused as unsupported', () => {
  const bytes = convModel();
  const s = new ModelSurgery(bytes);
  s.setI32(s.fieldPos(s.model, ModelF.version, 4), 2);
  assert.throws(() => readModel(bytes), (e) => e instanceof UnsupportedError && /schema version 2/.test(e.message));
});

test('a truncated file says what runs past the end', () => {
  const bytes = convModel();
  const cut = bytes.subarray(0, bytes.byteLength - 40);
  assert.throws(() => readModel(cut), (e) => e instanceof ModelFormatError && /runs past the end of the file/.test(e.message));
  assert.throws(() => readModel(new Uint8Array(3)), ModelFormatError);
});

test('out-of-range buffer and tensor indices name the tensor or operator', () => {
  const a = convModel();
  const sa = new ModelSurgery(a);
  sa.setI32(sa.fieldPos(sa.tensor(0, 1), TensorF.buffer, 4), 999);
  assert.throws(() => readModel(a), (e) => e instanceof ModelFormatError && /subgraph 0, tensor 1: buffer index 999/.test(e.message));

  const b = convModel();
  const sb = new ModelSurgery(b);
  const inputs = sb.operator(0, 0).vector(OperatorF.inputs, 4, 'inputs')!;
  sb.setI32(inputs.start + 4, 77);
  assert.throws(() => readModel(b), (e) => e instanceof ModelFormatError && /subgraph 0, operator 0: input tensor index 77/.test(e.message));
});

test('a hostile vector length fails fast instead of allocating', () => {
  const bytes = convModel();
  const s = new ModelSurgery(bytes);
  const shape = s.tensor(0, 0).vector(TensorF.shape, 4, 'shape')!;
  s.setI32(shape.start - 4, 0x7fffffff);
  assert.throws(() => readModel(bytes), (e) => e instanceof ModelFormatError && /tensor 0: shape .* runs past the end/.test(e.message));
});

test('constant data whose size does not match the shape is a format error', () => {
  const bytes = convModel();
  const s = new ModelSurgery(bytes);
  const shape = s.tensor(0, 1).vector(TensorF.shape, 4, 'shape')!;
  s.setI32(shape.start, 3);
  assert.throws(() => readModel(bytes), (e) => e instanceof ModelFormatError && /buffer holds 2 bytes but int8\[3\] needs 3/.test(e.message));
});

test('buffers stored after the flatbuffer (offset/size form) are read as views', () => {
  const m = new ModelBuilder();
  const x = m.addInput({ dtype: 'float32', shape: [3] });
  const w = m.addTensor({ dtype: 'float32', shape: [3], data: new Float32Array([1.5, -2, 8]) });
  const y = m.addOutput({ dtype: 'float32', shape: [3] });
  m.addOperator({ opcode: BuiltinOp.ADD, inputs: [x, w], outputs: [y] });
  const desc = readModel(m.build());
  const bytes = buildModel(desc, { externalData: true });
  const s = new ModelSurgery(bytes);
  assert.equal(s.buffer(1).has(BufferF.data), false);
  const t = readModel(bytes).subgraphs[0].tensors[w];
  assert.equal(t.data!.buffer, bytes.buffer);
  assert.deepEqual([...new Float32Array(t.data!.slice().buffer)], [1.5, -2, 8]);

  s.setU64(s.fieldPos(s.buffer(1), BufferF.offset, 8), BigInt(bytes.byteLength - 4));
  assert.throws(() => readModel(bytes), (e) => e instanceof ModelFormatError && /buffer 1: buffer data at offset .* outside/.test(e.message));
});

test('a tensor of a type the runtime lacks loads, and fails naming the tensor when used', () => {
  const bytes = convModel();
  const s = new ModelSurgery(bytes);
  s.setU8(s.fieldPos(s.tensor(0, 1), TensorF.type, 1), 11); // COMPLEX128
  const t = readModel(bytes).subgraphs[0].tensors[1];
  assert.throws(() => t.dtype, (e) => e instanceof UnsupportedError && /tensor 1 't1': tensor type COMPLEX128/.test(e.message));
});

test('shape_signature keeps -1 for dynamic dimensions, and no signature reads as null', () => {
  const m = new ModelBuilder();
  const x = m.addInput({ dtype: 'float32', shape: [1, 5], shapeSignature: [-1, 5] });
  const y = m.addOutput({ dtype: 'float32', shape: [1, 5] });
  m.addOperator({ opcode: BuiltinOp.RELU, inputs: [x], outputs: [y] });
  const sg = readModel(m.build()).subgraphs[0];
  assert.deepEqual(sg.tensors[x].shapeSignature, [-1, 5]);
  assert.equal(sg.tensors[y].shapeSignature, null);
});

test('bytes that start inside a larger buffer (a Node Buffer slice) read the same', () => {
  const model = convModel();
  const host = new Uint8Array(model.byteLength + 7);
  host.set(model, 3);
  const inner = host.subarray(3, 3 + model.byteLength);
  const t = readModel(inner).subgraphs[0].tensors[1];
  assert.equal(t.data!.buffer, host.buffer);
  assert.deepEqual([...new Int8Array(t.data!.slice().buffer)], [1, -1]);
});

test('a per-channel quantized_dimension beyond the tensor rank is kept for the kernels to judge', () => {
  const m = new ModelBuilder();
  const q = { scale: [0.5, 0.25], zeroPoint: [0, 0], quantizedDimension: 3 };
  m.addInput({ dtype: 'int32', shape: [2], quantization: q });
  const bytes = m.build();
  const tensor = readModel(bytes).subgraphs[0]!.tensors[0]!;
  assert.deepEqual(tensor.quantization, q);
});
