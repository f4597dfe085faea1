import { test } from 'node:test';
import assert from 'node:assert/strict';
import { add, mul, setBackend } from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { input, layers, model as functionalModel, type LayersModel, } from '@tensorflow/tfjs-layers';
import { BuiltinOp, Interpreter, readModel } from '@tflite-lambda/runtime';
import { Normalization } from '../autokeras/normalization.js';
import { convertLayersModel } from './convert.js';
import { ConversionError } from './read_layers.js';
import { maxAbsDiff, opcodes, predictTfjs, predictTfjsMulti, randomInput, runTflite, runTfliteMulti, seq } from '@tflite-lambda/testing/train';

await setBackend('cpu');


/** Converts with a float32 input and checks the Interpreter's output against TF.js predict within 1e-4. */
function assertFloatMatches(m: LayersModel, inputShape: number[], seed = 1): Uint8Array {
  const shape = [1, ...inputShape];
  const x = randomInput(shape, seed);
  const bytes = convertLayersModel(m, { inputType: 'float32' });
  const diff = maxAbsDiff(runTflite(bytes, x), predictTfjs(m, x, shape));
  assert.ok(diff <= 1e-4, `max |tflite - tfjs| = ${diff}`);
  return bytes;
}

test('Conv2D: valid, same with stride 2, dilation 2, with and without bias, relu fused into CONV_2D', () => {
  const bytes = assertFloatMatches(seq([9, 8, 3],
    layers.conv2d({ filters: 4, kernelSize: 3, activation: 'relu' }),
    layers.conv2d({ filters: 5, kernelSize: [3, 2], strides: 2, padding: 'same', useBias: false }),
    layers.conv2d({ filters: 3, kernelSize: 2, dilationRate: 2, padding: 'same', activation: 'relu6' })), [9, 8, 3]);
  assert.deepEqual(opcodes(bytes), [BuiltinOp.CONV_2D, BuiltinOp.CONV_2D, BuiltinOp.CONV_2D]);
});

test('DepthwiseConv2D with depth multiplier 2 and SeparableConv2D (DEPTHWISE_CONV_2D + 1x1 CONV_2D)', () => {
  const bytes = assertFloatMatches(seq([8, 8, 3],
    layers.depthwiseConv2d({ kernelSize: 3, depthMultiplier: 2, padding: 'same', activation: 'relu' }),
    layers.separableConv2d({ filters: 5, kernelSize: 3, depthMultiplier: 1 })), [8, 8, 3]);
  assert.deepEqual(opcodes(bytes), [BuiltinOp.DEPTHWISE_CONV_2D, BuiltinOp.DEPTHWISE_CONV_2D, BuiltinOp.CONV_2D]);
});

test('Dense with BatchNormalization folded in, then Softmax', () => {
  const bn = layers.batchNormalization({});
  const m = seq([12], layers.dense({ units: 6 }), bn, layers.activation({ activation: 'softmax' }));
  // Non-trivial moving statistics so the folding is exercised.
  const [gamma, beta, mean, variance] = bn.getWeights();
  bn.setWeights([add(gamma, 0.5), add(beta, 0.3), add(mean, 0.2), mul(variance, 2.5)]);
  const bytes = assertFloatMatches(m, [12]);
  assert.deepEqual(opcodes(bytes), [BuiltinOp.FULLY_CONNECTED, BuiltinOp.SOFTMAX]);
});

test('MaxPooling2D, AveragePooling2D, GlobalAveragePooling2D, Reshape and Dropout', () => {
  const bytes = assertFloatMatches(seq([10, 10, 2],
    layers.maxPooling2d({ poolSize: 2 }),
    layers.averagePooling2d({ poolSize: 2, strides: 1, padding: 'same' }),
    layers.dropout({ rate: 0.5 }),
    layers.reshape({ targetShape: [5, 5, 2] }),
    layers.globalAveragePooling2d({})), [10, 10, 2]);
  assert.deepEqual(opcodes(bytes), [BuiltinOp.MAX_POOL_2D, BuiltinOp.AVERAGE_POOL_2D, BuiltinOp.RESHAPE, BuiltinOp.MEAN]);
});

test('Rescaling and Normalization before a valid conv are folded into its weights', () => {
  const bytes = assertFloatMatches(seq([6, 6, 2],
    layers.rescaling({ scale: 1 / 255, offset: -0.5 }),
    new Normalization({ mean: [0.1, -0.2], variance: [0.5, 2] }),
    layers.conv2d({ filters: 3, kernelSize: 3 })), [6, 6, 2]);
  assert.deepEqual(opcodes(bytes), [BuiltinOp.CONV_2D]);
});

test('an affine layer that cannot be folded becomes MUL and ADD; activations sigmoid and tanh', () => {
  const bytes = assertFloatMatches(seq([5, 5, 2],
    layers.conv2d({ filters: 3, kernelSize: 3, padding: 'same', activation: 'sigmoid' }),
    layers.rescaling({ scale: 2, offset: 1 }),
    layers.activation({ activation: 'tanh' })), [5, 5, 2]);
  assert.deepEqual(opcodes(bytes), [BuiltinOp.CONV_2D, BuiltinOp.LOGISTIC, BuiltinOp.MUL, BuiltinOp.ADD, BuiltinOp.TANH]);
});

test('Add and Concatenate in a functional model, ReLU layer fused into ADD', () => {
  const x = input({ shape: [6, 6, 2] });
  const a = layers.conv2d({ filters: 4, kernelSize: 1 }).apply(x);
  const b = layers.conv2d({ filters: 4, kernelSize: 3, padding: 'same' }).apply(x);
  const sum = layers.add().apply([a, b] as never);
  const r = layers.reLU().apply(sum);
  const cat = layers.concatenate({ axis: -1 }).apply([r, x] as never);
  const m = functionalModel({ inputs: x, outputs: cat as never });
  const bytes = assertFloatMatches(m, [6, 6, 2]);
  assert.deepEqual(opcodes(bytes), [BuiltinOp.CONV_2D, BuiltinOp.CONV_2D, BuiltinOp.ADD, BuiltinOp.CONCATENATION]);
});

test('uint8 input [1,H,W] is declared like the seed model (CAST then RESHAPE to NHWC); Flatten is a RESHAPE', () => {
  const m = seq([4, 4, 1], layers.flatten(), layers.dense({ units: 3, activation: 'softmax' }));
  const bytes = convertLayersModel(m, { inputType: 'uint8' });
  assert.deepEqual(opcodes(bytes), [BuiltinOp.CAST, BuiltinOp.RESHAPE, BuiltinOp.RESHAPE, BuiltinOp.FULLY_CONNECTED, BuiltinOp.SOFTMAX]);
  const pixels = Uint8Array.from({ length: 16 }, (_, i) => i * 16);
  const diff = maxAbsDiff(runTflite(bytes, pixels), predictTfjs(m, Float32Array.from(pixels), [1, 4, 4, 1]));
  assert.ok(diff <= 1e-4, `diff ${diff}`);
});

test('an unsupported layer is a ConversionError naming the layer and its class', () => {
  const m = seq([4, 4, 1], layers.thresholdedReLU({ theta: 0.5, name: 'gate' }));
  assert.throws(() => convertLayersModel(m), (e: unknown) => e instanceof ConversionError && /'gate' of class ThresholdedReLU is not supported/.test(e.message) && !e.message.includes('\n'));
});

test('regression: an Add of three inputs becomes two binary ADDs and matches TF.js', () => {
  const x = input({ shape: [5, 5, 2] });
  const a = layers.conv2d({ filters: 3, kernelSize: 1 }).apply(x);
  const b = layers.conv2d({ filters: 3, kernelSize: 3, padding: 'same' }).apply(x);
  const c = layers.conv2d({ filters: 3, kernelSize: 1, useBias: false }).apply(x);
  const sum = layers.add().apply([a, b, c] as never);
  const m = functionalModel({ inputs: x, outputs: sum as never });
  const bytes = assertFloatMatches(m, [5, 5, 2]);
  assert.deepEqual(opcodes(bytes), [BuiltinOp.CONV_2D, BuiltinOp.CONV_2D, BuiltinOp.CONV_2D, BuiltinOp.ADD, BuiltinOp.ADD]);
});

test('a two-input two-output functional model keeps its signature; LeakyReLU is a generic builtin op', () => {
  const img = input({ shape: [4, 4, 2], name: 'img' });
  const vec = input({ shape: [3], name: 'vec' });
  const f = layers.flatten().apply(layers.leakyReLU({ alpha: 0.2 }).apply(layers.conv2d({ filters: 2, kernelSize: 3 }).apply(img)));
  const joined = layers.concatenate().apply([f as never, vec] as never);
  const cls = layers.dense({ units: 4, activation: 'softmax', name: 'cls' }).apply(joined);
  const reg = layers.dense({ units: 1, name: 'reg' }).apply(vec);
  const m = functionalModel({ inputs: [img, vec], outputs: [cls, reg] as never });
  const xs = [{ data: randomInput([1, 4, 4, 2], 3), shape: [1, 4, 4, 2] }, { data: randomInput([1, 3], 4), shape: [1, 3] }];
  const bytes = convertLayersModel(m, { inputType: 'float32' });
  const ours = runTfliteMulti(bytes, xs.map((x) => x.data));
  const want = predictTfjsMulti(m, xs);
  assert.equal(ours.length, 2);
  for (let k = 0; k < 2; k++) assert.ok(maxAbsDiff(ours[k], want[k]) <= 1e-4, `output ${k}: ${maxAbsDiff(ours[k], want[k])}`);
  assert.ok(opcodes(bytes).includes(BuiltinOp.LEAKY_RELU));
});

test('inputType uint8 applies to image inputs only: a vector input stays float32', () => {
  const img = input({ shape: [4, 4, 1] });
  const vec = input({ shape: [3] });
  const joined = layers.concatenate().apply([layers.flatten().apply(img) as never, vec] as never);
  const m = functionalModel({ inputs: [img, vec], outputs: layers.dense({ units: 2 }).apply(joined) as never });
  const bytes = convertLayersModel(m, { inputType: 'uint8' });
  const it = Interpreter.loadSync(bytes);
  assert.deepEqual(it.getInputDetails().map((d) => [d.dtype, d.shape]), [['uint8', [1, 4, 4]], ['float32', [1, 3]]]);
  const pixels = Uint8Array.from({ length: 16 }, (_, i) => i * 15);
  const v = randomInput([1, 3], 5);
  const [ours] = runTfliteMulti(bytes, [pixels, v]);
  const [want] = predictTfjsMulti(m, [{ data: Float32Array.from(pixels), shape: [1, 4, 4, 1] }, { data: v, shape: [1, 3] }]);
  assert.ok(maxAbsDiff(ours, want) <= 1e-4 * Math.max(1, ...want.map(Math.abs)), `diff ${maxAbsDiff(ours, want)}`);
});

test('a shared layer (one Dense applied to two inputs, one conv applied twice in a row) converts once per application', () => {
  const a = input({ shape: [5] });
  const b = input({ shape: [5] });
  const shared = layers.dense({ units: 4, activation: 'tanh' });
  const joined = layers.concatenate().apply([shared.apply(a), shared.apply(b)] as never);
  const m = functionalModel({ inputs: [a, b], outputs: layers.dense({ units: 2 }).apply(joined) as never });
  const xs = [{ data: randomInput([1, 5], 8), shape: [1, 5] }, { data: randomInput([1, 5], 9), shape: [1, 5] }];
  const bytes = convertLayersModel(m, { inputType: 'float32' });
  const [ours] = runTfliteMulti(bytes, xs.map((x) => x.data));
  const [want] = predictTfjsMulti(m, xs);
  assert.ok(maxAbsDiff(ours, want) <= 1e-4, `siamese: ${maxAbsDiff(ours, want)}`);
  assert.equal(opcodes(bytes).filter((o) => o === BuiltinOp.FULLY_CONNECTED).length, 3);

  const x = input({ shape: [6, 6, 3] });
  const conv = layers.conv2d({ filters: 3, kernelSize: 3, padding: 'same', activation: 'relu' });
  const twice = functionalModel({ inputs: x, outputs: conv.apply(conv.apply(x)) as never });
  assertFloatMatches(twice, [6, 6, 3]);
});

test('conversion is reproducible and tensor names are unique', () => {
  const m = seq([6, 4], layers.conv1d({ filters: 3, kernelSize: 2, activation: 'gelu' as never }), layers.layerNormalization({}), layers.softmax({ axis: 1 }), layers.flatten(), layers.dense({ units: 2, activation: 'selu' }));
  const a = convertLayersModel(m, { inputType: 'float32' });
  assert.deepEqual(convertLayersModel(m, { inputType: 'float32' }), a);
  const names = readModel(a).subgraphs[0].tensors.map((t) => t.name);
  assert.equal(new Set(names).size, names.length, `duplicate names in ${names.join(', ')}`);
});

test('a channelsFirst Flatten is refused in one line naming the layer', () => {
  const m = seq([2, 3, 4], layers.flatten({ dataFormat: 'channelsFirst', name: 'flat' }));
  assert.throws(() => convertLayersModel(m), (e: unknown) => e instanceof ConversionError && /^layer 'flat' \(Flatten\): dataFormat 'channelsFirst' is not supported/.test(e.message));
});
