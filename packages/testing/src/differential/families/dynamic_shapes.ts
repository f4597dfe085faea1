/**
 * Ops whose output shape depends on input values (dynamic tensors): WHERE, UNIQUE, and RESHAPE, FILL, RANGE
 * and TILE fed shapes computed at run time, each followed by an op that must then be prepared at eval time.
 * Shapes come in as model inputs, so nothing can be folded at prepare. (The tfjs-tflite build has no
 * BROADCAST_TO and LiteRT.js refuses dynamic outputs: its dynamic path is covered by the interpreter tests.)
 */
import { BuiltinOp, type BuiltinOptions, type DType, type TypedArray } from '@tflite-lambda/runtime/internal';
import { CaseBuilder, type DiffCase, type DiffFamily } from '../case_builder.js';
import { i32, normalFloats, randomInts } from '../random_data.js';
import { Rng } from '../rng.js';

const ADD: BuiltinOptions = { kind: 'AddOptions', fusedActivation: 'NONE', potScaleInt16: true };

/** out = op(inputs) followed by a deferred ADD of the result to itself (prepared only once its shape is known). */
function doubled(b: CaseBuilder, op: number, inputs: number[], dtype: DType, options: BuiltinOptions | null = null, rankOut = 1): void {
  const mid = b.intermediate({ dtype, shape: new Array<number>(rankOut).fill(1) });
  const out = b.output({ dtype, shape: new Array<number>(rankOut).fill(1) });
  b.op(op, inputs, [mid], options);
  b.op(BuiltinOp.ADD, [mid, mid], [out], ADD);
}

function whereCase(rng: Rng): DiffCase {
  const b = new CaseBuilder();
  const x = b.input({ dtype: 'float32', shape: [3, 4] }, normalFloats(rng, [3, 4]));
  const zero = b.constant({ dtype: 'float32', shape: [] }, new Float32Array([0]));
  const positive = b.intermediate({ dtype: 'bool', shape: [3, 4] });
  const coords = b.intermediate({ dtype: 'int64', shape: [1, 2] });
  // int32 out: tfjs-tflite's JS API cannot hand back int64 tensors. The CAST is prepared at eval time.
  const coords32 = b.output({ dtype: 'int32', shape: [1, 2] });
  b.op(BuiltinOp.GREATER, [x, zero], [positive]);
  b.op(BuiltinOp.WHERE, [positive], [coords]);
  b.op(BuiltinOp.CAST, [coords], [coords32], { kind: 'CastOptions', inDataType: 'int64', outDataType: 'int32' });
  return b.build('WHERE of x > 0, cast to int32');
}

function uniqueCase(rng: Rng): DiffCase {
  const b = new CaseBuilder();
  const x = b.input({ dtype: 'int32', shape: [10] }, randomInts(rng, 'int32', [10], 0, 4));
  const values = b.intermediate({ dtype: 'int32', shape: [1] });
  const idx = b.output({ dtype: 'int32', shape: [10] });
  const twice = b.output({ dtype: 'int32', shape: [1] });
  b.op(BuiltinOp.UNIQUE, [x], [values, idx], { kind: 'UniqueOptions', idxOutType: 'int32' });
  b.op(BuiltinOp.ADD, [values, values], [twice], ADD);
  return b.build('UNIQUE then ADD of the distinct values');
}

function shaped(name: string, op: number, dataSpec: { dtype: DType; shape: number[]; data: TypedArray } | null, shape: number[], rankOut: number, extra: (b: CaseBuilder, shapeInput: number) => number[]): DiffCase {
  const b = new CaseBuilder();
  const data = dataSpec ? b.input({ dtype: dataSpec.dtype, shape: dataSpec.shape }, dataSpec.data) : -1;
  const shapeInput = b.input({ dtype: 'int32', shape: [shape.length] }, i32(shape));
  const inputs = extra(b, shapeInput).map((i) => (i === -2 ? data : i));
  doubled(b, op, inputs, dataSpec?.dtype ?? 'float32', op === BuiltinOp.RESHAPE ? { kind: 'ReshapeOptions', newShape: null } : null, rankOut);
  return b.build(name);
}

function rangeCase(): DiffCase {
  const b = new CaseBuilder();
  const start = b.constant({ dtype: 'int32', shape: [] }, i32([2]));
  const limit = b.input({ dtype: 'int32', shape: [] }, i32([17]));
  const delta = b.constant({ dtype: 'int32', shape: [] }, i32([3]));
  doubled(b, BuiltinOp.RANGE, [start, limit, delta], 'int32');
  return b.build('RANGE to a limit given at run time');
}

export const dynamicShapesFamily: DiffFamily = {
  name: 'dynamic shapes',
  cases: (seed) => {
    const rng = new Rng(seed);
    const x = { dtype: 'float32' as const, shape: [2, 6], data: normalFloats(rng, [2, 6]) };
    const row = { dtype: 'float32' as const, shape: [1, 3], data: normalFloats(rng, [1, 3]) };
    const value = { dtype: 'float32' as const, shape: [], data: new Float32Array([1.5]) };
    return [
      whereCase(rng),
      uniqueCase(rng),
      shaped('RESHAPE by a shape given at run time', BuiltinOp.RESHAPE, x, [3, -1], 2, (_b, s) => [-2, s]),
      shaped('FILL of dims given at run time', BuiltinOp.FILL, value, [2, 3], 2, (_b, s) => [s, -2]),
      shaped('TILE by multiples given at run time', BuiltinOp.TILE, row, [3, 2], 2, (_b, s) => [-2, s]),
      rangeCase(),
    ];
  },
};
