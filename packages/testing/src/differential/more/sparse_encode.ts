/**
 * Test-side encoder for sparse constants: the inverse of the runtime's densify, written independently from
 * the schema's description (levels in traversal order; a CSR level stores only the coordinates whose
 * sub-block holds a non-zero). Differential cases use it to build sparse weights from random dense ones.
 */
import type { DimensionMetadata, SparsityParams } from '@tflite-lambda/runtime/internal';

export type IndexType = 'int32' | 'uint16' | 'uint8';

export interface SparseLayout {
  readonly traversalOrder: readonly number[];
  /** Dense dimension each block dimension subdivides, and the block sizes. */
  readonly blockMap: readonly number[];
  readonly blockSizes: readonly number[];
  /** Per level (traversal order): compressed or not. */
  readonly csr: readonly boolean[];
  readonly indexType: IndexType;
}

function indexArray(type: IndexType, values: number[]): Int32Array | Uint16Array | Uint8Array {
  return type === 'int32' ? Int32Array.from(values) : type === 'uint16' ? Uint16Array.from(values) : Uint8Array.from(values);
}

/** Encodes `dense` (row-major, `shape`): the stored values in traversal order and the sparsity parameters. */
export function encodeSparse(dense: ArrayLike<number>, shape: readonly number[], layout: SparseLayout): { values: number[]; sparsity: SparsityParams } {
  const n = shape.length;
  const { traversalOrder: order, blockMap, blockSizes } = layout;
  const blocked = shape.map((d, i) => (blockMap.includes(i) ? d / blockSizes[blockMap.indexOf(i)]! : d));
  const levelSize = order.map((d) => (d < n ? blocked[d]! : blockSizes[d - n]!));
  const segments: number[][] = order.map(() => [0]);
  const indices: number[][] = order.map(() => []);
  const values: number[] = [];
  const flat = (coords: number[]): number => {
    const idx = new Array<number>(n).fill(0);
    order.forEach((d, l) => {
      if (d < n) idx[d] = coords[l]!;
    });
    order.forEach((d, l) => {
      if (d >= n) idx[blockMap[d - n]!] = idx[blockMap[d - n]!]! * blockSizes[d - n]! + coords[l]!;
    });
    return idx.reduce((acc, v, d) => acc * shape[d]! + v, 0);
  };
  const anyNonZero = (coords: number[], level: number): boolean => {
    if (level === order.length) return dense[flat(coords)] !== 0;
    for (let i = 0; i < levelSize[level]!; i++) if (anyNonZero([...coords, i], level + 1)) return true;
    return false;
  };
  const visit = (coords: number[], level: number): void => {
    if (level === order.length) {
      values.push(dense[flat(coords)]!);
      return;
    }
    for (let i = 0; i < levelSize[level]!; i++) {
      if (layout.csr[level] && !anyNonZero([...coords, i], level + 1)) continue;
      if (layout.csr[level]) indices[level]!.push(i);
      visit([...coords, i], level + 1);
    }
    if (layout.csr[level]) segments[level]!.push(indices[level]!.length);
  };
  visit([], 0);
  const dimMetadata: DimensionMetadata[] = order.map((_, l) =>
    layout.csr[l]
      ? { format: 'SPARSE_CSR', arraySegments: indexArray(layout.indexType, segments[l]!), arrayIndices: indexArray(layout.indexType, indices[l]!) }
      : { format: 'DENSE', denseSize: levelSize[l]! },
  );
  return { values, sparsity: { traversalOrder: [...order], blockMap: [...blockMap], dimMetadata } };
}
