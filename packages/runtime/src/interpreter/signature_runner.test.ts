import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TensorError } from '../core/errors.js';
import type { ModelDesc, SubgraphDesc, TensorDesc } from '../core/model.js';
import { BuiltinOp } from '../core/ops.js';
import { buildModel } from '../schema/builder/index.js';
import { Interpreter } from './interpreter.js';

function tensor(name: string, data: Float32Array | null = null): TensorDesc {
  return {
    name,
    dtype: 'float32',
    shape: [2],
    shapeSignature: null,
    buffer: 0,
    data: data && new Uint8Array(data.buffer),
    quantization: null,
    isVariable: false,
  };
}

/** Subgraph `k` computes out = in + k (k = 1, 2), so which subgraph ran is visible in the result. */
function adderSubgraph(k: number): SubgraphDesc {
  return {
    name: `add${k}`,
    tensors: [tensor('in'), tensor('k', new Float32Array([k, k])), tensor('out')],
    inputs: [0],
    outputs: [2],
    operators: [
      {
        opcode: BuiltinOp.ADD,
        version: 1,
        customCode: null,
        inputs: [0, 1],
        outputs: [2],
        intermediates: [],
        options: null,
        customOptions: null,
      },
    ],
  };
}

const model: ModelDesc = {
  version: 3,
  description: 'two signatures',
  subgraphs: [adderSubgraph(1), adderSubgraph(2)],
  signatures: [
    { key: 'plus_one', subgraphIndex: 0, inputs: [{ name: 'x', tensorIndex: 0 }], outputs: [{ name: 'y', tensorIndex: 2 }] },
    { key: 'plus_two', subgraphIndex: 1, inputs: [{ name: 'x', tensorIndex: 0 }], outputs: [{ name: 'y', tensorIndex: 2 }] },
  ],
  metadata: [],
};

test('signature list mirrors the model signature defs', () => {
  const it = Interpreter.loadSync(buildModel(model));
  assert.deepEqual(it.getSignatureList(), {
    plus_one: { inputs: ['x'], outputs: ['y'] },
    plus_two: { inputs: ['x'], outputs: ['y'] },
  });
});

test('a signature on another subgraph runs that subgraph, by name', () => {
  const it = Interpreter.loadSync(buildModel(model));
  const y1 = it.getSignatureRunner('plus_one').run({ x: new Float32Array([1, 2]) }).y;
  const y2 = it.getSignatureRunner('plus_two').run({ x: new Float32Array([1, 2]) }).y;
  assert.deepEqual(Array.from(y1 as Float32Array), [2, 3]);
  assert.deepEqual(Array.from(y2 as Float32Array), [3, 4]);
});

test('subgraph 1 can be run directly and every subgraph stays addressable', () => {
  const it = Interpreter.loadSync(buildModel(model), { subgraph: 1 });
  assert.equal(it.model.subgraphs.length, 2);
  const [y] = it.run([new Float32Array([0, 0])]);
  assert.deepEqual(Array.from(y as Float32Array), [2, 2]);
  assert.throws(() => Interpreter.loadSync(buildModel(model), { subgraph: 2 }), TensorError);
});

test('unknown signatures and unknown or missing input names are TensorErrors', () => {
  const it = Interpreter.loadSync(buildModel(model));
  assert.throws(() => it.getSignatureRunner('nope'), /no signature 'nope'/);
  const runner = it.getSignatureRunner('plus_one');
  assert.throws(() => runner.run({}), /missing input 'x'/);
  assert.throws(() => runner.run({ x: new Float32Array(2), z: new Float32Array(2) }), /no input 'z'/);
});
