/**
 * Options of SPARSE_TO_DENSE, REVERSE_SEQUENCE, FAKE_QUANT, BUCKETIZE, the random ops, CONV_3D(_TRANSPOSE),
 * LSH_PROJECTION, SKIP_GRAM, EMBEDDING_LOOKUP_SPARSE and REDUCE_WINDOW (field ids and defaults from schema.fbs).
 */
import type {
  BucketizeOptions, Conv3DOptions, EmbeddingLookupSparseOptions, FakeQuantOptions, LshProjectionOptions, RandomOptions,
  ReduceWindowOptions, ReverseSequenceOptions, SkipGramOptions, SparseToDenseOptions,
} from '../../core/options.js';
import { ModelFormatError } from '../../core/errors.js';
import { PADDINGS } from '../schema_enums.js';
import { activationAt, boolAt, enumAt, float32At, int32At, scalarTableCodec, type FieldCodec, type OptionsCodec } from './codec.js';

export const sparseToDense = scalarTableCodec<SparseToDenseOptions>(['SparseToDenseOptions'], 1, { validateIndices: boolAt(0) });

export const reverseSequence = scalarTableCodec<ReverseSequenceOptions>(['ReverseSequenceOptions'], 2, {
  seqDim: int32At(0, 0),
  batchDim: int32At(1, 0),
});

export const fakeQuant = scalarTableCodec<FakeQuantOptions>(['FakeQuantOptions'], 4, {
  min: float32At(0, 0, null),
  max: float32At(1, 0, null),
  numBits: int32At(2, 0),
  narrowRange: boolAt(3),
});

export const bucketize: OptionsCodec<BucketizeOptions> = {
  tables: ['BucketizeOptions'],
  parse: (t) => ({ kind: 'BucketizeOptions', boundaries: t.float32s(0, 'boundaries') ?? [] }),
  write: (b, o) => {
    b.startVector(4, o.boundaries.length, 4);
    for (let i = o.boundaries.length - 1; i >= 0; i--) b.addFloat32(o.boundaries[i]!);
    const vec = b.endVector();
    b.startObject(1);
    b.addFieldOffset(0, vec, 0);
    return b.endObject();
  },
};

function int64At(id: number): FieldCodec<bigint> {
  return { read: (t) => t.int64(id), write: (b, v) => b.addFieldInt64(id, v, 0n) };
}

export const random = scalarTableCodec<RandomOptions>(['RandomOptions'], 2, { seed: int64At(0), seed2: int64At(1) });

export const conv3D = scalarTableCodec<Conv3DOptions>(['Conv3DOptions'], 8, {
  padding: enumAt(0, PADDINGS, 'padding', 'padding'),
  strideD: int32At(1, 0),
  strideW: int32At(2, 0),
  strideH: int32At(3, 0),
  fusedActivation: activationAt(4),
  dilationD: int32At(5, 1),
  dilationW: int32At(6, 1),
  dilationH: int32At(7, 1),
});

export const lshProjection = scalarTableCodec<LshProjectionOptions>(['LSHProjectionOptions'], 1, {
  type: enumAt(0, ['UNKNOWN', 'SPARSE', 'DENSE'] as const, 'LSH projection type', 'LSH projection type'),
});

export const skipGram = scalarTableCodec<SkipGramOptions>(['SkipGramOptions'], 3, {
  ngramSize: int32At(0, 0),
  maxSkipSize: int32At(1, 0),
  includeAllNgrams: boolAt(2),
});

export const embeddingLookupSparse = scalarTableCodec<EmbeddingLookupSparseOptions>(['EmbeddingLookupSparseOptions'], 1, {
  combiner: enumAt(0, ['SUM', 'MEAN', 'SQRTN'] as const, 'combiner', 'combiner'),
});

const REDUCE_WINDOW_FUNCTIONS = ['UNSUPPORTED', 'ADD', 'MUL', 'MINIMUM', 'MAXIMUM', 'ALL', 'ANY'] as const;

/** ReduceWindowOptions (in builtin_options_2): reduce_function is an int enum, unlike the byte enums above. */
export const reduceWindow: OptionsCodec<ReduceWindowOptions> = {
  tables: ['ReduceWindowOptions'],
  parse: (t) => {
    const code = t.int32(0, 0);
    const reduceFunction = REDUCE_WINDOW_FUNCTIONS[code];
    if (reduceFunction === undefined) throw new ModelFormatError(`${t.where}: reduce_function ${code} is not a valid value`);
    return { kind: 'ReduceWindowOptions', reduceFunction };
  },
  write: (b, o) => {
    b.startObject(1);
    b.addFieldInt32(0, REDUCE_WINDOW_FUNCTIONS.indexOf(o.reduceFunction), 0);
    return b.endObject();
  },
};
