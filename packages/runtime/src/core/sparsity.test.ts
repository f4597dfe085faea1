import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ModelFormatError } from './errors.js';
import type { SparsityParams } from './model.js';
import { densify } from './sparsity.js';

const csr = (segments: number[], indices: number[]) =>
  ({ format: 'SPARSE_CSR', arraySegments: Int32Array.from(segments), arrayIndices: Int32Array.from(indices) }) as const;
const dense = (denseSize: number) => ({ format: 'DENSE', denseSize }) as const;

test('a CSR matrix places each stored value at its row and column', () => {
  // [[0, 7, 0, 0], [0, 0, 0, 0], [5, 0, 0, 9]]
  const s: SparsityParams = { traversalOrder: [0, 1], blockMap: [], dimMetadata: [dense(3), csr([0, 1, 1, 3], [1, 0, 3])] };
  const out = densify('float32', [3, 4], Float32Array.from([7, 5, 9]), s, 'w');
  assert.deepEqual([...out], [0, 7, 0, 0, 0, 0, 0, 0, 5, 0, 0, 9]);
});

test('a column-major traversal walks columns first', () => {
  // [[1, 0, 2], [0, 3, 0]] stored column by column, rows compressed.
  const s: SparsityParams = { traversalOrder: [1, 0], blockMap: [], dimMetadata: [dense(3), csr([0, 1, 2, 3], [0, 1, 0])] };
  const out = densify('int8', [2, 3], Int8Array.from([1, 3, 2]), s, 'w');
  assert.deepEqual([...out], [1, 0, 2, 0, 3, 0]);
});

test('2x2 blocks refine both dimensions: index = block · size + offset', () => {
  // [[1, 0, 2, 3], [0, 4, 0, 0], [0, 0, 5, 0], [0, 0, 0, 6]]: blocks (0,0), (0,1), (1,1) are stored.
  const s: SparsityParams = {
    traversalOrder: [0, 1, 2, 3],
    blockMap: [0, 1],
    dimMetadata: [dense(2), csr([0, 2, 3], [0, 1, 1]), dense(2), dense(2)],
  };
  const values = Float32Array.from([1, 0, 0, 4, 2, 3, 0, 0, 5, 0, 0, 6]);
  const out = densify('float32', [4, 4], values, s, 'w');
  assert.deepEqual([...out], [1, 0, 2, 3, 0, 4, 0, 0, 0, 0, 5, 0, 0, 0, 0, 6]);
});

test('a block on one dimension only (1x4 blocks along columns)', () => {
  // [[0, 0, 0, 0, 1, 2, 3, 4], [5, 6, 7, 8, 0, 0, 0, 0]]
  const s: SparsityParams = { traversalOrder: [0, 1, 2], blockMap: [1], dimMetadata: [dense(2), csr([0, 1, 2], [1, 0]), dense(4)] };
  const out = densify('float32', [2, 8], Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8]), s, 'w');
  assert.deepEqual([...out], [0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 0, 0]);
});

test('uint8 and uint16 index vectors read like int32 ones', () => {
  const s: SparsityParams = {
    traversalOrder: [0, 1],
    blockMap: [],
    dimMetadata: [dense(2), { format: 'SPARSE_CSR', arraySegments: Uint16Array.from([0, 1, 2]), arrayIndices: Uint8Array.from([2, 0]) }],
  };
  assert.deepEqual([...densify('int8', [2, 3], Int8Array.from([-4, 9]), s, 'w')], [0, 0, -4, 9, 0, 0]);
});

test('an all-dense encoding is the row-major data itself', () => {
  const s: SparsityParams = { traversalOrder: [0, 1], blockMap: [], dimMetadata: [dense(2), dense(2)] };
  assert.deepEqual([...densify('float32', [2, 2], Float32Array.from([1, 2, 3, 4]), s, 'w')], [1, 2, 3, 4]);
});

test('malformed encodings fail with ModelFormatError instead of writing out of bounds', () => {
  const bad = (s: SparsityParams, values: number[], shape = [2, 3]) =>
    assert.throws(() => densify('float32', shape, Float32Array.from(values), s, 'w'), ModelFormatError);
  bad({ traversalOrder: [0, 1], blockMap: [], dimMetadata: [dense(2), csr([0, 1, 5], [0, 1])] }, [1, 2]);
  bad({ traversalOrder: [0, 1], blockMap: [], dimMetadata: [dense(2), csr([0, 1, 2], [0, 3])] }, [1, 2]);
  bad({ traversalOrder: [0, 1], blockMap: [], dimMetadata: [dense(2), csr([0, 1, 2], [0, 1])] }, [1]);
  bad({ traversalOrder: [0, 0], blockMap: [], dimMetadata: [dense(2), dense(3)] }, [1, 2, 3, 4, 5, 6]);
  bad({ traversalOrder: [0, 1, 2], blockMap: [1], dimMetadata: [dense(2), dense(1), dense(2)] }, [1, 2, 3, 4]);
  bad({ traversalOrder: [0, 1], blockMap: [], dimMetadata: [dense(2)] }, [1, 2]);
});
