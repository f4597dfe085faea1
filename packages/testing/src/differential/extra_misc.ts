/**
 * L2_POOL_2D, CUMSUM (exclusive / reverse), ONE_HOT (axis, on/off values), EMBEDDING_LOOKUP and RANGE (a
 * constant range added to a run-time input, so the case has an input to feed).
 */
import { BuiltinOp, type BuiltinOptions } from '@tflite-lambda/runtime/internal';
import { CaseBuilder, type DiffCase, type DiffFamily } from './case_builder.js';
import { outSize, poolOptions, type Window } from './options.js';
import { i32, normalFloats, randomInts } from './random_data.js';
import { Rng } from './rng.js';

function l2Pool(rng: Rng, w: Window, filter: [number, number], inShape: [number, number, number, number]): DiffCase {
  const b = new CaseBuilder();
  const x = b.input({ dtype: 'float32', shape: inShape }, normalFloats(rng, inShape));
  const outShape = [inShape[0], outSize(w.padding, inShape[1], filter[0], w.stride[0]), outSize(w.padding, inShape[2], filter[1], w.stride[1]), inShape[3]];
  const out = b.output({ dtype: 'float32', shape: outShape });
  b.op(BuiltinOp.L2_POOL_2D, [x], [out], poolOptions(w, filter));
  return b.build(`L2_POOL_2D ${w.padding} stride ${w.stride.join('x')} filter ${filter.join('x')} on [${inShape}]`);
}

function cumsum(rng: Rng, dtype: 'float32' | 'int32', shape: number[], axis: number, exclusive: boolean, reverse: boolean): DiffCase {
  const b = new CaseBuilder();
  const x = b.input({ dtype, shape }, dtype === 'float32' ? normalFloats(rng, shape) : randomInts(rng, 'int32', shape, -100, 100));
  const axisT = b.constant({ dtype: 'int32', shape: [] }, i32([axis]));
  const out = b.output({ dtype, shape });
  const options: BuiltinOptions = { kind: 'CumsumOptions', exclusive, reverse };
  b.op(BuiltinOp.CUMSUM, [x, axisT], [out], options);
  return b.build(`CUMSUM ${dtype} [${shape}] axis ${axis}${exclusive ? ' exclusive' : ''}${reverse ? ' reverse' : ''}`);
}

function oneHot(rng: Rng, dtype: 'float32' | 'int32', indicesShape: number[], depth: number, axis: number): DiffCase {
  const b = new CaseBuilder();
  // Indices include -1 and depth (out of range: an all-off row).
  const ids = b.input({ dtype: 'int32', shape: indicesShape }, randomInts(rng, 'int32', indicesShape, -1, depth));
  const depthT = b.constant({ dtype: 'int32', shape: [] }, i32([depth]));
  const value = (v: number) => (dtype === 'float32' ? Float32Array.from([v]) : Int32Array.from([v]));
  const on = b.constant({ dtype, shape: [] }, value(dtype === 'float32' ? 2.5 : 7));
  const off = b.constant({ dtype, shape: [] }, value(-1));
  const a = axis < 0 ? indicesShape.length : axis;
  const out = b.output({ dtype, shape: [...indicesShape.slice(0, a), depth, ...indicesShape.slice(a)] });
  b.op(BuiltinOp.ONE_HOT, [ids, depthT, on, off], [out], { kind: 'OneHotOptions', axis });
  return b.build(`ONE_HOT ${dtype} indices [${indicesShape}] depth ${depth} axis ${axis}`);
}

function embeddingLookup(rng: Rng, ids: number[], table: number[]): DiffCase {
  const b = new CaseBuilder();
  const idsT = b.input({ dtype: 'int32', shape: [ids.length] }, i32(ids));
  const value = b.constant({ dtype: 'float32', shape: table }, normalFloats(rng, table));
  const out = b.output({ dtype: 'float32', shape: [ids.length, ...table.slice(1)] });
  b.op(BuiltinOp.EMBEDDING_LOOKUP, [idsT, value], [out]);
  return b.build(`EMBEDDING_LOOKUP ${ids.length} ids in [${table}]`);
}

function range(rng: Rng, dtype: 'float32' | 'int32', start: number, limit: number, delta: number): DiffCase {
  const b = new CaseBuilder();
  const n = dtype === 'int32' ? Math.ceil(Math.abs(limit - start) / Math.abs(delta)) : Math.ceil(Math.abs((limit - start) / delta));
  const scalar = (v: number) => b.constant({ dtype, shape: [] }, dtype === 'float32' ? Float32Array.from([v]) : Int32Array.from([v]));
  const r = b.intermediate({ dtype, shape: [n] });
  const x = b.input({ dtype, shape: [n] }, dtype === 'float32' ? normalFloats(rng, [n]) : randomInts(rng, 'int32', [n], -5, 5));
  const out = b.output({ dtype, shape: [n] });
  b.op(BuiltinOp.RANGE, [scalar(start), scalar(limit), scalar(delta)], [r]);
  b.op(BuiltinOp.ADD, [r, x], [out], { kind: 'AddOptions', fusedActivation: 'NONE', potScaleInt16: true });
  return b.build(`RANGE ${dtype} ${start} to ${limit} by ${delta}, plus an input`);
}

export const extraMiscFamily: DiffFamily = {
  name: 'extra pooling, scan and indexing ops',
  cases(seed: number): DiffCase[] {
    const rng = new Rng(seed + 105);
    return [
      l2Pool(rng, { padding: 'VALID', stride: [2, 2] }, [2, 2], [1, 6, 6, 3]),
      l2Pool(rng, { padding: 'SAME', stride: [2, 1] }, [3, 3], [2, 5, 7, 2]),
      l2Pool(rng, { padding: 'SAME', stride: [1, 1], activation: 'RELU6' }, [2, 3], [1, 4, 4, 2]),
      cumsum(rng, 'float32', [3, 4], 1, false, false),
      cumsum(rng, 'float32', [2, 3, 4], 0, true, false),
      cumsum(rng, 'int32', [4, 5], -1, false, true),
      cumsum(rng, 'int32', [3, 2, 3], 1, true, true),
      oneHot(rng, 'float32', [5], 4, -1),
      oneHot(rng, 'int32', [2, 3], 5, 0),
      oneHot(rng, 'float32', [2, 3], 3, 1),
      embeddingLookup(rng, [3, 0, 3, 1], [5, 4]),
      embeddingLookup(rng, [2, 1], [3, 2, 3]),
      range(rng, 'int32', 2, 17, 3),
      range(rng, 'int32', 10, -3, -4),
      range(rng, 'float32', 0.5, 4, 0.75),
    ];
  },
};
