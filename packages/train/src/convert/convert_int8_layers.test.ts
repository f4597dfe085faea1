/**
 * Full-integer conversion of the lowered layers that have TFLite int8 kernels: our runtime within one output
 * step of LiteRT.js and close to TF.js; layers whose lowering has no int8 kernel are refused in one line.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setBackend } from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { input, layers, model as functionalModel, type LayersModel } from '@tensorflow/tfjs-layers';
import { BuiltinOp, readModel } from '@tflite-lambda/runtime';
import { LiteRtOracle } from '@tflite-lambda/testing/litert';
import { maxAbsDiff, opcodes, predictTfjsMulti, randomInput, randomizeWeights, runTfliteMulti, seq, type AnyLayer } from '@tflite-lambda/testing/train';
import { convertLayersModel } from './convert.js';
import { ConversionError } from './read_layers.js';

await setBackend('cpu');
const oracle = await LiteRtOracle.create();


/** The scale of the int8 tensor the final DEQUANTIZE reads: one output step. */
function outputStep(bytes: Uint8Array): number {
  const g = readModel(bytes).subgraphs[0];
  const deq = g.operators[g.operators.length - 1];
  assert.equal(deq.opcode, BuiltinOp.DEQUANTIZE);
  return g.tensors[deq.inputs[0]].quantization?.scale[0] ?? NaN;
}

function merged(make: () => AnyLayer): LayersModel {
  const x = input({ shape: [4, 3] });
  const a = layers.dense({ units: 3 }).apply(x);
  const b = layers.dense({ units: 3 }).apply(x);
  return functionalModel({ inputs: x, outputs: make().apply([a, b] as never) as never });
}

const CASES: { name: string; model: () => LayersModel; uses: number[] }[] = [
  { name: 'LeakyReLU, PReLU, ELU', model: () => seq([4, 4, 2], layers.conv2d({ filters: 3, kernelSize: 1 }), layers.leakyReLU({ alpha: 0.2 }), layers.prelu({}), layers.elu({})), uses: [BuiltinOp.LEAKY_RELU, BuiltinOp.PRELU, BuiltinOp.ELU] },
  { name: 'Conv2DTranspose (per-channel int8 filter, int32 bias)', model: () => seq([4, 5, 3], layers.conv2dTranspose({ filters: 4, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' })), uses: [BuiltinOp.TRANSPOSE_CONV] },
  { name: 'gelu activation', model: () => seq([6], layers.dense({ units: 5, activation: 'gelu' as never })), uses: [BuiltinOp.GELU] },
  { name: 'ZeroPadding2D, Cropping2D, Permute, UpSampling2D', model: () => seq([4, 4, 2], layers.zeroPadding2d({ padding: 1 }), layers.cropping2D({ cropping: [[1, 0], [0, 1]] }), layers.permute({ dims: [2, 1, 3] }), layers.upSampling2d({ size: [2, 2] })), uses: [BuiltinOp.PAD, BuiltinOp.SLICE, BuiltinOp.TRANSPOSE, BuiltinOp.RESIZE_NEAREST_NEIGHBOR] },
  { name: 'UpSampling2D bilinear', model: () => seq([3, 4, 2], layers.conv2d({ filters: 2, kernelSize: 1 }), layers.upSampling2d({ size: [2, 2], interpolation: 'bilinear' })), uses: [BuiltinOp.RESIZE_BILINEAR] },
  { name: 'Conv1D, MaxPooling1D, GlobalMaxPooling1D', model: () => seq([12, 2], layers.conv1d({ filters: 4, kernelSize: 3, activation: 'relu' }), layers.maxPooling1d({ poolSize: 2 }), layers.globalMaxPooling1d({})), uses: [BuiltinOp.CONV_2D, BuiltinOp.MAX_POOL_2D, BuiltinOp.REDUCE_MAX] },
  { name: 'GlobalAveragePooling1D and RepeatVector', model: () => seq([6, 3], layers.globalAveragePooling1d({}), layers.repeatVector({ n: 2 })), uses: [BuiltinOp.MEAN, BuiltinOp.TILE] },
  { name: 'LayerNormalization', model: () => seq([5, 6], layers.layerNormalization({})), uses: [BuiltinOp.SQUARED_DIFFERENCE, BuiltinOp.RSQRT] },
  { name: 'Maximum of two, Minimum with a constant (ReLU maxValue 0.5): one shared scale', model: () => {
    const x = input({ shape: [4, 3] });
    const max = layers.maximum().apply([layers.dense({ units: 3 }).apply(x), layers.dense({ units: 3 }).apply(x)] as never);
    return functionalModel({ inputs: x, outputs: layers.reLU({ maxValue: 0.5 }).apply(max) as never });
  }, uses: [BuiltinOp.MAXIMUM, BuiltinOp.MINIMUM] },
  { name: 'hardSigmoid and selu activations', model: () => seq([6], layers.dense({ units: 5, activation: 'hardSigmoid' }), layers.dense({ units: 4, activation: 'selu' })), uses: [BuiltinOp.MAXIMUM, BuiltinOp.MINIMUM, BuiltinOp.ELU] },
  { name: 'softplus, mish and logSoftmax activations', model: () => seq([6], layers.dense({ units: 5, activation: 'softplus' }), layers.dense({ units: 5, activation: 'mish' }), layers.dense({ units: 4, activation: 'logSoftmax' as never })), uses: [BuiltinOp.EXP, BuiltinOp.LOG, BuiltinOp.LOG_SOFTMAX] },
  { name: 'Dot of two sequences (BATCH_MATMUL)', model: () => merged(() => layers.dot({ axes: [2, 2] })), uses: [BuiltinOp.BATCH_MATMUL] },
  { name: 'Multiply', model: () => merged(() => layers.multiply()), uses: [BuiltinOp.MUL] },
  { name: 'Average', model: () => merged(() => layers.average()), uses: [BuiltinOp.ADD, BuiltinOp.MUL] },
];

CASES.forEach((c, k) => {
  test(`int8 conversion within one step of LiteRT.js and near TF.js: ${c.name}`, async () => {
    const m = c.model();
    randomizeWeights(m, 200 + k);
    const shape = [1, ...(m.inputs[0].shape.slice(1) as number[])];
    const samples = Array.from({ length: 16 }, (_, i) => randomInput(shape, 300 + 20 * k + i));
    const bytes = convertLayersModel(m, { inputType: 'float32', quantize: 'int8', representative: samples });
    const ops = opcodes(bytes);
    for (const op of c.uses) assert.ok(ops.includes(op), `expected op ${op} in [${ops.join(', ')}]`);
    const step = outputStep(bytes);
    for (const x of samples.slice(0, 3)) {
      const [ours] = runTfliteMulti(bytes, [x]);
      const [ref] = await oracle.run(bytes, [{ dtype: 'float32', shape, data: x }]);
      const [want] = predictTfjsMulti(m, [{ data: x, shape }]);
      assert.ok(maxAbsDiff(ours, ref.data as Float32Array) <= step * 1.001, `ours vs LiteRT ${maxAbsDiff(ours, ref.data as Float32Array)} (step ${step})`);
      assert.ok(maxAbsDiff(ours, want) <= 8 * step, `int8 vs TF.js ${maxAbsDiff(ours, want)} (step ${step})`);
    }
  });
});

test('int8 refuses, in one line naming the layer and the op, a lowering without int8 kernels', () => {
  const m = seq([3, 4, 4, 2], layers.conv3d({ filters: 2, kernelSize: 2, name: 'vol' }));
  const samples = [randomInput([1, 3, 4, 4, 2], 1)];
  assert.throws(() => convertLayersModel(m, { inputType: 'float32', quantize: 'int8', representative: samples }),
    (e: unknown) => e instanceof ConversionError && /^layer 'vol' lowers to CONV_3D, which has no int8 lowering/.test(e.message) && !e.message.includes('\n'));
  const soft = seq([5], layers.dense({ units: 3, activation: 'softsign', name: 'ss' }));
  assert.throws(() => convertLayersModel(soft, { inputType: 'float32', quantize: 'int8', representative: [randomInput([1, 5], 2)] }),
    (e: unknown) => e instanceof ConversionError && /^layer 'ss' lowers to DIV, which has no int8 lowering/.test(e.message));
});

test('dynamic-range mode: int8 weights in the convolutions, the new builtins stay float; LiteRT.js agrees', async () => {
  const m = seq([10, 3], layers.conv1d({ filters: 6, kernelSize: 3, activation: 'gelu' as never }), layers.layerNormalization({}), layers.prelu({}),
    layers.conv1d({ filters: 4, kernelSize: 1 }), layers.globalMaxPooling1d({}), layers.dense({ units: 3, activation: 'softmax' }));
  randomizeWeights(m, 400);
  const bytes = convertLayersModel(m, { inputType: 'float32', quantize: 'dynamic' });
  const g = readModel(bytes).subgraphs[0];
  const conv = g.operators.find((o) => o.opcode === BuiltinOp.CONV_2D);
  assert.equal(conv && g.tensors[conv.inputs[1]].dtype, 'int8');
  for (let i = 0; i < 3; i++) {
    const x = randomInput([1, 10, 3], 410 + i);
    const [ours] = runTfliteMulti(bytes, [x]);
    const [ref] = await oracle.run(bytes, [{ dtype: 'float32', shape: [1, 10, 3], data: x }]);
    const [want] = predictTfjsMulti(m, [{ data: x, shape: [1, 10, 3] }]);
    assert.ok(maxAbsDiff(ours, ref.data as Float32Array) <= 1e-2, `ours vs LiteRT ${maxAbsDiff(ours, ref.data as Float32Array)}`);
    assert.ok(maxAbsDiff(ours, want) <= 0.05, `dynamic vs TF.js ${maxAbsDiff(ours, want)}`);
  }
});

test('int8 model with two outputs: each dequantized, both within one step of LiteRT.js', async () => {
  const x = input({ shape: [6, 6, 2] });
  const f = layers.globalAveragePooling2d({}).apply(layers.conv2d({ filters: 4, kernelSize: 3, activation: 'relu' }).apply(x));
  const m = functionalModel({ inputs: x, outputs: [layers.dense({ units: 3, activation: 'softmax' }).apply(f), layers.dense({ units: 2 }).apply(f)] as never });
  randomizeWeights(m, 500);
  const samples = Array.from({ length: 12 }, (_, i) => randomInput([1, 6, 6, 2], 510 + i));
  const bytes = convertLayersModel(m, { inputType: 'float32', quantize: 'int8', representative: samples });
  const g = readModel(bytes).subgraphs[0];
  assert.equal(g.outputs.length, 2);
  const steps = g.outputs.map((o) => {
    const deq = g.operators.find((op) => op.outputs[0] === o);
    assert.equal(deq?.opcode, BuiltinOp.DEQUANTIZE);
    return g.tensors[deq.inputs[0]].quantization?.scale[0] ?? NaN;
  });
  for (const s of samples.slice(0, 3)) {
    const ours = runTfliteMulti(bytes, [s]);
    const ref = await oracle.run(bytes, [{ dtype: 'float32', shape: [1, 6, 6, 2], data: s }]);
    const want = predictTfjsMulti(m, [{ data: s, shape: [1, 6, 6, 2] }]);
    ours.forEach((o, k) => {
      assert.ok(maxAbsDiff(o, ref[k].data as Float32Array) <= steps[k] * 1.001, `output ${k}: ours vs LiteRT ${maxAbsDiff(o, ref[k].data as Float32Array)}`);
      assert.ok(maxAbsDiff(o, want[k]) <= 8 * steps[k], `output ${k}: vs TF.js ${maxAbsDiff(o, want[k])}`);
    });
  }
});

test('int8 MAXIMUM fed by an op with fixed int8 parameters (LOGISTIC) is refused in one line', () => {
  const x = input({ shape: [4] });
  const m = functionalModel({ inputs: x, outputs: layers.maximum({ name: 'mx' }).apply([layers.dense({ units: 3, activation: 'sigmoid' }).apply(x), layers.dense({ units: 3 }).apply(x)] as never) as never });
  assert.throws(() => convertLayersModel(m, { inputType: 'float32', quantize: 'int8', representative: [randomInput([1, 4], 1), randomInput([1, 4], 2)] }),
    (e: unknown) => e instanceof ConversionError && /^layer 'mx': int8 MAXIMUM needs its inputs and output on one scale/.test(e.message));
});

test('int8 of a two-input model: a one-tensor sample is refused naming both inputs; one tensor per input converts', () => {
  const a = input({ shape: [3], name: 'left' });
  const b = input({ shape: [3], name: 'right' });
  const m = functionalModel({ inputs: [a, b], outputs: layers.add().apply([a, b]) as never });
  assert.throws(() => convertLayersModel(m, { inputType: 'float32', quantize: 'int8', representative: [randomInput([1, 3], 1)] }),
    (e: unknown) => e instanceof ConversionError && /calibration sample 0: 1 input tensor\(s\), but the model has 2 \('left' \[1,3\], 'right' \[1,3\]\)/.test(e.message));
  const bytes = convertLayersModel(m, { inputType: 'float32', quantize: 'int8', calibration: [1, 2, 3].map((k) => [randomInput([1, 3], k), randomInput([1, 3], k + 10)]) });
  assert.ok(bytes.length > 0);
});
