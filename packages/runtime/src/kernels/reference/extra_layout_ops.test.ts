import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DType } from '../../core/dtype.js';
import type { QuantizationParams } from '../../core/model.js';
import type { BuiltinOptions } from '../../core/options.js';
import type { AnyKernel } from '../kernel.js';
import { runKernel, type TestTensorSpec } from '@tflite-lambda/testing';
import { BATCH_TO_SPACE_ND_KERNEL } from './batch_to_space_nd.js';
import { BROADCAST_TO_KERNEL } from './broadcast_to.js';
import { DEPTH_TO_SPACE_KERNEL } from './depth_to_space.js';
import { FILL_KERNEL } from './fill.js';
import { GATHER_ND_KERNEL } from './gather_nd.js';
import { EMBEDDING_LOOKUP_KERNEL } from './embedding_lookup.js';
import { MIRROR_PAD_KERNEL } from './mirror_pad.js';
import { ONE_HOT_KERNEL } from './one_hot.js';
import { RANGE_KERNEL } from './range.js';
import { RANK_KERNEL } from './rank.js';
import { REVERSE_V2_KERNEL } from './reverse_v2.js';
import { SPACE_TO_BATCH_ND_KERNEL } from './space_to_batch_nd.js';
import { SPACE_TO_DEPTH_KERNEL } from './space_to_depth.js';
import { SPLIT_V_KERNEL } from './split_v.js';
import { TILE_KERNEL } from './tile.js';
import { RESIZE_BILINEAR_QUANTIZED_KERNEL } from './resize_bilinear_quantized.js';
import { RESIZE_NEAREST_NEIGHBOR_KERNEL } from './resize_nearest_neighbor.js';
import { RESIZE_NEAREST_NEIGHBOR_QUANTIZED_KERNEL } from './resize_nearest_neighbor_quantized.js';
import { ZEROS_LIKE_KERNEL } from './zeros_like.js';

const iota = (n: number) => Array.from({ length: n }, (_, i) => i);
const ints = (shape: number[], data: number[]): TestTensorSpec => ({ dtype: 'int32', shape, data, constant: true });

function run(k: AnyKernel, inputs: TestTensorSpec[], options: BuiltinOptions | null = null, dtype: DType = 'float32', outputs = 1) {
  const outs = runKernel(k, { inputs, outputs: Array.from({ length: outputs }, () => ({ dtype })), options });
  return outs.map((o) => ({ shape: o.shape, data: [...o.data].map(Number) }));
}

test('SPACE_TO_BATCH_ND interleaves 2x2 blocks into batches and pads', () => {
  const [out] = run(SPACE_TO_BATCH_ND_KERNEL, [
    { dtype: 'float32', shape: [1, 2, 4, 1], data: iota(8) },
    ints([2], [2, 2]),
    ints([2, 2], [0, 0, 0, 0]),
  ]);
  // Input rows [0 1 2 3] and [4 5 6 7]: batch (sh, sw) takes rows sh::2 and columns sw::2.
  assert.deepEqual(out, { shape: [4, 1, 2, 1], data: [0, 2, 1, 3, 4, 6, 5, 7] });
  const q: QuantizationParams = { scale: [1], zeroPoint: [-9], quantizedDimension: 0 };
  const [padded] = runKernel(SPACE_TO_BATCH_ND_KERNEL, {
    inputs: [{ dtype: 'int8', shape: [1, 1, 3, 1], data: [1, 2, 3], quantization: q }, ints([2], [1, 2]), ints([2, 2], [0, 0, 1, 0])],
    outputs: [{ dtype: 'int8', quantization: q }],
  });
  // The padded row [pad 1 2 3] split by column parity; quantized padding holds the zero point.
  assert.deepEqual(padded!.shape, [2, 1, 2, 1]);
  assert.deepEqual([...(padded!.data as Int8Array)], [-9, 2, 1, 3]);
});

test('BATCH_TO_SPACE_ND inverts SPACE_TO_BATCH_ND, crops included, for rank 4 and rank 3', () => {
  const input = iota(2 * 5 * 3 * 2);
  const [batched] = run(SPACE_TO_BATCH_ND_KERNEL, [
    { dtype: 'float32', shape: [2, 5, 3, 2], data: input }, ints([2], [2, 3]), ints([2, 2], [1, 0, 2, 1]),
  ]);
  assert.deepEqual(batched!.shape, [12, 3, 2, 2]);
  const [back] = run(BATCH_TO_SPACE_ND_KERNEL, [
    { dtype: 'float32', shape: batched!.shape, data: batched!.data }, ints([2], [2, 3]), ints([2, 2], [1, 0, 2, 1]),
  ]);
  assert.deepEqual(back, { shape: [2, 5, 3, 2], data: input });
  const [b3] = run(SPACE_TO_BATCH_ND_KERNEL, [{ dtype: 'float32', shape: [1, 4, 1], data: [1, 2, 3, 4] }, ints([1], [2]), ints([1, 2], [0, 0])]);
  assert.deepEqual(b3, { shape: [2, 2, 1], data: [1, 3, 2, 4] });
  const [s3] = run(BATCH_TO_SPACE_ND_KERNEL, [{ dtype: 'float32', shape: [2, 2, 1], data: [1, 3, 2, 4] }, ints([1], [2]), ints([1, 2], [0, 1])]);
  assert.deepEqual(s3, { shape: [1, 3, 1], data: [1, 2, 3] });
});

test('DEPTH_TO_SPACE moves channel blocks into 2x2 pixels (DCR order); SPACE_TO_DEPTH undoes it', () => {
  const [d2s] = run(DEPTH_TO_SPACE_KERNEL, [{ dtype: 'float32', shape: [1, 1, 2, 4], data: iota(8) }], { kind: 'DepthToSpaceOptions', blockSize: 2 });
  assert.deepEqual(d2s, { shape: [1, 2, 4, 1], data: [0, 1, 4, 5, 2, 3, 6, 7] });
  const [s2d] = run(SPACE_TO_DEPTH_KERNEL, [{ dtype: 'float32', shape: d2s!.shape, data: d2s!.data }], { kind: 'SpaceToDepthOptions', blockSize: 2 });
  assert.deepEqual(s2d, { shape: [1, 1, 2, 4], data: iota(8) });
  assert.throws(() => run(SPACE_TO_DEPTH_KERNEL, [{ dtype: 'float32', shape: [1, 3, 2, 1] }], { kind: 'SpaceToDepthOptions', blockSize: 2 }), /block/);
});

test('SPLIT_V resolves a -1 size to the remainder and accepts a negative axis', () => {
  const outs = run(SPLIT_V_KERNEL, [{ dtype: 'float32', shape: [2, 5], data: iota(10) }, ints([3], [1, -1, 2]), ints([], [-1])], null, 'float32', 3);
  assert.deepEqual(outs, [
    { shape: [2, 1], data: [0, 5] },
    { shape: [2, 2], data: [1, 2, 6, 7] },
    { shape: [2, 2], data: [3, 4, 8, 9] },
  ]);
  assert.throws(() => run(SPLIT_V_KERNEL, [{ dtype: 'float32', shape: [4] }, ints([2], [1, 2]), ints([], [0])], null, 'float32', 2), /sum/);
});

test('MIRROR_PAD reflects without and symmetric with the border element', () => {
  const input: TestTensorSpec = { dtype: 'float32', shape: [3], data: [1, 2, 3] };
  const pads = ints([1, 2], [2, 2]);
  assert.deepEqual(run(MIRROR_PAD_KERNEL, [input, pads], { kind: 'MirrorPadOptions', mode: 'REFLECT' })[0]!.data, [3, 2, 1, 2, 3, 2, 1]);
  assert.deepEqual(run(MIRROR_PAD_KERNEL, [input, pads], { kind: 'MirrorPadOptions', mode: 'SYMMETRIC' })[0]!.data, [2, 1, 1, 2, 3, 3, 2]);
  const [two] = run(MIRROR_PAD_KERNEL, [{ dtype: 'float32', shape: [2, 2], data: [1, 2, 3, 4] }, ints([2, 2], [1, 0, 0, 1])], { kind: 'MirrorPadOptions', mode: 'SYMMETRIC' });
  assert.deepEqual(two, { shape: [3, 3], data: [1, 2, 2, 1, 2, 2, 3, 4, 4] });
  assert.throws(() => run(MIRROR_PAD_KERNEL, [input, ints([1, 2], [3, 0])], { kind: 'MirrorPadOptions', mode: 'REFLECT' }), /exceed/);
});

test('TILE repeats along each axis; BROADCAST_TO stretches size-1 axes', () => {
  assert.deepEqual(run(TILE_KERNEL, [{ dtype: 'float32', shape: [2, 2], data: [1, 2, 3, 4] }, ints([2], [2, 1])])[0], {
    shape: [4, 2], data: [1, 2, 3, 4, 1, 2, 3, 4],
  });
  assert.deepEqual(run(TILE_KERNEL, [{ dtype: 'int32', shape: [2], data: [7, 8] }, ints([1], [3])], null, 'int32')[0]!.data, [7, 8, 7, 8, 7, 8]);
  assert.deepEqual(run(TILE_KERNEL, [{ dtype: 'float32', shape: [2], data: [1, 2] }, ints([1], [0])])[0], { shape: [0], data: [] });
  assert.deepEqual(run(BROADCAST_TO_KERNEL, [{ dtype: 'float32', shape: [2, 1], data: [1, 2] }, ints([3], [2, 2, 3])])[0], {
    shape: [2, 2, 3], data: [1, 1, 1, 2, 2, 2, 1, 1, 1, 2, 2, 2],
  });
});

test('TILE and BROADCAST_TO by a shape computed at run time size their output at eval', () => {
  assert.deepEqual(run(TILE_KERNEL, [{ dtype: 'float32', shape: [2], data: [1, 2] }, { dtype: 'int32', shape: [1], data: [2] }])[0], {
    shape: [4], data: [1, 2, 1, 2],
  });
  assert.deepEqual(run(BROADCAST_TO_KERNEL, [{ dtype: 'float32', shape: [1, 2], data: [1, 2] }, { dtype: 'int32', shape: [2], data: [2, 2] }])[0], {
    shape: [2, 2], data: [1, 2, 1, 2],
  });
  assert.deepEqual(run(FILL_KERNEL, [{ dtype: 'int32', shape: [1], data: [3] }, { dtype: 'float32', shape: [], data: [0.5] }])[0], {
    shape: [3], data: [0.5, 0.5, 0.5],
  });
});

test('GATHER_ND copies the slices its index tuples address and rejects out-of-range indices', () => {
  const params: TestTensorSpec = { dtype: 'float32', shape: [2, 2, 2], data: iota(8) };
  assert.deepEqual(run(GATHER_ND_KERNEL, [params, { dtype: 'int32', shape: [2, 2], data: [1, 0, 0, 1] }])[0], { shape: [2, 2], data: [4, 5, 2, 3] });
  assert.deepEqual(run(GATHER_ND_KERNEL, [params, { dtype: 'int64', shape: [1, 3], data: [1, 1, 1] }])[0], { shape: [1], data: [7] });
  assert.throws(() => run(GATHER_ND_KERNEL, [params, { dtype: 'int32', shape: [1, 1], data: [2] }]), /out of range/);
});

test('FILL writes its scalar over constant dims; ZEROS_LIKE zeroes', () => {
  assert.deepEqual(run(FILL_KERNEL, [ints([2], [2, 3]), { dtype: 'float32', shape: [], data: [1.5] }])[0], {
    shape: [2, 3], data: [1.5, 1.5, 1.5, 1.5, 1.5, 1.5],
  });
  assert.deepEqual(run(FILL_KERNEL, [ints([0], []), { dtype: 'int64', shape: [], data: [9] }], null, 'int64')[0], { shape: [], data: [9] });
  assert.deepEqual(run(ZEROS_LIKE_KERNEL, [{ dtype: 'int32', shape: [3], data: [4, 5, 6] }], null, 'int32')[0], { shape: [3], data: [0, 0, 0] });
});

test('quantized RESIZE_NEAREST_NEIGHBOR copies the pixels the float kernel picks', () => {
  const q: QuantizationParams = { scale: [0.1], zeroPoint: [4], quantizedDimension: 0 };
  const data = [-100, -20, 7, 90, 127, -128];
  const options: BuiltinOptions = { kind: 'ResizeNearestNeighborOptions', alignCorners: false, halfPixelCenters: true };
  const [q8] = runKernel(RESIZE_NEAREST_NEIGHBOR_QUANTIZED_KERNEL, {
    inputs: [{ dtype: 'int8', shape: [1, 2, 3, 1], data, quantization: q }, ints([2], [3, 5])],
    outputs: [{ dtype: 'int8', quantization: q }], options,
  });
  const [f32] = runKernel(RESIZE_NEAREST_NEIGHBOR_KERNEL, {
    inputs: [{ dtype: 'float32', shape: [1, 2, 3, 1], data }, ints([2], [3, 5])], outputs: [{ dtype: 'float32' }], options,
  });
  assert.deepEqual(q8!.shape, [1, 3, 5, 1]);
  assert.deepEqual([...q8!.data], [...f32!.data]);
});

test('quantized RESIZE_BILINEAR blends with 11-bit weights and rounds halves up', () => {
  const q: QuantizationParams = { scale: [0.5], zeroPoint: [0], quantizedDimension: 0 };
  // 1x1x2 → 1x1x4 without align corners: positions 0, 0.5, 1, 1.5 → 10, 10.5 → 11, 11, 11 (clamped upper tap).
  const [out] = runKernel(RESIZE_BILINEAR_QUANTIZED_KERNEL, {
    inputs: [{ dtype: 'uint8', shape: [1, 1, 2, 1], data: [10, 11], quantization: q }, ints([2], [1, 4])],
    outputs: [{ dtype: 'uint8', quantization: q }],
    options: { kind: 'ResizeBilinearOptions', alignCorners: false, halfPixelCenters: false },
  });
  assert.deepEqual([...out!.data], [10, 11, 11, 11]);
  const [neg] = runKernel(RESIZE_BILINEAR_QUANTIZED_KERNEL, {
    inputs: [{ dtype: 'int8', shape: [1, 1, 2, 1], data: [-10, -11], quantization: q }, ints([2], [1, 4])],
    outputs: [{ dtype: 'int8', quantization: q }],
    options: { kind: 'ResizeBilinearOptions', alignCorners: false, halfPixelCenters: false },
  });
  // -10.5 rounds up to -10.
  assert.deepEqual([...neg!.data], [-10, -10, -11, -11]);
});

test('ONE_HOT puts on_value at each index along the new axis; out-of-range indices give off rows', () => {
  const run = (axis: number) => {
    const [out] = runKernel(ONE_HOT_KERNEL, {
      inputs: [
        { dtype: 'int32', shape: [3], data: [0, 2, 5] },
        ints([], [3]),
        { dtype: 'float32', shape: [], data: [1] },
        { dtype: 'float32', shape: [], data: [0] },
      ],
      outputs: [{ dtype: 'float32' }],
      options: { kind: 'OneHotOptions', axis },
    });
    return { shape: out!.shape, data: [...out!.data] };
  };
  assert.deepEqual(run(-1), { shape: [3, 3], data: [1, 0, 0, 0, 0, 1, 0, 0, 0] });
  assert.deepEqual(run(0), { shape: [3, 3], data: [1, 0, 0, 0, 0, 0, 0, 1, 0] });
});

test('EMBEDDING_LOOKUP copies the rows its ids select and rejects unknown ids', () => {
  const value: TestTensorSpec = { dtype: 'float32', shape: [3, 2], data: [0, 1, 10, 11, 20, 21], constant: true };
  assert.deepEqual(run(EMBEDDING_LOOKUP_KERNEL, [{ dtype: 'int32', shape: [3], data: [2, 0, 2] }, value])[0], {
    shape: [3, 2], data: [20, 21, 0, 1, 20, 21],
  });
  assert.throws(() => run(EMBEDDING_LOOKUP_KERNEL, [{ dtype: 'int32', shape: [1], data: [3] }, value]), /out of range/);
});

test('RANGE counts from start by delta up to limit, at prepare or (inputs known only at run time) at eval', () => {
  const scalar = (v: number, constant = true): TestTensorSpec => ({ dtype: 'int32', shape: [], data: [v], constant });
  assert.deepEqual(run(RANGE_KERNEL, [scalar(2), scalar(11), scalar(3)], null, 'int32')[0], { shape: [3], data: [2, 5, 8] });
  assert.deepEqual(run(RANGE_KERNEL, [scalar(5), scalar(0), scalar(-2)], null, 'int32')[0], { shape: [3], data: [5, 3, 1] });
  const f = (v: number): TestTensorSpec => ({ dtype: 'float32', shape: [], data: [v], constant: true });
  assert.deepEqual(run(RANGE_KERNEL, [f(0), f(1), f(0.25)])[0], { shape: [4], data: [0, 0.25, 0.5, 0.75] });
  assert.deepEqual(run(RANGE_KERNEL, [scalar(0), scalar(4, false), scalar(1)], null, 'int32')[0], { shape: [4], data: [0, 1, 2, 3] });
  assert.throws(() => run(RANGE_KERNEL, [scalar(0), scalar(4, false), scalar(-1)], null, 'int32'), /never reaches/);
});

test('REVERSE_V2 reverses the listed axes; RANK is the input rank', () => {
  const input: TestTensorSpec = { dtype: 'int32', shape: [2, 3], data: [1, 2, 3, 4, 5, 6] };
  assert.deepEqual(run(REVERSE_V2_KERNEL, [input, ints([1], [1])], null, 'int32')[0]!.data, [3, 2, 1, 6, 5, 4]);
  assert.deepEqual(run(REVERSE_V2_KERNEL, [input, ints([2], [-1, 0])], null, 'int32')[0]!.data, [6, 5, 4, 3, 2, 1]);
  assert.deepEqual(run(RANK_KERNEL, [{ dtype: 'float32', shape: [2, 1, 4] }], null, 'int32')[0], { shape: [], data: [3] });
  assert.equal(RANK_KERNEL.shapeOnly, true);
});
