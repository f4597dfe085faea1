/**
 * EMBEDDING_LOOKUP_SPARSE (SUM, MEAN, SQRTN; rows that recur after another row), HASHTABLE_LOOKUP (hits and
 * misses, float32 and int32 values) and LSH_PROJECTION (SPARSE and DENSE, with and without weights, over
 * float32 and int32 rows). TFLite makes EMBEDDING_LOOKUP_SPARSE's output dynamic, and LiteRT.js cannot hand
 * out a dynamic graph output, so that case adds a constant zero after the op.
 */
import { BuiltinOp } from '@tflite-lambda/runtime/internal';
import { CaseBuilder, type DiffCase, type DiffFamily } from '../case_builder.js';
import { i32, normalFloats, randomInts, uniformFloats } from '../random_data.js';
import { Rng } from '../rng.js';

function embeddingLookupSparse(rng: Rng, combiner: 'SUM' | 'MEAN' | 'SQRTN', coords: number[][], dense: number[], vocab: number, embedding: number[]): DiffCase {
  const b = new CaseBuilder();
  const n = coords.length;
  const ids = b.input({ dtype: 'int32', shape: [n] }, randomInts(rng, 'int32', [n], 0, vocab - 1));
  const indices = b.input({ dtype: 'int32', shape: [n, dense.length] }, i32(coords.flat()));
  const shape = b.constant({ dtype: 'int32', shape: [dense.length] }, i32(dense));
  const weights = b.input({ dtype: 'float32', shape: [n] }, uniformFloats(rng, [n], 0.2, 2));
  const value = b.constant({ dtype: 'float32', shape: [vocab, ...embedding] }, normalFloats(rng, [vocab, ...embedding]));
  const outShape = [...dense.slice(0, -1), ...embedding];
  const looked = b.intermediate({ dtype: 'float32', shape: outShape });
  b.op(BuiltinOp.EMBEDDING_LOOKUP_SPARSE, [ids, indices, shape, weights, value], [looked], { kind: 'EmbeddingLookupSparseOptions', combiner });
  const zero = b.constant({ dtype: 'float32', shape: [] }, Float32Array.of(0));
  b.op(BuiltinOp.ADD, [looked, zero], [b.output({ dtype: 'float32', shape: outShape })], { kind: 'AddOptions', fusedActivation: 'NONE', potScaleInt16: true });
  return b.build(`EMBEDDING_LOOKUP_SPARSE ${combiner} ${n} ids in dense [${dense}] over [${vocab},${embedding}]`);
}

function hashtableLookup(rng: Rng, dtype: 'float32' | 'int32', lookup: number[], keys: number[], row: number[]): DiffCase {
  const b = new CaseBuilder();
  const l = b.input({ dtype: 'int32', shape: [lookup.length] }, i32(lookup));
  const k = b.constant({ dtype: 'int32', shape: [keys.length] }, i32(keys));
  const vShape = [keys.length, ...row];
  const v = b.constant({ dtype, shape: vShape }, dtype === 'float32' ? normalFloats(rng, vShape) : randomInts(rng, 'int32', vShape, -99, 99));
  const out = b.output({ dtype, shape: [lookup.length, ...row] });
  const hits = b.output({ dtype: 'uint8', shape: [lookup.length] });
  b.op(BuiltinOp.HASHTABLE_LOOKUP, [l, k, v], [out, hits]);
  return b.build(`HASHTABLE_LOOKUP ${dtype} ${lookup.length} keys looked up in ${keys.length}`);
}

function lsh(rng: Rng, type: 'SPARSE' | 'DENSE', dtype: 'float32' | 'int32', hashes: number, bits: number, input: number[], weighted: boolean): DiffCase {
  const b = new CaseBuilder();
  const seeds = b.constant({ dtype: 'float32', shape: [hashes, bits] }, normalFloats(rng, [hashes, bits]));
  const x = b.input({ dtype, shape: input }, dtype === 'float32' ? normalFloats(rng, input) : randomInts(rng, 'int32', input, -1000, 1000));
  const ins = [seeds, x];
  if (weighted) ins.push(b.input({ dtype: 'float32', shape: [input[0]!] }, uniformFloats(rng, [input[0]!], -1, 1)));
  const out = b.output({ dtype: 'int32', shape: [type === 'SPARSE' ? hashes : hashes * bits] });
  b.op(BuiltinOp.LSH_PROJECTION, ins, [out], { kind: 'LSHProjectionOptions', type });
  return b.build(`LSH_PROJECTION ${type} ${hashes}×${bits} bits over ${dtype} [${input}]${weighted ? ' weighted' : ''}`);
}

export const lookupHashFamily: DiffFamily = {
  name: 'sparse embedding lookup, hash table lookup and LSH projection',
  cases(seed: number): DiffCase[] {
    const rng = new Rng(seed + 787);
    return [
      embeddingLookupSparse(rng, 'SUM', [[0, 0], [0, 1], [1, 0], [2, 3]], [3, 4], 6, [3]),
      embeddingLookupSparse(rng, 'MEAN', [[0, 0], [1, 0], [1, 2], [0, 1]], [2, 3], 5, [2, 2]),
      embeddingLookupSparse(rng, 'SQRTN', [[0, 1, 0], [0, 1, 1], [1, 0, 0]], [2, 2, 2], 4, [4]),
      hashtableLookup(rng, 'float32', [5, -3, 12, 7, 5], [-3, 1, 5, 7, 9], [2]),
      hashtableLookup(rng, 'int32', [0, 2, 4], [1, 2, 3], []),
      lsh(rng, 'SPARSE', 'float32', 3, 4, [5, 2], false),
      lsh(rng, 'DENSE', 'float32', 2, 5, [4, 3], true),
      lsh(rng, 'SPARSE', 'int32', 4, 3, [6], true),
      lsh(rng, 'DENSE', 'int32', 3, 2, [2, 2, 3], false),
    ];
  },
};
