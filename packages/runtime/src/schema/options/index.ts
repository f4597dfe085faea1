/**
 * The `builtin_options` and `builtin_options_2` unions: reads a union value into a core/options.ts object and
 * writes one back. Tables the runtime does not model become EmptyOptions naming the table (and are written
 * back as empty tables).
 */
import type { Builder } from 'flatbuffers';
import { ModelFormatError } from '../../core/errors.js';
import type { BuiltinOptions } from '../../core/options.js';
import type { Table } from '../flatbuffer_reader.js';
import { arithmetic, batchMatMul, concatenation, fullyConnected, leakyRelu, softmax } from './arithmetic.js';
import { erase, type ErasedCodec } from './codec.js';
import { conv2D, depthwiseConv2D, pool2D, transposeConv } from './conv_pool.js';
import {
  argMax,
  cast,
  gather,
  pack,
  reducer,
  reshape,
  resizeBilinear,
  resizeNearest,
  shape,
  split,
  squeeze,
  stridedSlice,
  unpack,
} from './layout.js';
import { blockSize, cumsum, gelu, localResponseNormalization, mirrorPad, oneHot } from './extra.js';
import {
  bucketize, conv3D, embeddingLookupSparse, fakeQuant, lshProjection, random, reduceWindow, reverseSequence, skipGram,
  sparseToDense,
} from './more.js';
import { STATEFUL_OPS_CODECS } from './stateful.js';
import { BUILTIN_OPTIONS_2_TABLES, optionsTableName, optionsTypeId } from './union.js';

const CODECS: readonly ErasedCodec[] = [
  erase(conv2D),
  erase(depthwiseConv2D),
  erase(pool2D),
  erase(transposeConv),
  erase(arithmetic),
  erase(concatenation),
  erase(fullyConnected),
  erase(softmax),
  erase(leakyRelu),
  erase(batchMatMul),
  erase(reshape),
  erase(squeeze),
  erase(stridedSlice),
  erase(pack),
  erase(unpack),
  erase(split),
  erase(gather),
  erase(reducer),
  erase(resizeBilinear),
  erase(resizeNearest),
  erase(cast),
  erase(shape),
  erase(argMax),
  erase(blockSize),
  erase(mirrorPad),
  erase(localResponseNormalization),
  erase(gelu),
  erase(oneHot),
  erase(cumsum),
  erase(sparseToDense),
  erase(reverseSequence),
  erase(fakeQuant),
  erase(bucketize),
  erase(random),
  erase(conv3D),
  erase(lshProjection),
  erase(skipGram),
  erase(embeddingLookupSparse),
  erase(reduceWindow),
  ...STATEFUL_OPS_CODECS,
];

const BY_TABLE: ReadonlyMap<string, ErasedCodec> = new Map(CODECS.flatMap((c) => c.tables.map((t) => [t, c])));

/** Parses the union value `table` of union type `typeId`; null when typeId is 0 (no options). */
export function readBuiltinOptions(typeId: number, table: Table | null, where: string): BuiltinOptions | null {
  if (typeId === 0) return null;
  const name = optionsTableName(typeId);
  if (name === null) throw new ModelFormatError(`${where}: builtin_options type ${typeId} is not in the schema`);
  if (table === null) throw new ModelFormatError(`${where}: builtin_options type ${name} is set but its table is missing`);
  const codec = BY_TABLE.get(name);
  return codec ? codec.parse(table, name) : { kind: 'EmptyOptions', table: name };
}

/**
 * Parses the `builtin_options_2` value (the union newer tables go to); null when typeId is 0. Members this
 * schema does not list (added after it) are kept as EmptyOptions: only operators the runtime lacks use them.
 */
export function readBuiltinOptions2(typeId: number, table: Table | null, where: string): BuiltinOptions | null {
  if (typeId === 0) return null;
  const name = BUILTIN_OPTIONS_2_TABLES[typeId - 1] ?? `BuiltinOptions2 member ${typeId}`;
  const codec = BY_TABLE.get(name);
  if (!codec) return { kind: 'EmptyOptions', table: name };
  if (table === null) throw new ModelFormatError(`${where}: builtin_options_2 type ${name} is set but its table is missing`);
  return codec.parse(table, name);
}

/** Writes `options`; returns which union holds it (1 or 2), its type id there, and the table offset. */
export function writeBuiltinOptions(b: Builder, options: BuiltinOptions): { union: 1 | 2; type: number; offset: number } {
  const name = options.kind === 'EmptyOptions' ? options.table : options.kind;
  const second = BUILTIN_OPTIONS_2_TABLES.indexOf(name);
  const type = second >= 0 ? second + 1 : optionsTypeId(name);
  if (type === null) throw new TypeError(`${name} is not a BuiltinOptions table of the TFLite schema`);
  const union = second >= 0 ? 2 : 1;
  if (options.kind === 'EmptyOptions') {
    b.startObject(0);
    return { union, type, offset: b.endObject() };
  }
  const codec = BY_TABLE.get(name);
  if (!codec) throw new TypeError(`no writer for ${name}`);
  return { union, type, offset: codec.write(b, options) };
}

/** Every options table with a dedicated parser (for tests and tools). */
export const MODELLED_OPTIONS_TABLES: readonly string[] = [...BY_TABLE.keys()];
