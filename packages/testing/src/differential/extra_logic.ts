/**
 * Comparisons (float32, int32, int8 sharing parameters), LOGICAL_AND/OR/NOT and SELECT/SELECT_V2 (bool
 * tensors are made inside the graph by comparisons, since LiteRT.js cannot take bool inputs), and the
 * reductions REDUCE_MAX/MIN/PROD/ANY/ALL, ARG_MIN and TOPK_V2.
 */
import {
  broadcastShapes,
  BuiltinOp,
  reducedShape,
  resolveAxes,
  type DType,
  type ReducerOptions,
} from '@tflite-lambda/runtime/internal';
import { CaseBuilder, perTensor, type DiffCase, type DiffFamily } from './case_builder.js';
import { i32, normalFloats, randomInts, randomZeroPoint, uniformFloats } from './random_data.js';
import { Rng } from './rng.js';

type CompareOp = 'LESS' | 'GREATER' | 'LESS_EQUAL' | 'GREATER_EQUAL' | 'EQUAL' | 'NOT_EQUAL';

/** Small integer-valued data so EQUAL and the ≤/≥ ties actually occur. */
function values(rng: Rng, dtype: 'float32' | 'int32' | 'int8', shape: readonly number[]) {
  if (dtype === 'float32') return normalFloats(rng, shape, 2).map((v) => Math.round(v));
  return randomInts(rng, dtype, shape, -3, 3);
}

/** int8 inputs share `scales[0]` unless a second scale is given; a scale below 1/256 merges neighbouring codes. */
function compare(
  rng: Rng, op: CompareOp, dtype: 'float32' | 'int32' | 'int8', a: number[], bShape: number[], scales: number[] = [0.05],
): DiffCase {
  const b = new CaseBuilder();
  const zp = randomZeroPoint(rng, 'int8');
  const q = (k: number) => (dtype === 'int8' ? { quantization: perTensor(scales[k] ?? scales[0]!, k === 0 ? zp : Math.min(zp + 1, 127)) } : {});
  const x = b.input({ dtype, shape: a, ...q(0) }, values(rng, dtype, a));
  const y = b.input({ dtype, shape: bShape, ...(scales.length > 1 ? q(1) : q(0)) }, values(rng, dtype, bShape));
  const out = b.output({ dtype: 'bool', shape: broadcastShapes(a, bShape) });
  b.op(BuiltinOp[op], [x, y], [out]);
  return b.build(`${op} ${dtype} [${a}] with [${bShape}]${dtype === 'int8' ? ` scales ${scales}` : ''}`);
}

/** (x > 0) AND/OR (y < 0), NOT of the first, then SELECT_V2 on the result picking x or y. */
function logicAndSelect(rng: Rng, op: 'LOGICAL_AND' | 'LOGICAL_OR', shape: number[], yShape: number[]): DiffCase {
  const b = new CaseBuilder();
  const outShape = broadcastShapes(shape, yShape);
  const x = b.input({ dtype: 'float32', shape }, normalFloats(rng, shape));
  const y = b.input({ dtype: 'float32', shape: yShape }, normalFloats(rng, yShape));
  const zero = b.constant({ dtype: 'float32', shape: [] }, new Float32Array(1));
  const xPos = b.intermediate({ dtype: 'bool', shape });
  const yNeg = b.intermediate({ dtype: 'bool', shape: yShape });
  const both = b.output({ dtype: 'bool', shape: outShape });
  const notX = b.output({ dtype: 'bool', shape });
  const picked = b.output({ dtype: 'float32', shape: outShape });
  b.op(BuiltinOp.GREATER, [x, zero], [xPos]);
  b.op(BuiltinOp.LESS, [y, zero], [yNeg]);
  b.op(BuiltinOp[op], [xPos, yNeg], [both]);
  b.op(BuiltinOp.LOGICAL_NOT, [xPos], [notX]);
  b.op(BuiltinOp.SELECT_V2, [both, x, y], [picked]);
  return b.build(`${op}, LOGICAL_NOT and SELECT_V2 on [${shape}] and [${yShape}]`);
}

/** SELECT (v1) with a condition of x's shape or a vector along axis 0. */
function selectV1(rng: Rng, dtype: 'float32' | 'int32', shape: number[], condShape: number[]): DiffCase {
  const b = new CaseBuilder();
  const c = b.input({ dtype: 'float32', shape: condShape }, normalFloats(rng, condShape));
  const zero = b.constant({ dtype: 'float32', shape: [] }, new Float32Array(1));
  const cond = b.intermediate({ dtype: 'bool', shape: condShape });
  const data = (): Float32Array | Int32Array =>
    dtype === 'float32' ? normalFloats(rng, shape) : (randomInts(rng, 'int32', shape, -50, 50) as Int32Array);
  const x = b.input({ dtype, shape }, data());
  const y = b.input({ dtype, shape }, data());
  const out = b.output({ dtype, shape });
  b.op(BuiltinOp.GREATER_EQUAL, [c, zero], [cond]);
  b.op(BuiltinOp.SELECT, [cond, x, y], [out]);
  return b.build(`SELECT ${dtype} [${shape}] condition [${condShape}]`);
}

type ReduceOp = 'REDUCE_MAX' | 'REDUCE_MIN' | 'REDUCE_PROD';

function reduce(rng: Rng, op: ReduceOp, dtype: DType, shape: number[], axes: number[], keepDims: boolean): DiffCase {
  const b = new CaseBuilder();
  const q = dtype === 'int8' || dtype === 'uint8' ? perTensor(0.03, randomZeroPoint(rng, dtype)) : undefined;
  const data = dtype === 'float32'
    ? (op === 'REDUCE_PROD' ? uniformFloats(rng, shape, 0.5, 1.6) : normalFloats(rng, shape, 3))
    : dtype === 'int32' ? randomInts(rng, 'int32', shape, op === 'REDUCE_PROD' ? -3 : -1000, op === 'REDUCE_PROD' ? 3 : 1000)
    : randomInts(rng, dtype as 'int8' | 'uint8', shape);
  const x = b.input(q ? { dtype, shape, quantization: q } : { dtype, shape }, data);
  const axesT = b.constant({ dtype: 'int32', shape: [axes.length] }, i32(axes));
  const outShape = reducedShape(shape, resolveAxes(axes, shape.length), keepDims);
  const out = b.output(q ? { dtype, shape: outShape, quantization: q } : { dtype, shape: outShape });
  const options: ReducerOptions = { kind: 'ReducerOptions', keepDims };
  b.op(BuiltinOp[op], [x, axesT], [out], options);
  return b.build(`${op} ${dtype} [${shape}] axes [${axes}]${keepDims ? ' keep_dims' : ''}`);
}

function argMin(rng: Rng, dtype: 'float32' | 'int32' | 'uint8', shape: number[], axis: number, outType: 'int32' | 'int64'): DiffCase {
  const b = new CaseBuilder();
  const data = dtype === 'float32' ? normalFloats(rng, shape).map((v) => Math.round(v * 2)) : randomInts(rng, dtype, shape, 0, 9);
  const q = dtype === 'uint8' ? { quantization: perTensor(0.1, 3) } : {};
  const x = b.input({ dtype, shape, ...q }, data);
  const axisT = b.constant({ dtype: 'int32', shape: [1] }, i32([axis]));
  const out = b.output({ dtype: outType, shape: shape.filter((_, i) => i !== (axis + shape.length) % shape.length) });
  b.op(BuiltinOp.ARG_MIN, [x, axisT], [out], { kind: 'ArgMinOptions', outputType: outType });
  return b.build(`ARG_MIN ${dtype} [${shape}] axis ${axis} -> ${outType}`);
}

/** REDUCE_ANY / REDUCE_ALL over (x > 0), a bool made in the graph. */
function reduceBool(rng: Rng, op: 'REDUCE_ANY' | 'REDUCE_ALL', shape: number[], axes: number[], keepDims: boolean): DiffCase {
  const b = new CaseBuilder();
  // Mostly positive (ALL) or mostly negative (ANY) data, so both outcomes occur.
  const x = b.input({ dtype: 'float32', shape }, uniformFloats(rng, shape, op === 'REDUCE_ALL' ? -0.3 : -3, op === 'REDUCE_ALL' ? 3 : 0.3));
  const zero = b.constant({ dtype: 'float32', shape: [] }, new Float32Array(1));
  const positive = b.intermediate({ dtype: 'bool', shape });
  const axesT = b.constant({ dtype: 'int32', shape: [axes.length] }, i32(axes));
  const out = b.output({ dtype: 'bool', shape: reducedShape(shape, resolveAxes(axes, shape.length), keepDims) });
  b.op(BuiltinOp.GREATER, [x, zero], [positive]);
  b.op(BuiltinOp[op], [positive, axesT], [out], { kind: 'ReducerOptions', keepDims });
  return b.build(`${op} of x > 0 on [${shape}] axes [${axes}]`);
}

function topK(rng: Rng, dtype: 'float32' | 'int32' | 'int8', shape: number[], k: number): DiffCase {
  const b = new CaseBuilder();
  // Few distinct integer values, so ties (lower index first) are exercised.
  const data = dtype === 'float32' ? normalFloats(rng, shape, 2).map((v) => Math.round(v)) : randomInts(rng, dtype, shape, -4, 4);
  const q = dtype === 'int8' ? { quantization: perTensor(0.1, 0) } : {};
  const x = b.input({ dtype, shape, ...q }, data);
  const kT = b.constant({ dtype: 'int32', shape: [] }, i32([k]));
  const outShape = [...shape.slice(0, -1), k];
  const values = b.output({ dtype, shape: outShape, ...q });
  const indices = b.output({ dtype: 'int32', shape: outShape });
  b.op(BuiltinOp.TOPK_V2, [x, kT], [values, indices]);
  return b.build(`TOPK_V2 ${dtype} [${shape}] k ${k}`);
}

export const extraLogicFamily: DiffFamily = {
  name: 'extra comparison, logic, selection and reduction ops',
  cases(seed: number): DiffCase[] {
    const rng = new Rng(seed + 103);
    return [
      compare(rng, 'LESS', 'float32', [3, 4], [3, 4]),
      compare(rng, 'GREATER', 'float32', [2, 3, 4], [4]),
      compare(rng, 'LESS_EQUAL', 'int32', [2, 5], [2, 1]),
      compare(rng, 'GREATER_EQUAL', 'int32', [4, 3], [4, 3]),
      compare(rng, 'EQUAL', 'float32', [3, 1, 4], [2, 1]),
      compare(rng, 'NOT_EQUAL', 'int32', [5, 4], [5, 4]),
      compare(rng, 'LESS', 'int8', [2, 6], [2, 6]),
      compare(rng, 'EQUAL', 'int8', [3, 4], [1, 4]),
      compare(rng, 'GREATER_EQUAL', 'int8', [4, 6], [4, 6], [0.05, 0.1]),
      compare(rng, 'EQUAL', 'int8', [5, 6], [5, 6], [0.5, 0.25]),
      compare(rng, 'LESS', 'int8', [4, 8], [4, 8], [0.001]),
      compare(rng, 'NOT_EQUAL', 'int8', [4, 8], [8], [0.0005, 0.002]),
      logicAndSelect(rng, 'LOGICAL_AND', [2, 3, 4], [3, 4]),
      logicAndSelect(rng, 'LOGICAL_OR', [4, 5], [4, 5]),
      selectV1(rng, 'float32', [3, 4], [3, 4]),
      selectV1(rng, 'int32', [4, 2, 3], [4]),
      reduce(rng, 'REDUCE_MAX', 'float32', [2, 3, 4], [1], false),
      reduce(rng, 'REDUCE_MAX', 'float32', [2, 3, 4, 5], [1, 2], true),
      reduce(rng, 'REDUCE_MAX', 'int8', [1, 4, 4, 3], [1, 2], false),
      reduce(rng, 'REDUCE_MAX', 'uint8', [3, 5], [-1], true),
      reduce(rng, 'REDUCE_MIN', 'float32', [3, 4, 5], [0, 2], false),
      reduce(rng, 'REDUCE_MIN', 'int32', [4, 6], [1], false),
      reduce(rng, 'REDUCE_MIN', 'int8', [2, 3, 4], [0], true),
      reduce(rng, 'REDUCE_PROD', 'float32', [3, 4, 2], [1], false),
      reduce(rng, 'REDUCE_PROD', 'float32', [2, 3, 4], [0, 1, 2], true),
      reduce(rng, 'REDUCE_PROD', 'int32', [3, 5], [-1], false),
      argMin(rng, 'float32', [3, 5], 1, 'int32'),
      argMin(rng, 'int32', [2, 3, 4], 0, 'int64'),
      argMin(rng, 'uint8', [4, 6], -1, 'int32'),
      reduceBool(rng, 'REDUCE_ANY', [3, 4], [1], false),
      reduceBool(rng, 'REDUCE_ALL', [2, 3, 4], [0, 2], true),
      topK(rng, 'float32', [3, 10], 4),
      topK(rng, 'int32', [2, 2, 7], 7),
      topK(rng, 'int8', [12], 3),
    ];
  },
};
