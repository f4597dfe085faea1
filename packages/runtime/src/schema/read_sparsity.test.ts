import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ModelFormatError } from '../core/errors.js';
import type { SparsityParams } from '../core/model.js';
import { BuiltinOp } from '../core/ops.js';
import { ModelBuilder } from './builder/index.js';
import { readModel } from './read_model.js';

function modelWith(sparsity: SparsityParams, values: Float32Array, shape: number[]): Uint8Array {
  const m = new ModelBuilder();
  const w = m.addTensor({ dtype: 'float32', shape, data: values, sparsity });
  const y = m.addOutput({ dtype: 'float32', shape });
  m.addOperator({ opcode: BuiltinOp.DENSIFY, inputs: [w], outputs: [y] });
  return m.build();
}

test('sparsity parameters read back as written, with each index vector type kept', () => {
  const sparsity: SparsityParams = {
    traversalOrder: [0, 1, 2, 3],
    blockMap: [0, 1],
    dimMetadata: [
      { format: 'DENSE', denseSize: 2 },
      { format: 'SPARSE_CSR', arraySegments: Int32Array.from([0, 2, 3]), arrayIndices: Uint16Array.from([0, 1, 1]) },
      { format: 'DENSE', denseSize: 2 },
      { format: 'DENSE', denseSize: 2 },
    ],
  };
  const desc = readModel(modelWith(sparsity, new Float32Array(12), [4, 4])).subgraphs[0]!.tensors[0]!;
  assert.deepEqual(desc.sparsity, sparsity);
  assert.equal(desc.data!.byteLength, 48);
  const small = { ...sparsity, dimMetadata: sparsity.dimMetadata.map((d) => d.format === 'DENSE' ? d : { ...d, arrayIndices: Uint8Array.from(d.arrayIndices) }) };
  assert.ok(readModel(modelWith(small, new Float32Array(12), [4, 4])).subgraphs[0]!.tensors[0]!.sparsity!.dimMetadata[1]!.format === 'SPARSE_CSR');
});

test('a traversal order that does not fit the shape is a ModelFormatError at read', () => {
  const sparsity: SparsityParams = { traversalOrder: [0], blockMap: [], dimMetadata: [{ format: 'DENSE', denseSize: 4 }] };
  assert.throws(() => readModel(modelWith(sparsity, new Float32Array(4), [2, 2])), (e) => e instanceof ModelFormatError && /traversal_order/.test(e.message));
});
