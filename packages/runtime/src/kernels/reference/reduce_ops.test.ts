import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DType } from '../../core/dtype.js';
import type { QuantizationParams } from '../../core/model.js';
import type { AnyKernel } from '../kernel.js';
import { assertClose, randomFloats, runKernel, seededRandom } from '@tflite-lambda/testing';
import { ARG_MIN_KERNEL } from './arg_min.js';
import { REDUCE_ALL_KERNEL } from './reduce_all.js';
import { REDUCE_ANY_KERNEL } from './reduce_any.js';
import { REDUCE_MAX_KERNEL } from './reduce_max.js';
import { REDUCE_MIN_KERNEL } from './reduce_min.js';
import { REDUCE_PROD_KERNEL } from './reduce_prod.js';
import { TOPK_V2_KERNEL } from './top_k_v2.js';

function reduce(
  k: AnyKernel, dtype: DType, shape: number[], data: number[] | Float32Array, axes: number[], keepDims = false,
  quantization: QuantizationParams | null = null,
) {
  const [out] = runKernel(k, {
    inputs: [{ dtype, shape, data, quantization }, { dtype: 'int32', shape: [axes.length], data: axes, constant: true }],
    outputs: [{ dtype, quantization }],
    options: { kind: 'ReducerOptions', keepDims },
  });
  return { shape: out!.shape, data: [...(out!.data as Float32Array)] };
}

/** Independent reference: visit every input index, fold into the output index with reduced axes dropped. */
function naive(shape: number[], data: ArrayLike<number>, axes: number[], init: number, f: (a: number, b: number) => number): number[] {
  const keep = shape.map((_, i) => !axes.includes(i));
  const outShape = shape.filter((_, i) => keep[i]);
  const out = new Array<number>(outShape.reduce((p, d) => p * d, 1)).fill(init);
  const idx = new Array<number>(shape.length).fill(0);
  for (let i = 0; i < data.length; i++) {
    let rem = i;
    for (let d = shape.length - 1; d >= 0; d--) {
      idx[d] = rem % shape[d]!;
      rem = Math.floor(rem / shape[d]!);
    }
    let o = 0;
    shape.forEach((d, k) => {
      if (keep[k]) o = o * d + idx[k]!;
    });
    out[o] = f(out[o]!, data[i]!);
  }
  return out;
}

test('REDUCE_MAX and REDUCE_MIN over one axis with keep_dims', () => {
  assert.deepEqual(reduce(REDUCE_MAX_KERNEL, 'float32', [2, 3], [1, 5, 3, -1, -7, 0], [1], true), { shape: [2, 1], data: [5, 0] });
  assert.deepEqual(reduce(REDUCE_MIN_KERNEL, 'int32', [2, 3], [1, 5, 3, -1, -7, 0], [0]), { shape: [3], data: [-1, -7, 0] });
});

test('reductions accept negative and duplicate axes and match a naive fold on random data', () => {
  const shape = [2, 3, 4, 5];
  const data = randomFloats(seededRandom(9), 120, -2, 2);
  const axes = [-1, 1, 3];
  const max = reduce(REDUCE_MAX_KERNEL, 'float32', shape, data, axes);
  assert.deepEqual(max.shape, [2, 4]);
  assert.deepEqual(max.data, naive(shape, data, [1, 3], -Infinity, Math.max));
  const prod = reduce(REDUCE_PROD_KERNEL, 'float32', shape, data, [0, 2]);
  assertClose(prod.data, naive(shape, data, [0, 2], 1, (a, b) => a * b), 'prod');
});

test('reducing every axis of a rank-0 or empty tensor gives the initial value TFLite uses', () => {
  assert.deepEqual(reduce(REDUCE_MAX_KERNEL, 'float32', [], [4], []), { shape: [], data: [4] });
  assert.deepEqual(reduce(REDUCE_MAX_KERNEL, 'int32', [0, 2], [], [0]).data, [-2147483648, -2147483648]);
  assert.deepEqual(reduce(REDUCE_PROD_KERNEL, 'float32', [2, 0], [], [1]).data, [1, 1]);
});

test('REDUCE_PROD on int32 wraps like int32 arithmetic', () => {
  assert.deepEqual(reduce(REDUCE_PROD_KERNEL, 'int32', [3], [65536, 65536, 3], [0]).data, [0]);
  assert.deepEqual(reduce(REDUCE_PROD_KERNEL, 'int32', [2, 2], [2, -3, 4, 5], [1]).data, [-6, 20]);
});

test('quantized REDUCE_MAX folds raw int8 values when input and output share parameters', () => {
  const q: QuantizationParams = { scale: [0.1], zeroPoint: [-5], quantizedDimension: 0 };
  assert.deepEqual(reduce(REDUCE_MAX_KERNEL, 'int8', [2, 2], [-128, 3, 100, -7], [0], false, q).data, [100, 3]);
  assert.throws(
    () => runKernel(REDUCE_MAX_KERNEL, {
      inputs: [{ dtype: 'int8', shape: [2], data: [1, 2], quantization: q }, { dtype: 'int32', shape: [1], data: [0], constant: true }],
      outputs: [{ dtype: 'int8', quantization: { scale: [0.2], zeroPoint: [0], quantizedDimension: 0 } }],
    }),
    /does not support/,
  );
});

test('ARG_MIN picks the first minimum along the axis, int32 or int64 indices', () => {
  const run = (outType: 'int32' | 'int64', axis: number) => {
    const [out] = runKernel(ARG_MIN_KERNEL, {
      inputs: [{ dtype: 'float32', shape: [2, 3], data: [3, 1, 1, -2, 5, -2] }, { dtype: 'int32', shape: [], data: [axis], constant: true }],
      outputs: [{ dtype: outType }],
      options: { kind: 'ArgMinOptions', outputType: outType },
    });
    return { shape: out!.shape, data: [...out!.data].map(Number) };
  };
  assert.deepEqual(run('int32', 1), { shape: [2], data: [1, 0] });
  assert.deepEqual(run('int64', -2), { shape: [3], data: [1, 0, 1] });
});

test('REDUCE_ANY and REDUCE_ALL fold bools, starting from false and true', () => {
  const data = [1, 0, 0, 0, 1, 1];
  assert.deepEqual(reduce(REDUCE_ANY_KERNEL, 'bool', [2, 3], data, [1]).data, [1, 1]);
  assert.deepEqual(reduce(REDUCE_ALL_KERNEL, 'bool', [2, 3], data, [1]).data, [0, 0]);
  assert.deepEqual(reduce(REDUCE_ALL_KERNEL, 'bool', [2, 3], data, [0], true), { shape: [1, 3], data: [0, 0, 0] });
  assert.deepEqual(reduce(REDUCE_ALL_KERNEL, 'bool', [0], [], [0]).data, [1]);
});

test('TOPK_V2 returns the k largest per row in descending order, lower index first on ties', () => {
  const [values, indices] = runKernel(TOPK_V2_KERNEL, {
    inputs: [{ dtype: 'float32', shape: [2, 5], data: [1, 5, 3, 5, 2, -1, -1, -3, 0, -1] }, { dtype: 'int32', shape: [], data: [3], constant: true }],
    outputs: [{ dtype: 'float32' }, { dtype: 'int32' }],
  });
  assert.deepEqual(values!.shape, [2, 3]);
  assert.deepEqual([...values!.data], [5, 5, 3, 0, -1, -1]);
  assert.deepEqual([...indices!.data], [1, 3, 2, 3, 0, 1]);
  const rand = seededRandom(4);
  const row = [...randomFloats(rand, 50)];
  const [v] = runKernel(TOPK_V2_KERNEL, {
    inputs: [{ dtype: 'float32', shape: [50], data: row }, { dtype: 'int32', shape: [], data: [50], constant: true }],
    outputs: [{ dtype: 'float32' }, { dtype: 'int32' }],
  });
  assert.deepEqual([...v!.data], [...Float32Array.from(row)].sort((a, b) => b - a));
});
