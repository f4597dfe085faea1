/**
 * SCATTER_ND (duplicate indices add up), SEGMENT_SUM, UNSORTED_SEGMENT_SUM/PROD/MAX/MIN (negative ids
 * skipped, empty segments), SPARSE_TO_DENSE (scalar and vector values, 1-D and 2-D indices) and
 * DYNAMIC_UPDATE_SLICE (start indices clamped into range), in the dtypes TFLite registers. TFLite makes the
 * segment ops' outputs dynamic when their data come at run time, and LiteRT.js cannot hand out a dynamic
 * graph output, so those cases add a constant zero after the op.
 */
import { BuiltinOp, type DType, type TypedArray } from '@tflite-lambda/runtime/internal';
import { CaseBuilder, type DiffCase, type DiffFamily } from '../case_builder.js';
import { i32, normalFloats, randomInts } from '../random_data.js';
import { Rng } from '../rng.js';

type Num = 'float32' | 'int32' | 'int8' | 'uint8' | 'int64';

function values(rng: Rng, dtype: Num, shape: number[]): TypedArray {
  if (dtype === 'float32') return normalFloats(rng, shape);
  if (dtype === 'int64') return BigInt64Array.from(Array.from(randomInts(rng, 'int32', shape, -50, 50) as Int32Array, (v) => BigInt(v)));
  return randomInts(rng, dtype === 'int32' ? 'int32' : dtype, shape, dtype === 'uint8' ? 0 : -20, 20);
}

function scatterNd(rng: Rng, dtype: Num, indices: number[][], outShape: number[]): DiffCase {
  const b = new CaseBuilder();
  const depth = indices[0]!.length;
  const updatesShape = [indices.length, ...outShape.slice(depth)];
  const ids = b.input({ dtype: 'int32', shape: [indices.length, depth] }, i32(indices.flat()));
  const upd = b.input({ dtype, shape: updatesShape }, values(rng, dtype, updatesShape));
  const shape = b.constant({ dtype: 'int32', shape: [outShape.length] }, i32(outShape));
  const out = b.output({ dtype, shape: outShape });
  b.op(BuiltinOp.SCATTER_ND, [ids, upd, shape], [out]);
  return b.build(`SCATTER_ND ${dtype} ${indices.length} index tuples of depth ${depth} into [${outShape}]`);
}

/** out = t + 0: a static graph output after an op whose output TFLite makes dynamic. */
function addZero(b: CaseBuilder, dtype: 'float32' | 'int32', t: number, shape: number[]): void {
  const zero = b.constant({ dtype, shape: [] }, dtype === 'float32' ? Float32Array.of(0) : Int32Array.of(0));
  b.op(BuiltinOp.ADD, [t, zero], [b.output({ dtype, shape })], { kind: 'AddOptions', fusedActivation: 'NONE', potScaleInt16: true });
}

function segmentSum(rng: Rng, dtype: 'float32' | 'int32', ids: number[], rowShape: number[]): DiffCase {
  const b = new CaseBuilder();
  const shape = [ids.length, ...rowShape];
  const data = b.input({ dtype, shape }, values(rng, dtype, shape));
  const seg = b.constant({ dtype: 'int32', shape: [ids.length] }, i32(ids));
  const outShape = [ids[ids.length - 1]! + 1, ...rowShape];
  const sums = b.intermediate({ dtype, shape: outShape });
  b.op(BuiltinOp.SEGMENT_SUM, [data, seg], [sums]);
  addZero(b, dtype, sums, outShape);
  return b.build(`SEGMENT_SUM ${dtype} ids [${ids}] rows [${rowShape}]`);
}

function unsorted(rng: Rng, op: 'SUM' | 'PROD' | 'MAX' | 'MIN', dtype: 'float32' | 'int32', ids: number[], idShape: number[], rest: number[], segments: number): DiffCase {
  const b = new CaseBuilder();
  const shape = [...idShape, ...rest];
  const data = b.input({ dtype, shape }, dtype === 'int32' && op === 'PROD' ? randomInts(rng, 'int32', shape, -4, 4) : values(rng, dtype, shape));
  const seg = b.input({ dtype: 'int32', shape: idShape }, i32(ids));
  const count = b.constant({ dtype: 'int32', shape: [] }, i32([segments]));
  const outShape = [segments, ...rest];
  const reduced = b.intermediate({ dtype, shape: outShape });
  b.op(BuiltinOp[`UNSORTED_SEGMENT_${op}`], [data, seg, count], [reduced]);
  addZero(b, dtype, reduced, outShape);
  return b.build(`UNSORTED_SEGMENT_${op} ${dtype} ids [${ids}] (shape [${idShape}]) into ${segments} segments`);
}

function sparseToDense(rng: Rng, dtype: Num, indices: number[][], outShape: number[], scalarValue: boolean): DiffCase {
  const b = new CaseBuilder();
  const matrix = outShape.length > 1;
  const idsShape = matrix ? [indices.length, outShape.length] : [indices.length];
  const ids = b.input({ dtype: 'int32', shape: idsShape }, i32(indices.flat()));
  const shape = b.constant({ dtype: 'int32', shape: [outShape.length] }, i32(outShape));
  const valShape = scalarValue ? [] : [indices.length];
  const vals = b.input({ dtype, shape: valShape }, values(rng, dtype, valShape));
  const fallback = b.constant({ dtype, shape: [] }, values(rng, dtype, []));
  const out = b.output({ dtype, shape: outShape });
  b.op(BuiltinOp.SPARSE_TO_DENSE, [ids, shape, vals, fallback], [out], { kind: 'SparseToDenseOptions', validateIndices: false });
  return b.build(`SPARSE_TO_DENSE ${dtype} ${indices.length} indices into [${outShape}]${scalarValue ? ' (one value)' : ''}`);
}

function dynamicUpdateSlice(rng: Rng, dtype: DType & Num, shape: number[], update: number[], starts: number[]): DiffCase {
  const b = new CaseBuilder();
  const operand = b.input({ dtype, shape }, values(rng, dtype, shape));
  const upd = b.input({ dtype, shape: update }, values(rng, dtype, update));
  const at = b.input({ dtype: 'int32', shape: [shape.length] }, i32(starts));
  const out = b.output({ dtype, shape });
  b.op(BuiltinOp.DYNAMIC_UPDATE_SLICE, [operand, upd, at], [out]);
  return b.build(`DYNAMIC_UPDATE_SLICE ${dtype} [${update}] into [${shape}] at [${starts}]`);
}

export const indexingOpsFamily: DiffFamily = {
  name: 'scatter, segment, sparse-to-dense and update-slice ops',
  cases(seed: number): DiffCase[] {
    const rng = new Rng(seed + 751);
    return [
      scatterNd(rng, 'float32', [[1], [3], [1]], [5, 3]),
      scatterNd(rng, 'int32', [[0, 1], [2, 2], [0, 1]], [3, 4]),
      scatterNd(rng, 'int8', [[1, 0, 2]], [2, 2, 3]),
      scatterNd(rng, 'uint8', [[2], [0]], [4]),
      scatterNd(rng, 'int64', [[0], [1]], [2, 2]),
      segmentSum(rng, 'float32', [0, 0, 1, 2, 2, 2], [3]),
      segmentSum(rng, 'int32', [0, 1, 1], [2, 2]),
      unsorted(rng, 'SUM', 'float32', [2, 0, -1, 2, 1], [5], [3], 4),
      unsorted(rng, 'PROD', 'int32', [1, 1, 0, 3], [4], [2], 4),
      unsorted(rng, 'MAX', 'float32', [0, 2, 0, 2], [2, 2], [3], 4),
      unsorted(rng, 'MIN', 'int32', [1, 0, 1], [3], [], 3),
      unsorted(rng, 'MAX', 'int32', [0, 0], [2], [2], 2),
      sparseToDense(rng, 'float32', [[1], [4], [2]], [6], false),
      sparseToDense(rng, 'int32', [[0, 1], [2, 0], [1, 1]], [3, 2], false),
      sparseToDense(rng, 'int8', [[0, 0, 1], [1, 2, 0]], [2, 3, 2], true),
      sparseToDense(rng, 'int64', [[3], [0]], [4], false),
      dynamicUpdateSlice(rng, 'float32', [4, 5], [2, 3], [1, 2]),
      dynamicUpdateSlice(rng, 'int32', [3, 4, 2], [1, 2, 2], [5, -3, 0]),
      dynamicUpdateSlice(rng, 'int8', [6], [2], [5]),
      dynamicUpdateSlice(rng, 'float32', [2, 3], [2, 3], [1, 1]),
    ];
  },
};
