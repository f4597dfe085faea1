/**
 * Layout ops that move whole elements, for any element type: RESHAPE, SQUEEZE, EXPAND_DIMS, TRANSPOSE,
 * PAD, PADV2, CONCATENATION, PACK, UNPACK, SPLIT. Outputs must equal the reference exactly.
 */
import { BuiltinOp } from '@tflite-lambda/runtime/internal';
import { EXACT } from '../../litert/compare.js';
import { CaseBuilder, type DiffCase } from '../case_builder.js';
import { i32 } from '../random_data.js';
import type { Rng } from '../rng.js';
import { spec, type ElementType } from './element_type.js';

export type LayoutCase = (rng: Rng, e: ElementType) => DiffCase;

function single(
  rng: Rng,
  e: ElementType,
  name: string,
  opcode: number,
  inShape: number[],
  outShape: number[],
  extra: (b: CaseBuilder) => number[],
  options: Parameters<CaseBuilder['op']>[3] = null,
): DiffCase {
  const b = new CaseBuilder();
  const input = b.input(spec(e, inShape), e.values(rng, inShape));
  const rest = extra(b);
  const out = b.output(spec(e, outShape), EXACT);
  b.op(opcode, [input, ...rest], [out], options);
  return b.build(`${name} ${e.dtype} [${inShape}] -> [${outShape}]`);
}

const int32Const = (b: CaseBuilder, values: number[], shape = [values.length]): number =>
  b.constant({ dtype: 'int32', shape }, i32(values));

export const reshape: LayoutCase = (rng, e) =>
  single(rng, e, 'RESHAPE to [4,-1]', BuiltinOp.RESHAPE, [2, 3, 4], [4, 6], (b) => [int32Const(b, [4, -1])], {
    kind: 'ReshapeOptions',
    newShape: [4, -1],
  });

export const squeeze: LayoutCase = (rng, e) =>
  single(rng, e, 'SQUEEZE dims [0,2]', BuiltinOp.SQUEEZE, [1, 3, 1, 4, 1], [3, 4, 1], () => [], {
    kind: 'SqueezeOptions',
    squeezeDims: [0, 2],
  });

export const squeezeAll: LayoutCase = (rng, e) =>
  single(rng, e, 'SQUEEZE all', BuiltinOp.SQUEEZE, [1, 5, 1, 2], [5, 2], () => [], { kind: 'SqueezeOptions', squeezeDims: [] });

export const expandDims: LayoutCase = (rng, e) =>
  single(rng, e, 'EXPAND_DIMS axis -1', BuiltinOp.EXPAND_DIMS, [3, 4], [3, 4, 1], (b) => [int32Const(b, [-1], [])]);

export const transpose4d: LayoutCase = (rng, e) =>
  single(rng, e, 'TRANSPOSE perm [0,3,1,2]', BuiltinOp.TRANSPOSE, [2, 3, 4, 5], [2, 5, 3, 4], (b) => [int32Const(b, [0, 3, 1, 2])]);

export const transpose3d: LayoutCase = (rng, e) =>
  single(rng, e, 'TRANSPOSE perm [2,0,1]', BuiltinOp.TRANSPOSE, [2, 3, 4], [4, 2, 3], (b) => [int32Const(b, [2, 0, 1])]);

export const pad: LayoutCase = (rng, e) =>
  single(rng, e, 'PAD [[0,1],[2,0],[1,1]]', BuiltinOp.PAD, [2, 3, 4], [3, 5, 6], (b) => [int32Const(b, [0, 1, 2, 0, 1, 1], [3, 2])]);

/** PADV2 with an explicit pad value (a quantized value for integer types). */
export const padV2: LayoutCase = (rng, e) =>
  single(rng, e, 'PADV2 [[1,0],[0,2],[0,0],[1,1]] with value', BuiltinOp.PADV2, [1, 3, 2, 2], [2, 5, 2, 4], (b) => [
    int32Const(b, [1, 0, 0, 2, 0, 0, 1, 1], [4, 2]),
    b.constant(spec(e, []), e.values(rng, [])),
  ]);

export const concatenation: LayoutCase = (rng, e) => {
  const shapes = [
    [2, 3, 4],
    [2, 1, 4],
    [2, 2, 4],
  ];
  const b = new CaseBuilder();
  const inputs = shapes.map((s) => b.input(spec(e, s), e.values(rng, s)));
  const out = b.output(spec(e, [2, 6, 4]), EXACT);
  b.op(BuiltinOp.CONCATENATION, inputs, [out], { kind: 'ConcatenationOptions', axis: -2, fusedActivation: 'NONE' });
  return b.build(`CONCATENATION ${e.dtype} axis -2 of [2,3,4] [2,1,4] [2,2,4]`);
};

export const pack: LayoutCase = (rng, e) => {
  const b = new CaseBuilder();
  const inputs = [0, 1, 2].map(() => b.input(spec(e, [3, 4]), e.values(rng, [3, 4])));
  const out = b.output(spec(e, [3, 3, 4]), EXACT);
  b.op(BuiltinOp.PACK, inputs, [out], { kind: 'PackOptions', valuesCount: 3, axis: 1 });
  return b.build(`PACK ${e.dtype} 3 x [3,4] axis 1`);
};

export const unpack: LayoutCase = (rng, e) => {
  const b = new CaseBuilder();
  const input = b.input(spec(e, [3, 2, 4]), e.values(rng, [3, 2, 4]));
  const outs = [0, 1].map(() => b.output(spec(e, [3, 4]), EXACT));
  b.op(BuiltinOp.UNPACK, [input], outs, { kind: 'UnpackOptions', num: 2, axis: 1 });
  return b.build(`UNPACK ${e.dtype} [3,2,4] axis 1`);
};

export const split: LayoutCase = (rng, e) => {
  const b = new CaseBuilder();
  const axis = int32Const(b, [2], []);
  const input = b.input(spec(e, [2, 3, 6]), e.values(rng, [2, 3, 6]));
  const outs = [0, 1, 2].map(() => b.output(spec(e, [2, 3, 2]), EXACT));
  b.op(BuiltinOp.SPLIT, [axis, input], outs, { kind: 'SplitOptions', numSplits: 3 });
  return b.build(`SPLIT ${e.dtype} [2,3,6] into 3 on axis 2`);
};

export const SHAPE_OPS: readonly LayoutCase[] = [
  reshape,
  squeeze,
  squeezeAll,
  expandDims,
  transpose4d,
  transpose3d,
  pad,
  padV2,
  concatenation,
  pack,
  unpack,
  split,
];
