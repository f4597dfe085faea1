/**
 * The `builtin_options` union: reads a union value into a core/options.ts object and writes one back. Tables
 * the runtime does not model become EmptyOptions naming the table (and are written back as empty tables).
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
import { STATEFUL_OPS_CODECS } from './stateful.js';
import { optionsTableName, optionsTypeId } from './union.js';

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

/** Writes `options` and returns the union type id and the table offset. */
export function writeBuiltinOptions(b: Builder, options: BuiltinOptions): { type: number; offset: number } {
  const name = options.kind === 'EmptyOptions' ? options.table : options.kind;
  const type = optionsTypeId(name);
  if (type === null) throw new TypeError(`${name} is not a BuiltinOptions table of the TFLite schema`);
  if (options.kind === 'EmptyOptions') {
    b.startObject(0);
    return { type, offset: b.endObject() };
  }
  const codec = BY_TABLE.get(name);
  if (!codec) throw new TypeError(`no writer for ${name}`);
  return { type, offset: codec.write(b, options) };
}

/** Every options table with a dedicated parser (for tests and tools). */
export const MODELLED_OPTIONS_TABLES: readonly string[] = [...BY_TABLE.keys()];
