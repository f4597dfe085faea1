import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ShapeError, TensorError, UnsupportedError } from '../../core/errors.js';
import { runKernel } from '@tflite-lambda/testing';
import { BITCAST_KERNEL } from './bitcast.js';
import { BUCKETIZE_KERNEL } from './bucketize.js';
import { DYNAMIC_UPDATE_SLICE_KERNEL } from './dynamic_update_slice.js';
import { FAKE_QUANT_KERNEL } from './fake_quant.js';
import { REVERSE_SEQUENCE_KERNEL } from './reverse_sequence.js';
import { RIGHT_SHIFT_KERNEL } from './right_shift.js';
import { SPARSE_TO_DENSE_KERNEL } from './sparse_to_dense.js';

test('DYNAMIC_UPDATE_SLICE clamps start indices so the update lands inside', () => {
  const out = runKernel(DYNAMIC_UPDATE_SLICE_KERNEL, {
    inputs: [
      { dtype: 'int32', shape: [5], data: [0, 0, 0, 0, 0] },
      { dtype: 'int32', shape: [2], data: [7, 8] },
      { dtype: 'int32', shape: [1], data: [9] },
    ],
    outputs: [{ dtype: 'int32' }],
  })[0]!;
  assert.deepEqual([...out.data], [0, 0, 0, 7, 8]);
});

test('SPARSE_TO_DENSE fills the default and fails on an index outside the output', () => {
  const run = (indices: number[]) =>
    runKernel(SPARSE_TO_DENSE_KERNEL, {
      inputs: [
        { dtype: 'int32', shape: [indices.length], data: indices },
        { dtype: 'int32', shape: [1], data: [4], constant: true },
        { dtype: 'float32', shape: [], data: [2.5] },
        { dtype: 'float32', shape: [], data: [-1] },
      ],
      outputs: [{ dtype: 'float32' }],
    })[0]!;
  assert.deepEqual([...run([3, 0]).data], [2.5, -1, -1, 2.5]);
  assert.throws(() => run([4]), TensorError);
});

test('REVERSE_SEQUENCE reverses each batch\'s prefix and fails on a length past the sequence', () => {
  const run = (lengths: number[]) =>
    runKernel(REVERSE_SEQUENCE_KERNEL, {
      inputs: [{ dtype: 'int32', shape: [2, 3], data: [1, 2, 3, 4, 5, 6] }, { dtype: 'int32', shape: [2], data: lengths }],
      outputs: [{ dtype: 'int32' }],
      options: { kind: 'ReverseSequenceOptions', seqDim: 1, batchDim: 0 },
    })[0]!;
  assert.deepEqual([...run([2, 3]).data], [2, 1, 3, 6, 5, 4]);
  assert.throws(() => run([4, 0]), TensorError);
});

test('FAKE_QUANT nudges the range so zero is exact, and refuses narrow_range as TFLite does', () => {
  const run = (narrowRange: boolean) =>
    runKernel(FAKE_QUANT_KERNEL, {
      inputs: [{ dtype: 'float32', shape: [4], data: [-2, 0, 0.3, 5] }],
      outputs: [{ dtype: 'float32' }],
      options: { kind: 'FakeQuantOptions', min: -1, max: 2, numBits: 2, narrowRange },
    })[0]!;
  // 4 levels over [−1, 2]: scale 1, zero point 1 → values −1, 0, 1, 2.
  assert.deepEqual([...run(false).data], [-1, 0, 0, 2]);
  assert.throws(() => run(true), UnsupportedError);
});

test('BUCKETIZE puts a value equal to a boundary above it', () => {
  const out = runKernel(BUCKETIZE_KERNEL, {
    inputs: [{ dtype: 'float32', shape: [5], data: [-5, 0, 1, 1.5, 10] }],
    outputs: [{ dtype: 'int32' }],
    options: { kind: 'BucketizeOptions', boundaries: [0, 1, 2] },
  })[0]!;
  assert.deepEqual([...out.data], [0, 1, 2, 2, 3]);
});

test('BITCAST adds or drops a last dimension when the widths differ', () => {
  const widen = runKernel(BITCAST_KERNEL, { inputs: [{ dtype: 'int32', shape: [2], data: [1, -1] }], outputs: [{ dtype: 'uint8' }] })[0]!;
  assert.deepEqual(widen.shape, [2, 4]);
  assert.deepEqual([...widen.data], [1, 0, 0, 0, 255, 255, 255, 255]);
  const narrow = runKernel(BITCAST_KERNEL, { inputs: [{ dtype: 'uint8', shape: [1, 4], data: [0, 0, 128, 63] }], outputs: [{ dtype: 'float32' }] })[0]!;
  assert.deepEqual([...narrow.data], [1]);
  assert.throws(() => runKernel(BITCAST_KERNEL, { inputs: [{ dtype: 'uint8', shape: [3], data: [1, 2, 3] }], outputs: [{ dtype: 'int32' }] }), ShapeError);
});

test('RIGHT_SHIFT clamps the shift into [0, bits − 1] and shifts signed values arithmetically', () => {
  const out = runKernel(RIGHT_SHIFT_KERNEL, {
    inputs: [{ dtype: 'int8', shape: [4], data: [-128, -128, 64, 64] }, { dtype: 'int8', shape: [4], data: [1, 40, -3, 6] }],
    outputs: [{ dtype: 'int8' }],
  })[0]!;
  assert.deepEqual([...out.data], [-64, -1, 64, 1]);
});
