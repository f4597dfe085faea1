import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ModelFormatError, StateError } from '../core/errors.js';
import type { ModelDesc, SubgraphDesc, TensorDesc } from '../core/model.js';
import { BuiltinOp } from '../core/ops.js';
import type { BuiltinOptions } from '../core/options.js';
import { buildModel, ModelBuilder } from '../schema/builder/index.js';
import { Interpreter } from './interpreter.js';

function tensor(name: string, dtype: TensorDesc['dtype'], shape: number[], data: Uint8Array | null = null): TensorDesc {
  return { name, dtype, shape, shapeSignature: null, buffer: 0, data, quantization: null, isVariable: false };
}

function op(opcode: number, inputs: number[], outputs: number[], options: BuiltinOptions | null = null) {
  return { opcode, version: 1, customCode: null, inputs, outputs, intermediates: [], options, customOptions: null };
}

const handle: BuiltinOptions = { kind: 'VarHandleOptions', container: '', sharedName: 'weights' };

/** Subgraph 'set' assigns its input to the variable; 'get' reads it back. */
function variableSignatures(): ModelDesc {
  const set: SubgraphDesc = {
    name: 'set',
    tensors: [tensor('v', 'float32', [2]), tensor('h', 'resource', [1])],
    inputs: [0],
    outputs: [],
    operators: [op(BuiltinOp.VAR_HANDLE, [], [1], handle), op(BuiltinOp.ASSIGN_VARIABLE, [1, 0], [])],
  };
  const get: SubgraphDesc = {
    name: 'get',
    tensors: [tensor('h', 'resource', [1]), tensor('v', 'float32', [2])],
    inputs: [],
    outputs: [1],
    operators: [op(BuiltinOp.VAR_HANDLE, [], [0], handle), op(BuiltinOp.READ_VARIABLE, [0], [1])],
  };
  return {
    version: 3,
    description: 'resource variable signatures',
    subgraphs: [set, get],
    signatures: [
      { key: 'set', subgraphIndex: 0, inputs: [{ name: 'value', tensorIndex: 0 }], outputs: [] },
      { key: 'get', subgraphIndex: 1, inputs: [], outputs: [{ name: 'value', tensorIndex: 1 }] },
    ],
    metadata: [],
  };
}

test('signature runners run their subgraphs inside one interpreter, sharing its resource variables', () => {
  const it = Interpreter.loadSync(buildModel(variableSignatures()));
  it.getSignatureRunner('set').run({ value: new Float32Array([4, 2]) });
  assert.deepEqual(Array.from(it.getSignatureRunner('get').run({}).value as Float32Array), [4, 2]);
  // A variable is a resource, not a variable tensor: resetVariableTensors leaves it, as in TFLite.
  it.resetVariableTensors();
  assert.deepEqual(Array.from(it.getSignatureRunner('get').run({}).value as Float32Array), [4, 2]);
});

test('reading a variable before any assignment is a StateError naming the node', () => {
  const it = Interpreter.loadSync(buildModel(variableSignatures()));
  assert.throws(() => it.getSignatureRunner('get').run({}), (e: unknown) => e instanceof StateError && /READ_VARIABLE.*before any assignment/.test(e.message));
});

/** main: IF(cond, x) with a then branch that reads an unassigned variable. */
function failingBranchModel(): Uint8Array {
  const b = new ModelBuilder();
  const cond = b.addInput({ name: 'cond', dtype: 'bool', shape: [1] });
  const x = b.addInput({ name: 'x', dtype: 'float32', shape: [2] });
  const y = b.addOutput({ name: 'y', dtype: 'float32', shape: [2] });
  const then = b.addSubgraph('reads_unset');
  then.addInput({ name: 'x', dtype: 'float32', shape: [2] });
  const h = then.addTensor({ name: 'h', dtype: 'resource', shape: [1] });
  const v = then.addOutput({ name: 'v', dtype: 'float32', shape: [2] });
  then.addOperator({ opcode: BuiltinOp.VAR_HANDLE, inputs: [], outputs: [h], options: handle });
  then.addOperator({ opcode: BuiltinOp.READ_VARIABLE, inputs: [h], outputs: [v] });
  const otherwise = b.addSubgraph('identity');
  const ox = otherwise.addInput({ name: 'x', dtype: 'float32', shape: [2] });
  const oy = otherwise.addOutput({ name: 'y', dtype: 'float32', shape: [2] });
  otherwise.addOperator({ opcode: BuiltinOp.ADD, inputs: [ox, ox], outputs: [oy], options: { kind: 'AddOptions', fusedActivation: 'NONE', potScaleInt16: true } });
  b.addOperator({ opcode: BuiltinOp.IF, inputs: [cond, x], outputs: [y], options: { kind: 'IfOptions', thenSubgraphIndex: then.index, elseSubgraphIndex: otherwise.index } });
  return b.build();
}

test('an error inside a called subgraph names that subgraph, and the interpreter stays usable', () => {
  const it = Interpreter.loadSync(failingBranchModel());
  it.allocateTensors();
  it.setTensor(1, new Float32Array([1, 2]));
  it.setTensor(0, new Uint8Array([1]));
  assert.throws(() => it.invoke(), /reads_unset: node 1 \(READ_VARIABLE\)/);
  it.setTensor(0, new Uint8Array([0]));
  it.invoke();
  assert.deepEqual(Array.from(it.getTensor(it.getOutputDetails()[0]!.index) as Float32Array), [2, 4]);
});

test('a subgraph that calls itself is refused rather than recursing', () => {
  const b = new ModelBuilder();
  const x = b.addInput({ name: 'x', dtype: 'bool', shape: [1] });
  const y = b.addOutput({ name: 'y', dtype: 'bool', shape: [1] });
  // IF in subgraph 0 whose then branch is subgraph 0 itself.
  b.addOperator({ opcode: BuiltinOp.IF, inputs: [x, x], outputs: [y], options: { kind: 'IfOptions', thenSubgraphIndex: 0, elseSubgraphIndex: 0 } });
  const it = Interpreter.loadSync(b.build());
  assert.throws(() => it.allocateTensors(), (e: unknown) => e instanceof ModelFormatError && /main calls itself/.test(e.message));
});
