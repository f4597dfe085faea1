/**
 * Google's runtime reads what the builder writes: models rebuilt from the corpus give LiteRT.js's reference
 * outputs byte for byte, and single-op models whose outcome depends on an option field (axis, adj_y,
 * keep_num_dims, half_pixel_centers, ...) give the hand-computed result — so a field id wrong in both our
 * reader and our writer cannot hide behind a round trip.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { DType, TypedArray } from '../../core/dtype.js';
import { BuiltinOp } from '../../core/ops.js';
import type { BuiltinOptions } from '../../core/options.js';
import {
  bytesOf,
  listCorpusModels,
  readCorpusModel,
  skipWithoutShared,
  type HostTensor,
} from '@tflite-lambda/testing';
import { LiteRtOracle } from '@tflite-lambda/testing/litert';
import { readModel } from '../read_model.js';
import { buildModel, singleOpModel, type BuilderTensor } from './index.js';

let oracle: LiteRtOracle;
before(async () => {
  oracle = await LiteRtOracle.create();
});

describe('corpus models rebuilt by buildModel run in LiteRT.js with identical outputs', { skip: skipWithoutShared() }, () => {
  for (const name of listCorpusModels()) {
    it(name, async () => {
      const model = readCorpusModel(name);
      const rebuilt = buildModel(readModel(model.bytes));
      const c = model.cases[0];
      const outputs = await oracle.run(rebuilt, c.inputs);
      outputs.forEach((o, k) => {
        assert.deepEqual([o.dtype, o.shape], [c.outputs[k].dtype, c.outputs[k].shape]);
        assert.ok(Buffer.from(bytesOf(o.data)).equals(bytesOf(c.outputs[k].data)), `output ${k} bytes differ`);
      });
    });
  }
});

interface OptionCase {
  readonly title: string;
  readonly opcode: number;
  readonly options: BuiltinOptions;
  /** Inputs without `data` are fed `feed` values in order; the rest are constants. */
  readonly inputs: (BuilderTensor & { feed?: TypedArray })[];
  readonly outputs: { dtype: DType; shape: number[]; expected: number[] }[];
}

const f32 = (...v: number[]): Float32Array => new Float32Array(v);
const i32 = (...v: number[]): Int32Array => new Int32Array(v);
const NONE = 'NONE' as const;

const CASES: OptionCase[] = [
  {
    title: 'CONCATENATION axis 1',
    opcode: BuiltinOp.CONCATENATION,
    options: { kind: 'ConcatenationOptions', axis: 1, fusedActivation: NONE },
    inputs: [
      { dtype: 'float32', shape: [2, 2], feed: f32(1, 2, 3, 4) },
      { dtype: 'float32', shape: [2, 2], feed: f32(5, 6, 7, 8) },
    ],
    outputs: [{ dtype: 'float32', shape: [2, 4], expected: [1, 2, 5, 6, 3, 4, 7, 8] }],
  },
  {
    title: 'GATHER axis 1',
    opcode: BuiltinOp.GATHER,
    options: { kind: 'GatherOptions', axis: 1, batchDims: 0 },
    inputs: [
      { dtype: 'float32', shape: [2, 3], feed: f32(0, 1, 2, 10, 11, 12) },
      { dtype: 'int32', shape: [2], data: i32(2, 0) },
    ],
    outputs: [{ dtype: 'float32', shape: [2, 2], expected: [2, 0, 12, 10] }],
  },
  {
    title: 'PACK axis 1',
    opcode: BuiltinOp.PACK,
    options: { kind: 'PackOptions', valuesCount: 2, axis: 1 },
    inputs: [
      { dtype: 'float32', shape: [3], feed: f32(1, 2, 3) },
      { dtype: 'float32', shape: [3], feed: f32(4, 5, 6) },
    ],
    outputs: [{ dtype: 'float32', shape: [3, 2], expected: [1, 4, 2, 5, 3, 6] }],
  },
  {
    title: 'UNPACK axis 1',
    opcode: BuiltinOp.UNPACK,
    options: { kind: 'UnpackOptions', num: 2, axis: 1 },
    inputs: [{ dtype: 'float32', shape: [2, 2], feed: f32(1, 2, 3, 4) }],
    outputs: [
      { dtype: 'float32', shape: [2], expected: [1, 3] },
      { dtype: 'float32', shape: [2], expected: [2, 4] },
    ],
  },
  {
    title: 'BATCH_MATMUL adj_y',
    opcode: BuiltinOp.BATCH_MATMUL,
    options: { kind: 'BatchMatMulOptions', adjX: false, adjY: true, asymmetricQuantizeInputs: false },
    inputs: [
      { dtype: 'float32', shape: [1, 2, 3], feed: f32(1, 2, 3, 4, 5, 6) },
      { dtype: 'float32', shape: [1, 2, 3], feed: f32(1, 0, 0, 0, 1, 1) },
    ],
    outputs: [{ dtype: 'float32', shape: [1, 2, 2], expected: [1, 5, 4, 11] }],
  },
  {
    title: 'STRIDED_SLICE shrink_axis_mask',
    opcode: BuiltinOp.STRIDED_SLICE,
    options: { kind: 'StridedSliceOptions', beginMask: 0, endMask: 0, ellipsisMask: 0, newAxisMask: 0, shrinkAxisMask: 1, offset: false },
    inputs: [
      { dtype: 'float32', shape: [2, 3], feed: f32(1, 2, 3, 4, 5, 6) },
      { dtype: 'int32', shape: [2], data: i32(1, 0) },
      { dtype: 'int32', shape: [2], data: i32(2, 3) },
      { dtype: 'int32', shape: [2], data: i32(1, 1) },
    ],
    outputs: [{ dtype: 'float32', shape: [3], expected: [4, 5, 6] }],
  },
  {
    title: 'FULLY_CONNECTED keep_num_dims',
    opcode: BuiltinOp.FULLY_CONNECTED,
    options: { kind: 'FullyConnectedOptions', fusedActivation: NONE, weightsFormat: 'DEFAULT', keepNumDims: true, asymmetricQuantizeInputs: false },
    inputs: [
      { dtype: 'float32', shape: [2, 1, 2], feed: f32(1, 2, 3, 4) },
      { dtype: 'float32', shape: [3, 2], data: f32(1, 0, 0, 1, 1, 1) },
      { dtype: 'float32', shape: [3], data: f32(0, 0, 0.5) },
    ],
    outputs: [{ dtype: 'float32', shape: [2, 1, 3], expected: [1, 2, 3.5, 3, 4, 7.5] }],
  },
  {
    title: 'LEAKY_RELU alpha',
    opcode: BuiltinOp.LEAKY_RELU,
    options: { kind: 'LeakyReluOptions', alpha: 0.5 },
    inputs: [{ dtype: 'float32', shape: [4], feed: f32(-2, 3, -1, 0) }],
    outputs: [{ dtype: 'float32', shape: [4], expected: [-1, 3, -0.5, 0] }],
  },
  {
    title: 'SOFTMAX beta',
    opcode: BuiltinOp.SOFTMAX,
    options: { kind: 'SoftmaxOptions', beta: 0.5 },
    inputs: [{ dtype: 'float32', shape: [1, 2], feed: f32(0, 2 * Math.LN2) }],
    outputs: [{ dtype: 'float32', shape: [1, 2], expected: [1 / 3, 2 / 3] }],
  },
  {
    title: 'CAST int32 to float32',
    opcode: BuiltinOp.CAST,
    options: { kind: 'CastOptions', inDataType: 'int32', outDataType: 'float32' },
    inputs: [{ dtype: 'int32', shape: [3], feed: i32(1, -2, 7) }],
    outputs: [{ dtype: 'float32', shape: [3], expected: [1, -2, 7] }],
  },
  {
    title: 'ARG_MAX output_type int32',
    opcode: BuiltinOp.ARG_MAX,
    options: { kind: 'ArgMaxOptions', outputType: 'int32' },
    inputs: [
      { dtype: 'float32', shape: [2, 3], feed: f32(1, 5, 2, 9, 0, 3) },
      { dtype: 'int32', shape: [1], data: i32(1) },
    ],
    outputs: [{ dtype: 'int32', shape: [2], expected: [1, 0] }],
  },
  {
    title: 'SQUEEZE squeeze_dims',
    opcode: BuiltinOp.SQUEEZE,
    options: { kind: 'SqueezeOptions', squeezeDims: [0] },
    inputs: [{ dtype: 'float32', shape: [1, 3, 1], feed: f32(1, 2, 3) }],
    outputs: [{ dtype: 'float32', shape: [3, 1], expected: [1, 2, 3] }],
  },
  {
    title: 'SPLIT num_splits',
    opcode: BuiltinOp.SPLIT,
    options: { kind: 'SplitOptions', numSplits: 2 },
    inputs: [
      { dtype: 'int32', shape: [], data: i32(1) },
      { dtype: 'float32', shape: [2, 2], feed: f32(1, 2, 3, 4) },
    ],
    outputs: [
      { dtype: 'float32', shape: [2, 1], expected: [1, 3] },
      { dtype: 'float32', shape: [2, 1], expected: [2, 4] },
    ],
  },
  {
    title: 'RESIZE_NEAREST_NEIGHBOR half_pixel_centers',
    opcode: BuiltinOp.RESIZE_NEAREST_NEIGHBOR,
    options: { kind: 'ResizeNearestNeighborOptions', alignCorners: false, halfPixelCenters: true },
    inputs: [
      { dtype: 'float32', shape: [1, 1, 3, 1], feed: f32(1, 2, 3) },
      { dtype: 'int32', shape: [2], data: i32(1, 5) },
    ],
    // Without flags [1,1,2,2,3]; with align_corners [1,2,2,3,3].
    outputs: [{ dtype: 'float32', shape: [1, 1, 5, 1], expected: [1, 1, 2, 3, 3] }],
  },
  {
    title: 'RESIZE_BILINEAR half_pixel_centers',
    opcode: BuiltinOp.RESIZE_BILINEAR,
    options: { kind: 'ResizeBilinearOptions', alignCorners: false, halfPixelCenters: true },
    inputs: [
      { dtype: 'float32', shape: [1, 1, 2, 1], feed: f32(0, 4) },
      { dtype: 'int32', shape: [2], data: i32(1, 4) },
    ],
    outputs: [{ dtype: 'float32', shape: [1, 1, 4, 1], expected: [0, 1, 3, 4] }],
  },
];

describe('single-op builder models run in LiteRT.js with the option semantics of TFLite', () => {
  for (const c of CASES) {
    it(c.title, async () => {
      const model = singleOpModel({
        opcode: c.opcode,
        options: c.options,
        inputs: c.inputs.map(({ feed: _feed, ...t }) => t),
        outputs: c.outputs.map((o) => ({ dtype: o.dtype, shape: o.shape })),
      });
      const feeds: HostTensor[] = c.inputs
        .filter((t) => t.data === undefined)
        .map((t) => ({ dtype: t.dtype, shape: t.shape, data: t.feed! }));
      const outputs = await oracle.run(model, feeds);
      outputs.forEach((o, k) => {
        assert.deepEqual(o.shape, c.outputs[k].shape, `output ${k} shape`);
        const got = Array.from(o.data, Number);
        got.forEach((v, i) => { assert.ok(Math.abs(v - c.outputs[k].expected[i]) <= 1e-6, `output ${k}: ${got} vs ${c.outputs[k].expected}`); });
      });
    });
  }
});
