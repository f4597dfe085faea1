/**
 * Densifies a sparse constant (the schema's SparsityParameters), with the semantics of TFLite's format
 * converter (sparsity_format_converter.cc): levels are walked in traversal order; a DENSE level enumerates
 * its `denseSize` coordinates, a SPARSE_CSR level the coordinates `arrayIndices[segments[p] … segments[p+1])`
 * of its parent position p; each complete path takes the next stored value. A block dimension's coordinate
 * refines its dense dimension: index = block_index · block_size + offset. Positions never visited stay zero.
 * Every index is checked, so a malformed file fails with ModelFormatError instead of writing out of bounds.
 */
import { allocTyped, type DType, type TypedArray } from './dtype.js';
import { ModelFormatError } from './errors.js';
import type { DimensionMetadata, SparsityParams } from './model.js';
import { formatShape, numElements, stridesOf } from './shape.js';

interface Walk {
  readonly levels: readonly DimensionMetadata[];
  readonly order: readonly number[];
  readonly blockMap: readonly number[];
  readonly blockSize: readonly number[];
  readonly strides: readonly number[];
  readonly shape: readonly number[];
  readonly coords: number[];
  readonly src: { [i: number]: number | bigint; readonly length: number };
  readonly dst: { [i: number]: number | bigint; readonly length: number };
  next: number;
  readonly where: string;
}

function isPermutation(values: readonly number[], from: number, count: number): boolean {
  const seen = new Set(values);
  return seen.size === count && values.every((v) => Number.isInteger(v) && v >= from && v < from + count);
}

/** Checks the parameters against the dense shape and returns each block dimension's size. */
export function checkSparsity(sparsity: SparsityParams, shape: readonly number[], where: string): number[] {
  const n = shape.length;
  const { traversalOrder: order, blockMap, dimMetadata } = sparsity;
  const k = blockMap.length;
  const fail = (why: string): never => {
    throw new ModelFormatError(`${where}: sparsity ${why}`);
  };
  if (order.length !== n + k) fail(`traversal_order has ${order.length} entries, expected ${n} dims + ${k} block dims`);
  if (dimMetadata.length !== n + k) fail(`dim_metadata has ${dimMetadata.length} entries, expected ${n + k}`);
  if (!isPermutation(order.slice(0, n), 0, n) || !isPermutation(order.slice(n), n, k)) {
    fail(`traversal_order [${order.join(',')}] is not a permutation of the dense then the block dimensions`);
  }
  if (!blockMap.every((d) => Number.isInteger(d) && d >= 0 && d < n) || new Set(blockMap).size !== k) {
    fail(`block_map [${blockMap.join(',')}] must name distinct dimensions of ${formatShape(shape)}`);
  }
  const blockSize = blockMap.map((dim, b) => {
    const level = dimMetadata[order.indexOf(n + b)]!;
    if (level.format !== 'DENSE' || level.denseSize <= 0 || shape[dim]! % level.denseSize !== 0) {
      fail(`block dimension ${b} must be dense with a size dividing ${shape[dim]}`);
    }
    return (level as { denseSize: number }).denseSize;
  });
  dimMetadata.forEach((level, l) => {
    if (level.format === 'DENSE' && !(Number.isInteger(level.denseSize) && level.denseSize >= 0)) {
      fail(`level ${l} has dense_size ${level.denseSize}`);
    }
  });
  return blockSize;
}

function place(w: Walk): void {
  const n = w.shape.length;
  const idx = new Array<number>(n).fill(0);
  for (let l = 0; l < n; l++) idx[w.order[l]!] = w.coords[l]!;
  for (let l = n; l < w.order.length; l++) {
    const b = w.order[l]! - n;
    const dim = w.blockMap[b]!;
    idx[dim] = idx[dim]! * w.blockSize[b]! + w.coords[l]!;
  }
  let at = 0;
  for (let d = 0; d < n; d++) {
    if (idx[d]! >= w.shape[d]!) throw new ModelFormatError(`${w.where}: sparse index [${idx.join(',')}] is outside ${formatShape(w.shape)}`);
    at += idx[d]! * w.strides[d]!;
  }
  if (w.next >= w.src.length) throw new ModelFormatError(`${w.where}: sparsity addresses more than the ${w.src.length} stored values`);
  w.dst[at] = w.src[w.next++]!;
}

function visit(w: Walk, level: number, parent: number): void {
  if (level === w.levels.length) {
    place(w);
    return;
  }
  const meta = w.levels[level]!;
  if (meta.format === 'DENSE') {
    for (let i = 0; i < meta.denseSize; i++) {
      w.coords[level] = i;
      visit(w, level + 1, parent * meta.denseSize + i);
    }
    return;
  }
  const { arraySegments: seg, arrayIndices: ids } = meta;
  if (parent + 1 >= seg.length) throw new ModelFormatError(`${w.where}: level ${level} has no segment for position ${parent}`);
  const end = seg[parent + 1]!;
  if (seg[parent]! > end || end > ids.length) throw new ModelFormatError(`${w.where}: level ${level} segment [${seg[parent]}, ${end}) is outside its ${ids.length} indices`);
  for (let i = seg[parent]!; i < end; i++) {
    w.coords[level] = ids[i]!;
    visit(w, level + 1, i);
  }
}

/** The dense array of `dtype` and `shape` whose stored entries are `values`, laid out by `sparsity`. */
export function densify(dtype: DType, shape: readonly number[], values: TypedArray, sparsity: SparsityParams, where: string): TypedArray {
  const blockSize = checkSparsity(sparsity, shape, where);
  const dense = allocTyped(dtype, numElements(shape));
  const w: Walk = {
    levels: sparsity.dimMetadata, order: sparsity.traversalOrder, blockMap: sparsity.blockMap, blockSize,
    strides: stridesOf(shape), shape, coords: new Array<number>(sparsity.traversalOrder.length).fill(0),
    src: values, dst: dense, next: 0, where,
  };
  visit(w, 0, 0);
  return dense;
}
