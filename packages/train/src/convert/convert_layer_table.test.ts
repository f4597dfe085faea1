/**
 * One small model per layer (or option) the converter lowers, each converted in float and compared with TF.js
 * predict and with LiteRT.js on the emitted file (≤ 1e-4 relative), plus the op codes where the lowering is
 * the point of the case.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { add, div, image, mul, pad, reshape, setBackend, softmax, sqrt, sub, tensor, transpose, type Tensor, type Tensor4D } from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { input, layers, model as functionalModel, type LayersModel } from '@tensorflow/tfjs-layers';
import { BuiltinOp } from '@tflite-lambda/runtime';
import { LiteRtOracle } from '@tflite-lambda/testing/litert';
import { opcodes, predictTfjsMulti, randomInput, randomizeWeights, relativeDiff, runTfliteMulti, seq, type AnyLayer } from '@tflite-lambda/testing/train';
import { convertLayersModel } from './convert.js';

await setBackend('cpu');
const oracle = await LiteRtOracle.create();


/** A functional model applying `merge` to three branches of one input. */
function merged(make: () => AnyLayer): LayersModel {
  const x = input({ shape: [4, 3] });
  const branches = [0, 1, 2].map(() => layers.dense({ units: 3 }).apply(x));
  return functionalModel({ inputs: x, outputs: make().apply(branches as never) as never });
}

interface Case {
  readonly name: string;
  readonly model: () => LayersModel;
  /** Op codes that must appear in the converted model. */
  readonly uses?: number[];
  /** Input scale (default 1: uniform in [−1, 1]). */
  readonly scale?: number;
}

const dense = (activation: string) => (): LayersModel => seq([6], layers.dense({ units: 5, activation: activation as never }));

const CASES: Case[] = [
  // Activations as options.
  { name: 'activation elu', model: dense('elu'), uses: [BuiltinOp.ELU] },
  { name: 'activation selu', model: dense('selu'), uses: [BuiltinOp.ELU] },
  { name: 'activation softplus', model: dense('softplus'), uses: [BuiltinOp.LOG, BuiltinOp.EXP], scale: 30 },
  { name: 'activation softsign', model: dense('softsign'), uses: [BuiltinOp.DIV] },
  { name: 'activation swish', model: dense('swish'), uses: [BuiltinOp.LOGISTIC, BuiltinOp.MUL] },
  { name: 'activation mish', model: dense('mish'), uses: [BuiltinOp.TANH] },
  { name: 'activation gelu (erf)', model: dense('gelu'), uses: [BuiltinOp.GELU] },
  { name: 'activation gelu_new (tanh approximation)', model: dense('gelu_new'), uses: [BuiltinOp.GELU] },
  { name: 'activation hardSigmoid', model: dense('hardSigmoid'), uses: [BuiltinOp.MAXIMUM, BuiltinOp.MINIMUM], scale: 5 },
  { name: 'activation relu6 fused into FULLY_CONNECTED', model: dense('relu6'), scale: 10 },
  { name: 'activation logSoftmax', model: dense('logSoftmax'), uses: [BuiltinOp.LOG_SOFTMAX] },
  // Activations as layers.
  { name: 'PReLU with per-element alpha', model: () => seq([3, 3, 2], layers.conv2d({ filters: 2, kernelSize: 1 }), layers.prelu({})), uses: [BuiltinOp.PRELU] },
  { name: 'PReLU with shared axes', model: () => seq([3, 3, 2], layers.prelu({ sharedAxes: [1, 2] })), uses: [BuiltinOp.PRELU] },
  { name: 'LeakyReLU', model: () => seq([7], layers.leakyReLU({ alpha: 0.1 })), uses: [BuiltinOp.LEAKY_RELU] },
  { name: 'ELU layer', model: () => seq([7], layers.elu({})), uses: [BuiltinOp.ELU] },
  { name: 'ReLU layer with maxValue 0.5', model: () => seq([7], layers.reLU({ maxValue: 0.5 })), uses: [BuiltinOp.MINIMUM] },
  { name: 'Softmax layer on [3,4,5]', model: () => seq([3, 4, 5], layers.softmax({ axis: -1 })), uses: [BuiltinOp.SOFTMAX] },
  // Convolutions.
  { name: 'Conv1D valid, same with stride 2, dilation 2', model: () => seq([11, 3],
    layers.conv1d({ filters: 4, kernelSize: 3, activation: 'relu' }),
    layers.conv1d({ filters: 4, kernelSize: 3, strides: 2, padding: 'same' }),
    layers.conv1d({ filters: 2, kernelSize: 2, dilationRate: 2 })), uses: [BuiltinOp.CONV_2D] },
  { name: 'Conv2DTranspose valid and same with stride 2', model: () => seq([4, 5, 3],
    layers.conv2dTranspose({ filters: 4, kernelSize: 3 }),
    layers.conv2dTranspose({ filters: 2, kernelSize: [3, 2], strides: 2, padding: 'same', activation: 'relu' })), uses: [BuiltinOp.TRANSPOSE_CONV] },
  { name: 'Conv3D', model: () => seq([4, 5, 5, 2], layers.conv3d({ filters: 3, kernelSize: [2, 3, 3], strides: [1, 2, 1], padding: 'same' })), uses: [BuiltinOp.CONV_3D] },
  // Pooling.
  { name: 'MaxPooling1D and AveragePooling1D', model: () => seq([9, 3], layers.maxPooling1d({ poolSize: 2 }), layers.averagePooling1d({ poolSize: 2, strides: 1, padding: 'same' })), uses: [BuiltinOp.MAX_POOL_2D, BuiltinOp.AVERAGE_POOL_2D] },
  { name: 'GlobalAveragePooling1D', model: () => seq([6, 3], layers.globalAveragePooling1d({})), uses: [BuiltinOp.MEAN] },
  { name: 'GlobalMaxPooling1D', model: () => seq([6, 3], layers.globalMaxPooling1d({})), uses: [BuiltinOp.REDUCE_MAX] },
  { name: 'GlobalMaxPooling2D', model: () => seq([4, 5, 3], layers.globalMaxPooling2d({})), uses: [BuiltinOp.REDUCE_MAX] },
  // Data movement.
  { name: 'UpSampling2D nearest', model: () => seq([3, 4, 2], layers.upSampling2d({ size: [2, 3] })), uses: [BuiltinOp.RESIZE_NEAREST_NEIGHBOR] },
  { name: 'UpSampling2D bilinear', model: () => seq([3, 4, 2], layers.upSampling2d({ size: [2, 2], interpolation: 'bilinear' })), uses: [BuiltinOp.RESIZE_BILINEAR] },
  { name: 'ZeroPadding2D then Cropping2D', model: () => seq([4, 4, 2], layers.zeroPadding2d({ padding: [[1, 2], [0, 3]] }), layers.conv2d({ filters: 2, kernelSize: 2 }), layers.cropping2D({ cropping: [[1, 0], [2, 1]] })), uses: [BuiltinOp.PAD, BuiltinOp.SLICE] },
  { name: 'Permute', model: () => seq([2, 3, 4], layers.permute({ dims: [3, 1, 2] })), uses: [BuiltinOp.TRANSPOSE] },
  { name: 'RepeatVector', model: () => seq([5], layers.repeatVector({ n: 3 })), uses: [BuiltinOp.TILE] },
  { name: 'Reshape and Flatten', model: () => seq([4, 6], layers.reshape({ targetShape: [2, 12] }), layers.flatten()) },
  // Normalization and preprocessing.
  { name: 'LayerNormalization on the last axis', model: () => seq([5, 6], layers.layerNormalization({ axis: -1 })), uses: [BuiltinOp.SQUARED_DIFFERENCE, BuiltinOp.RSQRT] },
  { name: 'LayerNormalization over two axes', model: () => seq([3, 4, 5], layers.layerNormalization({ axis: [2, 3] })), uses: [BuiltinOp.MEAN] },
  { name: 'BatchNormalization after Conv1D, on a dense vector and on the input', model: () => seq([8, 3],
    layers.batchNormalization({}), layers.conv1d({ filters: 4, kernelSize: 3, padding: 'same' }), layers.batchNormalization({}),
    layers.flatten(), layers.dense({ units: 4 }), layers.batchNormalization({})) },
  { name: 'Dense on a rank-3 input; Dropout family removed', model: () => seq([6, 4], layers.gaussianNoise({ stddev: 1 }), layers.gaussianDropout({ rate: 0.3 }), layers.alphaDropout({ rate: 0.3 }), layers.spatialDropout1d({ rate: 0.3 }), layers.dense({ units: 2 })) },
  // Merges of three inputs.
  { name: 'Multiply of three', model: () => merged(() => layers.multiply()), uses: [BuiltinOp.MUL] },
  { name: 'Average of three', model: () => merged(() => layers.average()), uses: [BuiltinOp.ADD, BuiltinOp.MUL] },
  { name: 'Maximum of three', model: () => merged(() => layers.maximum()), uses: [BuiltinOp.MAXIMUM] },
  { name: 'Minimum of three', model: () => merged(() => layers.minimum()), uses: [BuiltinOp.MINIMUM] },
  { name: 'Dot of two vectors', model: () => { const x = input({ shape: [5] }); return functionalModel({ inputs: x, outputs: layers.dot({ axes: 1 }).apply([layers.dense({ units: 4 }).apply(x), layers.dense({ units: 4 }).apply(x)] as never) as never }); }, uses: [BuiltinOp.SUM] },
  ...([[2, 2], [1, 1], [2, 1], [1, 2]] as const).map(([p, q]): Case => ({ name: `Dot of two sequences on axes [${p}, ${q}]`, model: () => {
    const x = input({ shape: [4, 4] });
    return functionalModel({ inputs: x, outputs: layers.dot({ axes: [p, q] }).apply([layers.dense({ units: 4 }).apply(x), layers.dense({ units: 4 }).apply(x)] as never) as never });
  }, uses: [BuiltinOp.BATCH_MATMUL] })),
  { name: 'Concatenate of three on axis 1', model: () => merged(() => layers.concatenate({ axis: 1 })), uses: [BuiltinOp.CONCATENATION] },
];

CASES.forEach((c, k) => {
  test(`float conversion matches TF.js and LiteRT.js: ${c.name}`, async () => {
    const m = c.model();
    randomizeWeights(m, 100 + k);
    const shape = [1, ...(m.inputs[0].shape.slice(1) as number[])];
    const x = randomInput(shape, k + 1).map((v) => v * (c.scale ?? 1));
    const bytes = convertLayersModel(m, { inputType: 'float32' });
    const [want] = predictTfjsMulti(m, [{ data: x, shape }]);
    const [ours] = runTfliteMulti(bytes, [x]);
    const [ref] = await oracle.run(bytes, [{ dtype: 'float32', shape, data: x }]);
    assert.ok(relativeDiff(ours, want) <= 1e-4, `ours vs TF.js: ${relativeDiff(ours, want)}`);
    assert.ok(relativeDiff(ref.data as Float32Array, want) <= 1e-4, `LiteRT vs TF.js: ${relativeDiff(ref.data as Float32Array, want)}`);
    const ops = opcodes(bytes);
    for (const op of c.uses ?? []) assert.ok(ops.includes(op), `expected op ${op} in [${ops.join(', ')}]`);
  });
});

// TF.js's Resizing layer cannot run inside a model (its computed output shape drops the batch axis), so the
// reference is tf.image.resize with Keras's half-pixel centers, the semantics of the Keras model it came from.
for (const interpolation of ['bilinear', 'nearest'] as const) {
  test(`Resizing (${interpolation}) matches tf.image.resize with half-pixel centers, and LiteRT.js`, async () => {
    const m = seq([5, 6, 3], layers.resizing({ height: 8, width: 4, interpolation }));
    const shape: [number, number, number, number] = [1, 5, 6, 3];
    const x = randomInput(shape, 7);
    const t = tensor(x, shape) as Tensor4D;
    const want = (interpolation === 'bilinear' ? image.resizeBilinear(t, [8, 4], false, true) : image.resizeNearestNeighbor(t, [8, 4], false, true)).dataSync();
    const bytes = convertLayersModel(m, { inputType: 'float32' });
    const [ours] = runTfliteMulti(bytes, [x]);
    const [ref] = await oracle.run(bytes, [{ dtype: 'float32', shape, data: x }]);
    assert.ok(relativeDiff(ours, want) <= 1e-4, `ours vs tf.image: ${relativeDiff(ours, want)}`);
    assert.ok(relativeDiff(ref.data as Float32Array, want) <= 1e-4, `LiteRT vs tf.image: ${relativeDiff(ref.data as Float32Array, want)}`);
  });
}

// Layers TF.js builds but cannot run: the reference is the same computation spelled with ops TF.js runs.
test('Softmax on a non-last axis (TRANSPOSE, SOFTMAX, TRANSPOSE) matches softmax of the transposed tensor', async () => {
  const m = seq([3, 4, 5], layers.softmax({ axis: 1 }));
  const shape = [1, 3, 4, 5];
  const x = randomInput(shape, 21).map((v) => v * 3);
  const want = transpose(softmax(transpose(tensor(x, shape), [0, 3, 2, 1])), [0, 3, 2, 1]).dataSync();
  const bytes = convertLayersModel(m, { inputType: 'float32' });
  const [ours] = runTfliteMulti(bytes, [x]);
  const [ref] = await oracle.run(bytes, [{ dtype: 'float32', shape, data: x }]);
  assert.ok(relativeDiff(ours, want) <= 1e-4, `ours: ${relativeDiff(ours, want)}`);
  assert.ok(relativeDiff(ref.data as Float32Array, want) <= 1e-4, `LiteRT: ${relativeDiff(ref.data as Float32Array, want)}`);
  assert.deepEqual(opcodes(bytes), [BuiltinOp.TRANSPOSE, BuiltinOp.SOFTMAX, BuiltinOp.TRANSPOSE]);
});

test('causal Conv1D (PAD on the left, then VALID) matches a valid Conv1D on the left-padded input', async () => {
  const causal = seq([10, 3], layers.conv1d({ filters: 4, kernelSize: 3, dilationRate: 2, padding: 'causal' }));
  const valid = seq([14, 3], layers.conv1d({ filters: 4, kernelSize: 3, dilationRate: 2 }));
  randomizeWeights(causal, 22);
  valid.setWeights(causal.getWeights());
  const x = randomInput([1, 10, 3], 23);
  const want = (valid.predict(pad(tensor(x, [1, 10, 3]), [[0, 0], [4, 0], [0, 0]])) as Tensor).dataSync();
  const bytes = convertLayersModel(causal, { inputType: 'float32' });
  const [ours] = runTfliteMulti(bytes, [x]);
  const [ref] = await oracle.run(bytes, [{ dtype: 'float32', shape: [1, 10, 3], data: x }]);
  assert.ok(relativeDiff(ours, want) <= 1e-4, `ours: ${relativeDiff(ours, want)}`);
  assert.ok(relativeDiff(ref.data as Float32Array, want) <= 1e-4, `LiteRT: ${relativeDiff(ref.data as Float32Array, want)}`);
});

// TF.js's BatchNormalization on a non-last axis broadcasts its statistics along the wrong axis in inference
// (gamma [1,2,3] on axis 1 of ones [1,3,2,2] gives 1,2,3,1,2,3,… in memory order), so the reference is the
// Keras formula γ·(x − μ)/√(σ² + ε) + β along axis 1.
test('BatchNormalization on axis 1 of an NHWC tensor follows the Keras formula (MUL and ADD broadcasting)', async () => {
  const m = seq([3, 4, 2], layers.batchNormalization({ axis: 1, epsilon: 0.01 }));
  randomizeWeights(m, 24);
  const [gamma, beta, mean, variance] = m.layers[m.layers.length - 1].getWeights().map((w) => reshape(w, [1, 3, 1, 1]));
  const shape = [1, 3, 4, 2];
  const x = randomInput(shape, 25);
  const want = add(mul(div(sub(tensor(x, shape), mean), sqrt(add(variance, 0.01))), gamma), beta).dataSync();
  const bytes = convertLayersModel(m, { inputType: 'float32' });
  const [ours] = runTfliteMulti(bytes, [x]);
  const [ref] = await oracle.run(bytes, [{ dtype: 'float32', shape, data: x }]);
  assert.ok(relativeDiff(ours, want) <= 1e-4, `ours: ${relativeDiff(ours, want)}`);
  assert.ok(relativeDiff(ref.data as Float32Array, want) <= 1e-4, `LiteRT: ${relativeDiff(ref.data as Float32Array, want)}`);
  assert.deepEqual(opcodes(bytes), [BuiltinOp.MUL, BuiltinOp.ADD]);
});
