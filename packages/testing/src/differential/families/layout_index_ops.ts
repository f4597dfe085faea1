/**
 * Index-driven layout ops for any element type: STRIDED_SLICE (masks, negative strides, shrink), SLICE,
 * GATHER (axes, multi-dimensional indices). Outputs must equal the reference exactly.
 */
import { BuiltinOp, type StridedSliceOptions } from '@tflite-lambda/runtime/internal';
import { EXACT } from '../../litert/compare.js';
import { CaseBuilder, type DiffCase } from '../case_builder.js';
import { i32, randomInts } from '../random_data.js';
import type { Rng } from '../rng.js';
import { spec, type ElementType } from './element_type.js';
import type { LayoutCase } from './layout_shape_ops.js';

interface SliceSpec {
  readonly input: number[];
  readonly begin: number[];
  readonly end: number[];
  readonly strides: number[];
  readonly output: number[];
  readonly masks: Partial<Omit<StridedSliceOptions, 'kind'>>;
}

function stridedSlice(rng: Rng, e: ElementType, s: SliceSpec): DiffCase {
  const b = new CaseBuilder();
  const input = b.input(spec(e, s.input), e.values(rng, s.input));
  const vec = (v: number[]): number => b.constant({ dtype: 'int32', shape: [v.length] }, i32(v));
  const args = [vec(s.begin), vec(s.end), vec(s.strides)];
  const out = b.output(spec(e, s.output), EXACT);
  const options: StridedSliceOptions = {
    kind: 'StridedSliceOptions',
    beginMask: 0,
    endMask: 0,
    ellipsisMask: 0,
    newAxisMask: 0,
    shrinkAxisMask: 0,
    offset: false,
    ...s.masks,
  };
  b.op(BuiltinOp.STRIDED_SLICE, [input, ...args], [out], options);
  const masks = Object.entries(s.masks).map(([k, v]) => `${k} ${String(v)}`).join(', ');
  return b.build(`STRIDED_SLICE ${e.dtype} [${s.input}] begin [${s.begin}] end [${s.end}] strides [${s.strides}]${masks ? ` ${masks}` : ''}`);
}

export const stridedSliceMasks: LayoutCase = (rng, e) =>
  stridedSlice(rng, e, { input: [5, 6, 7], begin: [1, 0, 6], end: [4, 6, 0], strides: [1, 2, -2], output: [3, 3, 3], masks: { endMask: 2 } });

export const stridedSliceShrink: LayoutCase = (rng, e) =>
  stridedSlice(rng, e, { input: [4, 6], begin: [2, 1], end: [3, 5], strides: [1, 1], output: [4], masks: { shrinkAxisMask: 1 } });

export const stridedSliceBeginMask: LayoutCase = (rng, e) =>
  stridedSlice(rng, e, { input: [1, 8, 10, 2], begin: [0, 3, 2, 0], end: [1, 8, 9, 2], strides: [1, 2, 3, 1], output: [1, 4, 3, 2], masks: { beginMask: 2 } });

export const slice: LayoutCase = (rng, e) => {
  const b = new CaseBuilder();
  const input = b.input(spec(e, [4, 5, 6]), e.values(rng, [4, 5, 6]));
  const begin = b.constant({ dtype: 'int32', shape: [3] }, i32([1, 0, 2]));
  const size = b.constant({ dtype: 'int32', shape: [3] }, i32([2, -1, 3]));
  const out = b.output(spec(e, [2, 5, 3]), EXACT);
  b.op(BuiltinOp.SLICE, [input, begin, size], [out]);
  return b.build(`SLICE ${e.dtype} [4,5,6] begin [1,0,2] size [2,-1,3]`);
};

function gather(rng: Rng, e: ElementType, params: number[], indices: number[], axis: number): DiffCase {
  const b = new CaseBuilder();
  const p = b.input(spec(e, params), e.values(rng, params));
  const idx = b.input({ dtype: 'int32', shape: indices }, randomInts(rng, 'int32', indices, 0, params[axis] - 1));
  const outShape = [...params.slice(0, axis), ...indices, ...params.slice(axis + 1)];
  const out = b.output(spec(e, outShape), EXACT);
  b.op(BuiltinOp.GATHER, [p, idx], [out], { kind: 'GatherOptions', axis, batchDims: 0 });
  return b.build(`GATHER ${e.dtype} params [${params}] indices [${indices}] axis ${axis}`);
}

export const gatherAxis0: LayoutCase = (rng, e) => gather(rng, e, [5, 4, 3], [2, 3], 0);
export const gatherAxis1: LayoutCase = (rng, e) => gather(rng, e, [3, 6, 2], [4], 1);

export const INDEX_OPS: readonly LayoutCase[] = [
  stridedSliceMasks,
  stridedSliceShrink,
  stridedSliceBeginMask,
  slice,
  gatherAxis0,
  gatherAxis1,
];
