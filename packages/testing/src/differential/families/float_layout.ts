/**
 * float32 layout and reduction ops: every shape/index op of layout_*_ops.ts on float32, plus SHAPE,
 * ARG_MAX (int32 and int64 outputs), CAST, MEAN and SUM (axes, negative axes, keep_dims).
 */
import { BuiltinOp, type DType } from '@tflite-lambda/runtime/internal';
import { EXACT } from '../../litert/compare.js';
import { CaseBuilder, type DiffCase, type DiffFamily } from '../case_builder.js';
import { i32, normalFloats, randomInts } from '../random_data.js';
import { Rng } from '../rng.js';
import { FLOAT32 } from './element_type.js';
import { INDEX_OPS } from './layout_index_ops.js';
import { SHAPE_OPS } from './layout_shape_ops.js';

/**
 * SHAPE feeding an int32 ADD: LiteRT.js refuses a graph whose output is SHAPE's (a tensor it computes at
 * prepare time), so the shape goes through one more op.
 */
function shapeOp(rng: Rng): DiffCase {
  const b = new CaseBuilder();
  const input = b.input({ dtype: 'float32', shape: [2, 3, 4] }, normalFloats(rng, [2, 3, 4]));
  const offset = b.input({ dtype: 'int32', shape: [3] }, randomInts(rng, 'int32', [3], -100, 99));
  const dims = b.intermediate({ dtype: 'int32', shape: [3] });
  const out = b.output({ dtype: 'int32', shape: [3] }, EXACT);
  b.op(BuiltinOp.SHAPE, [input], [dims], { kind: 'ShapeOptions', outType: 'int32' });
  b.op(BuiltinOp.ADD, [dims, offset], [out], { kind: 'AddOptions', fusedActivation: 'NONE', potScaleInt16: true });
  return b.build('SHAPE of float32 [2,3,4], plus an int32 input');
}

function argMax(rng: Rng, outputType: 'int32' | 'int64', shape: number[], axis: number): DiffCase {
  const b = new CaseBuilder();
  const input = b.input({ dtype: 'float32', shape }, normalFloats(rng, shape));
  const axisT = b.constant({ dtype: 'int32', shape: [1] }, i32([axis]));
  const a = axis < 0 ? axis + shape.length : axis;
  const out = b.output({ dtype: outputType, shape: shape.filter((_, i) => i !== a) }, EXACT);
  b.op(BuiltinOp.ARG_MAX, [input, axisT], [out], { kind: 'ArgMaxOptions', outputType });
  return b.build(`ARG_MAX float32 [${shape}] axis ${axis} -> ${outputType}`);
}

function cast(rng: Rng, from: 'float32' | 'int32', to: DType): DiffCase {
  const shape = [3, 5];
  const data = from === 'float32' ? normalFloats(rng, shape, 20) : randomInts(rng, 'int32', shape, -100, 99);
  const b = new CaseBuilder();
  const input = b.input({ dtype: from, shape }, data);
  const out = b.output({ dtype: to, shape }, to === 'float32' ? undefined : EXACT);
  b.op(BuiltinOp.CAST, [input], [out], { kind: 'CastOptions', inDataType: from, outDataType: to });
  return b.build(`CAST ${from} -> ${to} [${shape}]`);
}

function reduce(rng: Rng, op: 'MEAN' | 'SUM', shape: number[], axes: number[], keepDims: boolean): DiffCase {
  const b = new CaseBuilder();
  const input = b.input({ dtype: 'float32', shape }, normalFloats(rng, shape));
  const axesT = b.constant({ dtype: 'int32', shape: [axes.length] }, i32(axes));
  const reduced = new Set(axes.map((a) => (a < 0 ? a + shape.length : a)));
  const outShape = keepDims ? shape.map((d, i) => (reduced.has(i) ? 1 : d)) : shape.filter((_, i) => !reduced.has(i));
  const out = b.output({ dtype: 'float32', shape: outShape });
  b.op(BuiltinOp[op], [input, axesT], [out], { kind: 'ReducerOptions', keepDims });
  return b.build(`${op} float32 [${shape}] axes [${axes}]${keepDims ? ' keep_dims' : ''}`);
}

export const floatLayoutFamily: DiffFamily = {
  name: 'layout, index and reduction ops float32',
  cases(seed: number): DiffCase[] {
    const rng = new Rng(seed + 6);
    return [
      ...[...SHAPE_OPS, ...INDEX_OPS].map((make) => make(rng, FLOAT32)),
      shapeOp(rng),
      argMax(rng, 'int32', [3, 5, 4], 1),
      argMax(rng, 'int64', [2, 7], -1),
      cast(rng, 'float32', 'int32'),
      cast(rng, 'int32', 'float32'),
      reduce(rng, 'MEAN', [2, 3, 4, 5], [1, 2], true),
      reduce(rng, 'MEAN', [2, 3, 4], [-1], false),
      reduce(rng, 'MEAN', [1, 6, 5, 3], [1, 2], false),
      reduce(rng, 'SUM', [2, 3, 4, 5], [0, 3], false),
      reduce(rng, 'SUM', [3, 4], [-2], true),
    ];
  },
};
