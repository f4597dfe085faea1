import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TensorError } from '../../core/errors.js';
import type { ModelDesc, TensorDesc } from '../../core/model.js';
import { BuiltinOp } from '../../core/ops.js';
import type { BuiltinOptions } from '../../core/options.js';
import { ModelSurgery } from '../model_surgery.js';
import { MODELLED_OPTIONS_TABLES } from '../options/index.js';
import { readModel } from '../read_model.js';
import { BufferF, OperatorCodeF } from '../schema_fields.js';
import { buildModel, ModelBuilder, singleOpModel } from './index.js';

/** One non-default example per options table with a parser, plus tables kept as EmptyOptions. */
const OPTION_SAMPLES: BuiltinOptions[] = [
  { kind: 'Conv2DOptions', padding: 'VALID', strideW: 2, strideH: 3, fusedActivation: 'RELU6', dilationW: 2, dilationH: 4 },
  {
    kind: 'DepthwiseConv2DOptions',
    padding: 'SAME',
    strideW: 1,
    strideH: 2,
    depthMultiplier: 2,
    fusedActivation: 'RELU',
    dilationW: 1,
    dilationH: 3,
  },
  { kind: 'Pool2DOptions', padding: 'VALID', strideW: 2, strideH: 2, filterWidth: 3, filterHeight: 5, fusedActivation: 'RELU_N1_TO_1' },
  { kind: 'TransposeConvOptions', padding: 'VALID', strideW: 2, strideH: 1, fusedActivation: 'TANH' },
  { kind: 'AddOptions', fusedActivation: 'RELU', potScaleInt16: false },
  { kind: 'SubOptions', fusedActivation: 'NONE', potScaleInt16: true },
  { kind: 'MulOptions', fusedActivation: 'RELU6', potScaleInt16: true },
  { kind: 'DivOptions', fusedActivation: 'SIGN_BIT', potScaleInt16: true },
  { kind: 'ConcatenationOptions', axis: -1, fusedActivation: 'TANH' },
  {
    kind: 'FullyConnectedOptions',
    fusedActivation: 'RELU',
    weightsFormat: 'SHUFFLED4x16INT8',
    keepNumDims: true,
    asymmetricQuantizeInputs: true,
  },
  { kind: 'SoftmaxOptions', beta: 0.25 },
  { kind: 'LeakyReluOptions', alpha: 0.125 },
  { kind: 'BatchMatMulOptions', adjX: true, adjY: false, asymmetricQuantizeInputs: true },
  { kind: 'ReshapeOptions', newShape: [1, -1, 4] },
  { kind: 'ReshapeOptions', newShape: null },
  { kind: 'SqueezeOptions', squeezeDims: [0, 2] },
  { kind: 'StridedSliceOptions', beginMask: 1, endMask: 2, ellipsisMask: 4, newAxisMask: 8, shrinkAxisMask: 16, offset: true },
  { kind: 'PackOptions', valuesCount: 3, axis: -2 },
  { kind: 'UnpackOptions', num: 4, axis: 1 },
  { kind: 'SplitOptions', numSplits: 3 },
  { kind: 'SplitVOptions', numSplits: 2 },
  { kind: 'GatherOptions', axis: 2, batchDims: 1 },
  { kind: 'ReducerOptions', keepDims: true },
  { kind: 'ResizeBilinearOptions', alignCorners: false, halfPixelCenters: true },
  { kind: 'ResizeNearestNeighborOptions', alignCorners: true, halfPixelCenters: false },
  { kind: 'CastOptions', inDataType: 'int8', outDataType: 'float32' },
  { kind: 'CastOptions', inDataType: null, outDataType: null },
  { kind: 'ShapeOptions', outType: 'int64' },
  { kind: 'ArgMaxOptions', outputType: 'int32' },
  { kind: 'ArgMinOptions', outputType: 'int64' },
  { kind: 'DepthToSpaceOptions', blockSize: 2 },
  { kind: 'SpaceToDepthOptions', blockSize: 3 },
  { kind: 'MirrorPadOptions', mode: 'SYMMETRIC' },
  { kind: 'LocalResponseNormalizationOptions', radius: 2, bias: 1.5, alpha: 0.25, beta: 0.75 },
  { kind: 'GeluOptions', approximate: true },
  { kind: 'OneHotOptions', axis: -1 },
  { kind: 'CumsumOptions', exclusive: true, reverse: false },
  { kind: 'SparseToDenseOptions', validateIndices: true },
  { kind: 'ReverseSequenceOptions', seqDim: 2, batchDim: 1 },
  { kind: 'FakeQuantOptions', min: -1.5, max: 2.25, numBits: 6, narrowRange: true },
  { kind: 'BucketizeOptions', boundaries: [-1, 0.5, 3] },
  { kind: 'RandomOptions', seed: 1234567890123n, seed2: -5n },
  {
    kind: 'Conv3DOptions', padding: 'VALID', strideD: 1, strideW: 2, strideH: 3, fusedActivation: 'RELU6',
    dilationD: 2, dilationW: 1, dilationH: 1,
  },
  { kind: 'LSHProjectionOptions', type: 'DENSE' },
  { kind: 'SkipGramOptions', ngramSize: 3, maxSkipSize: 1, includeAllNgrams: true },
  { kind: 'EmbeddingLookupSparseOptions', combiner: 'SQRTN' },
  { kind: 'ReduceWindowOptions', reduceFunction: 'MAXIMUM' },
  { kind: 'SVDFOptions', rank: 2, fusedActivation: 'RELU', asymmetricQuantizeInputs: true },
  { kind: 'RNNOptions', fusedActivation: 'TANH', asymmetricQuantizeInputs: true },
  { kind: 'SequenceRNNOptions', timeMajor: true, fusedActivation: 'RELU6', asymmetricQuantizeInputs: false },
  { kind: 'BidirectionalSequenceRNNOptions', timeMajor: false, fusedActivation: 'RELU', mergeOutputs: true, asymmetricQuantizeInputs: true },
  { kind: 'LSTMOptions', fusedActivation: 'TANH', cellClip: 3, projClip: 0.5, kernelType: 'BASIC', asymmetricQuantizeInputs: true },
  {
    kind: 'UnidirectionalSequenceLSTMOptions',
    fusedActivation: 'TANH', cellClip: 10, projClip: 0, timeMajor: true, asymmetricQuantizeInputs: false, diagonalRecurrentTensors: true,
  },
  {
    kind: 'BidirectionalSequenceLSTMOptions',
    fusedActivation: 'TANH', cellClip: 0, projClip: 2, mergeOutputs: true, timeMajor: false, asymmetricQuantizeInputs: true,
  },
  { kind: 'IfOptions', thenSubgraphIndex: 1, elseSubgraphIndex: 2 },
  { kind: 'WhileOptions', condSubgraphIndex: 3, bodySubgraphIndex: 4 },
  { kind: 'CallOnceOptions', initSubgraphIndex: 5 },
  { kind: 'VarHandleOptions', container: 'c', sharedName: 'weights' },
  { kind: 'HashtableOptions', tableId: 7, keyDtype: 'int64', valueDtype: 'float32' },
  { kind: 'UniqueOptions', idxOutType: 'int64' },
  { kind: 'EmptyOptions', table: 'PadOptions' },
  { kind: 'EmptyOptions', table: 'DilateOptions' },
  { kind: 'EmptyOptions', table: 'TransposeOptions' },
  { kind: 'EmptyOptions', table: 'HardSwishOptions' },
  { kind: 'EmptyOptions', table: 'RightShiftOptions' },
];

function optionsRoundTrip(options: BuiltinOptions): BuiltinOptions | null {
  const bytes = singleOpModel({
    opcode: BuiltinOp.CUSTOM,
    options,
    inputs: [{ dtype: 'float32', shape: [2] }],
    outputs: [{ dtype: 'float32', shape: [2] }],
  });
  return readModel(bytes).subgraphs[0].operators[0].options;
}

test('every options type survives build then read', () => {
  const covered = new Set<string>(OPTION_SAMPLES.map((o) => (o.kind === 'EmptyOptions' ? '' : o.kind)));
  for (const table of MODELLED_OPTIONS_TABLES) assert.ok(covered.has(table), `no sample for ${table}`);
  for (const options of OPTION_SAMPLES) assert.deepEqual(optionsRoundTrip(options), options);
});

test('options tables stored empty read back with the schema defaults', () => {
  const empty = (table: string): BuiltinOptions | null => optionsRoundTrip({ kind: 'EmptyOptions', table });
  assert.deepEqual(empty('Conv2DOptions'), {
    kind: 'Conv2DOptions',
    padding: 'SAME',
    strideW: 0,
    strideH: 0,
    fusedActivation: 'NONE',
    dilationW: 1,
    dilationH: 1,
  });
  assert.deepEqual(empty('AddOptions'), { kind: 'AddOptions', fusedActivation: 'NONE', potScaleInt16: true });
  assert.deepEqual(empty('SubOptions'), { kind: 'SubOptions', fusedActivation: 'NONE', potScaleInt16: true });
  assert.deepEqual(empty('GatherOptions'), { kind: 'GatherOptions', axis: 0, batchDims: 0 });
  assert.deepEqual(empty('ReshapeOptions'), { kind: 'ReshapeOptions', newShape: null });
  assert.deepEqual(empty('SqueezeOptions'), { kind: 'SqueezeOptions', squeezeDims: [] });
  assert.deepEqual(empty('ShapeOptions'), { kind: 'ShapeOptions', outType: 'int32' });
  assert.deepEqual(empty('CastOptions'), { kind: 'CastOptions', inDataType: null, outDataType: null });
});

function tensor(name: string, dtype: TensorDesc['dtype'], shape: number[], extra: Partial<TensorDesc> = {}): TensorDesc {
  return { name, dtype, shape, shapeSignature: null, buffer: 0, data: null, quantization: null, isVariable: false, ...extra };
}

function bytesOf(a: ArrayBufferView): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

/** A model touching every part of the description: two subgraphs, signatures, metadata, all tensor kinds. */
function richModel(): ModelDesc {
  const perChannel = { scale: [0.5, 0.25, 0.125], zeroPoint: [0, 0, 0], quantizedDimension: 0 };
  const main = {
    name: 'main',
    tensors: [
      tensor('in', 'int8', [1, 2, 2, 3], { shapeSignature: [-1, 2, 2, 3], quantization: { scale: [Math.fround(0.02)], zeroPoint: [-5], quantizedDimension: 0 } }),
      tensor('w', 'int8', [3, 1, 1, 3], { data: bytesOf(new Int8Array([1, -2, 3, -4, 5, -6, 7, -8, 9])), quantization: perChannel }),
      tensor('b', 'int32', [3], { data: bytesOf(new Int32Array([100, -200, 300])) }),
      tensor('big', 'int64', [2], { data: bytesOf(new BigInt64Array([1n << 40n, -7n])) }),
      tensor('half', 'float16', [2], { data: bytesOf(new Uint16Array([0x3c00, 0xc000])) }),
      tensor('flag', 'bool', [1], { data: bytesOf(new Uint8Array([1])) }),
      tensor('state', 'int16', [3], { isVariable: true, data: bytesOf(new Int16Array([1, 2, 3])) }),
      tensor('out', 'int8', [1, 2, 2, 3], { quantization: { scale: [Math.fround(0.1)], zeroPoint: [3], quantizedDimension: 0 } }),
      tensor('scratch', 'int16', [4]),
    ],
    inputs: [0],
    outputs: [7],
    operators: [
      {
        opcode: BuiltinOp.CONV_2D,
        version: 3,
        customCode: null,
        inputs: [0, 1, 2],
        outputs: [7],
        intermediates: [8],
        options: OPTION_SAMPLES[0],
        customOptions: null,
      },
      {
        opcode: BuiltinOp.CUSTOM,
        version: 1,
        customCode: 'MyOp',
        inputs: [7, -1],
        outputs: [8],
        intermediates: [],
        options: null,
        customOptions: new Uint8Array([9, 8, 7]),
      },
    ],
  };
  const second = {
    name: 'second',
    tensors: [tensor('x', 'float32', [4]), tensor('y', 'float32', [4])],
    inputs: [0],
    outputs: [1],
    operators: [
      { opcode: BuiltinOp.GELU, version: 1, customCode: null, inputs: [0], outputs: [1], intermediates: [], options: null, customOptions: null },
    ],
  };
  return {
    version: 3,
    description: 'rich test model',
    subgraphs: [main, second],
    signatures: [
      { key: 'serving_default', subgraphIndex: 0, inputs: [{ name: 'image', tensorIndex: 0 }], outputs: [{ name: 'logits', tensorIndex: 7 }] },
      { key: 'aux', subgraphIndex: 1, inputs: [{ name: 'x', tensorIndex: 0 }], outputs: [{ name: 'y', tensorIndex: 1 }] },
    ],
    metadata: [{ name: 'min_runtime_version', buffer: 0 }],
  };
}

/** Everything but buffer numbering, which the builder assigns itself. */
function comparable(d: ModelDesc): unknown {
  return JSON.parse(
    JSON.stringify(d, (key, v: unknown) => (key === 'buffer' ? undefined : v instanceof Uint8Array ? [...v] : v)),
  );
}

test('a model with two subgraphs, signatures, metadata and every tensor kind round-trips', () => {
  for (const externalData of [false, true]) {
    const desc = richModel();
    const back = readModel(buildModel(desc, { externalData }));
    assert.deepEqual(comparable(back), comparable(desc));
    assert.equal(back.metadata[0].name, 'min_runtime_version');
  }
});

test('built files carry TFL3, version 3, an empty buffer 0 and 16-byte aligned data', () => {
  const bytes = buildModel(richModel());
  assert.equal(String.fromCharCode(...bytes.subarray(4, 8)), 'TFL3');
  const model = readModel(bytes);
  assert.equal(model.version, 3);
  const s = new ModelSurgery(bytes);
  assert.equal(s.buffer(0).has(BufferF.data), false);
  const constants = model.subgraphs[0].tensors.filter((t) => t.data !== null);
  assert.equal(constants.length, 6);
  for (const t of constants) assert.equal(t.data!.byteOffset % 16, 0, `${t.name} at ${t.data!.byteOffset}`);
});

test('op codes above 127 write 127 in the deprecated field and the real code in builtin_code', () => {
  const s = new ModelSurgery(buildModel(richModel()));
  const codes = [0, 1, 2].map((i) => s.opcode(i));
  const fields = codes.map((c) => [c.int8(OperatorCodeF.deprecatedBuiltinCode, 0), c.int32(OperatorCodeF.builtinCode, 0)]);
  assert.deepEqual(fields, [
    [BuiltinOp.CONV_2D, BuiltinOp.CONV_2D],
    [BuiltinOp.CUSTOM, BuiltinOp.CUSTOM],
    [127, BuiltinOp.GELU],
  ]);
});

test('singleOpModel makes tensors with data constants and the rest subgraph inputs', () => {
  const sg = readModel(
    singleOpModel({
      opcode: BuiltinOp.FULLY_CONNECTED,
      options: OPTION_SAMPLES[9],
      inputs: [
        { name: 'x', dtype: 'float32', shape: [1, 2] },
        { name: 'w', dtype: 'float32', shape: [3, 2], data: new Float32Array([1, 2, 3, 4, 5, 6]) },
        { name: 'b', dtype: 'float32', shape: [3] },
      ],
      outputs: [{ name: 'y', dtype: 'float32', shape: [1, 3] }],
    }),
  ).subgraphs[0];
  assert.deepEqual(sg.inputs, [0, 2]);
  assert.deepEqual(sg.outputs, [3]);
  assert.deepEqual(sg.operators[0].inputs, [0, 1, 2]);
  assert.deepEqual([...new Float32Array(sg.tensors[1].data!.slice().buffer)], [1, 2, 3, 4, 5, 6]);
  assert.deepEqual(sg.tensors.map((t) => t.name), ['x', 'w', 'b', 'y']);
});

test('ModelBuilder rejects constant data of the wrong type or size, and unknown tensor indices', () => {
  const m = new ModelBuilder();
  assert.throws(() => m.addTensor({ dtype: 'float32', shape: [2], data: new Int32Array(2) }), TensorError);
  assert.throws(() => m.addTensor({ dtype: 'float32', shape: [3], data: new Float32Array(2) }), /8 data bytes for float32\[3\]/);
  assert.equal(m.addTensor({ dtype: 'float32', shape: [2], data: new Uint8Array(8) }), 0);
  assert.throws(() => m.addOperator({ opcode: BuiltinOp.RELU, inputs: [0], outputs: [5] }), TensorError);
});
