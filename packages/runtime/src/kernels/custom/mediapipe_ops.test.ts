import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ModelFormatError } from '../../core/errors.js';
import { assertClose, runKernel } from '@tflite-lambda/testing';
import { CONVOLUTION_2D_TRANSPOSE_BIAS_KERNEL } from './convolution_2d_transpose_bias.js';
import { MAX_POOLING_WITH_ARGMAX_2D_KERNEL } from './max_pooling_with_argmax_2d.js';
import { MAX_UNPOOLING_2D_KERNEL } from './max_unpooling_2d.js';
import { poolParamsBytes, transposeConvParamsBytes, type RawPoolParams } from './raw_params.js';

const pool = (padding: 'SAME' | 'VALID', filter: number, stride: number, activation: RawPoolParams['activation'] = 'NONE') =>
  poolParamsBytes({ padding, filterH: filter, filterW: filter, strideH: stride, strideW: stride, activation });

function argmax(input: number[], shape: number[], options: Uint8Array) {
  return runKernel(MAX_POOLING_WITH_ARGMAX_2D_KERNEL, {
    inputs: [{ dtype: 'float32', shape, data: input }],
    outputs: [{ dtype: 'float32' }, { dtype: 'float32' }],
    customCode: 'MaxPoolingWithArgmax2D', customOptions: options,
  });
}

test('argmax pooling reports the window position + 0.1, the first maximum winning a tie', () => {
  // 4x4 single channel; windows 2x2 stride 2. The top-left window holds 5 twice: the first (row 0, col 1) wins.
  const x = [1, 5, 2, 0, 5, 3, 9, 4, 0, 0, -1, -2, 0, 7, -3, -4];
  const [values, indices] = argmax(x, [1, 4, 4, 1], pool('VALID', 2, 2));
  assert.deepEqual([...values!.data], [5, 9, 7, -1]);
  assertClose(indices!.data as Float32Array, [1.1, 2.1, 3.1, 0.1], 'indices', 1e-6, 0);
});

test('argmax pooling applies the fused activation to the values only', () => {
  const [values, indices] = argmax([-3, -1, -2, -5], [1, 2, 2, 1], pool('VALID', 2, 2, 'RELU'));
  assert.deepEqual([...values!.data], [0]);
  assertClose(indices!.data as Float32Array, [1.1], 'indices', 1e-6, 0);
});

test('SAME argmax pooling with a 3x3 window and stride 2 pads like TFLite pooling', () => {
  // 3x3 input, SAME → 2x2 output; padding = ((2−1)·2 + 3 − 3) / 2 = 1 on top/left.
  const x = [1, 2, 3, 4, 5, 6, 7, 8, 9];
  const [values, indices] = argmax(x, [1, 3, 3, 1], pool('SAME', 3, 2));
  assert.deepEqual(values!.shape, [1, 2, 2, 1]);
  assert.deepEqual([...values!.data], [5, 6, 8, 9]);
  // Window of output (0,0) covers input rows/cols −1..1: its maximum 5 sits at window (2, 2).
  assertClose(indices!.data as Float32Array, [8.1, 7.1, 5.1, 4.1], 'indices', 1e-6, 0);
});

test('unpooling puts each value back where its index points and zeroes the rest', () => {
  const out = runKernel(MAX_UNPOOLING_2D_KERNEL, {
    inputs: [
      { dtype: 'float32', shape: [1, 2, 2, 1], data: [5, 9, 7, -1] },
      { dtype: 'float32', shape: [1, 2, 2, 1], data: [1.1, 2.1, 3.1, 0.1] },
    ],
    outputs: [{ dtype: 'float32' }],
    customCode: 'MaxUnpooling2D', customOptions: pool('VALID', 2, 2),
  })[0]!;
  assert.deepEqual(out.shape, [1, 4, 4, 1]);
  assert.deepEqual([...out.data], [0, 5, 0, 0, 0, 0, 9, 0, 0, 0, -1, 0, 0, 7, 0, 0]);
});

test('unpooling skips an index that points outside the output', () => {
  const out = runKernel(MAX_UNPOOLING_2D_KERNEL, {
    inputs: [
      { dtype: 'float32', shape: [1, 1, 1, 1], data: [3] },
      { dtype: 'float32', shape: [1, 1, 1, 1], data: [40.1] },
    ],
    outputs: [{ dtype: 'float32' }],
    customCode: 'MaxUnpooling2D', customOptions: pool('SAME', 2, 2),
  })[0]!;
  assert.deepEqual([...out.data], [0, 0, 0, 0]);
});

test('transpose convolution with bias: stride-2 2x2 ones filter copies each pixel to a block, plus bias', () => {
  const out = runKernel(CONVOLUTION_2D_TRANSPOSE_BIAS_KERNEL, {
    inputs: [
      { dtype: 'float32', shape: [1, 2, 2, 1], data: [1, 2, 3, 4] },
      { dtype: 'float32', shape: [1, 2, 2, 1], data: [1, 1, 1, 1], constant: true },
      { dtype: 'float32', shape: [1], data: [0.5], constant: true },
    ],
    outputs: [{ dtype: 'float32' }],
    customCode: 'Convolution2DTransposeBias',
    customOptions: transposeConvParamsBytes({ padding: 'VALID', strideH: 2, strideW: 2 }),
  })[0]!;
  assert.deepEqual(out.shape, [1, 4, 4, 1]);
  assert.deepEqual([...out.data], [1.5, 1.5, 2.5, 2.5, 1.5, 1.5, 2.5, 2.5, 3.5, 3.5, 4.5, 4.5, 3.5, 3.5, 4.5, 4.5]);
});

test('SAME transpose convolution trims k − (in − 1) mod stride − 1 from the full output', () => {
  // in 2, k 3, stride 2: full size 5, SAME trims 1 (offset 0) → 4; the tap of input 1 at filter 2 is dropped.
  const out = runKernel(CONVOLUTION_2D_TRANSPOSE_BIAS_KERNEL, {
    inputs: [
      { dtype: 'float32', shape: [1, 1, 2, 1], data: [1, 10] },
      { dtype: 'float32', shape: [1, 1, 3, 1], data: [1, 2, 3], constant: true },
      { dtype: 'float32', shape: [1], data: [0], constant: true },
    ],
    outputs: [{ dtype: 'float32' }],
    customCode: 'Convolution2DTransposeBias',
    customOptions: transposeConvParamsBytes({ padding: 'SAME', strideH: 1, strideW: 2 }),
  })[0]!;
  assert.deepEqual(out.shape, [1, 1, 4, 1]);
  assert.deepEqual([...out.data], [1, 2, 13, 20]);
});

test('malformed raw option structs are ModelFormatErrors', () => {
  const run = (options: Uint8Array) =>
    argmax([1], [1, 1, 1, 1], options);
  assert.throws(() => run(new Uint8Array(8)), ModelFormatError);
  assert.throws(() => run(new Uint8Array(Int32Array.from([0, 1, 1, 1, 1, 0]).buffer)), ModelFormatError);
  assert.throws(() => run(new Uint8Array(Int32Array.from([2, 0, 1, 1, 1, 0]).buffer)), ModelFormatError);
});
