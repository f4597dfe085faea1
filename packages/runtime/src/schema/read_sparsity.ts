/** Reads a tensor's SparsityParameters table (TACO-style sparse encoding) into plain SparsityParams. */
import { ModelFormatError } from '../core/errors.js';
import type { DimensionMetadata, SparsityParams } from '../core/model.js';
import type { Table } from './flatbuffer_reader.js';
import { DimensionMetadataF, IndexVectorF, SPARSE_INDEX_TYPES, SparsityF } from './schema_fields.js';

type IndexArray = Int32Array | Uint16Array | Uint8Array;

function indexVector(t: Table, typeId: number, valueId: number, what: string): IndexArray {
  const type = t.uint8(typeId, 0);
  const table = t.table(valueId, what);
  if (table === null) throw new ModelFormatError(`${t.where}: ${what} is missing`);
  let values: IndexArray | null;
  if (type === SPARSE_INDEX_TYPES.int32) values = Int32Array.from(table.int32s(IndexVectorF.values, what) ?? []);
  else if (type === SPARSE_INDEX_TYPES.uint16) values = table.uint16Array(IndexVectorF.values, what);
  else if (type === SPARSE_INDEX_TYPES.uint8) values = table.bytes(IndexVectorF.values, what)?.slice() ?? null;
  else throw new ModelFormatError(`${t.where}: ${what} has index vector type ${type}, expected 1–3`);
  return values ?? new Int32Array(0);
}

function readDimension(t: Table): DimensionMetadata {
  const format = t.int8(DimensionMetadataF.format, 0);
  if (format === 0) return { format: 'DENSE', denseSize: t.int32(DimensionMetadataF.denseSize, 0) };
  if (format !== 1) throw new ModelFormatError(`${t.where}: dimension format ${format} is neither DENSE nor SPARSE_CSR`);
  return {
    format: 'SPARSE_CSR',
    arraySegments: indexVector(t, DimensionMetadataF.arraySegmentsType, DimensionMetadataF.arraySegments, 'array_segments'),
    arrayIndices: indexVector(t, DimensionMetadataF.arrayIndicesType, DimensionMetadataF.arrayIndices, 'array_indices'),
  };
}

export function readSparsity(t: Table): SparsityParams {
  return {
    traversalOrder: t.int32s(SparsityF.traversalOrder, 'traversal_order') ?? [],
    blockMap: t.int32s(SparsityF.blockMap, 'block_map') ?? [],
    dimMetadata: t
      .tables(SparsityF.dimMetadata, 'dim_metadata', (i) => `${t.where}, dim_metadata ${i}`)
      .map(readDimension),
  };
}
