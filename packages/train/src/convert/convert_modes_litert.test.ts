/**
 * The quantization modes on two non-MNIST models (a 3-channel 32x32 CNN and a non-image MLP), each run by
 * our Interpreter and by LiteRT.js: int8 bit-identical, 16x8 within one output step, float16 within float
 * tolerance; every mode close to TF.js. Also the per-layer report and its int16 advantage.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setBackend } from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { initializers, layers, sequential, type LayersModel } from '@tensorflow/tfjs-layers';
import { BuiltinOp, readModel } from '@tflite-lambda/runtime';
import { LiteRtOracle } from '@tflite-lambda/testing/litert';
import { maxAbsDiff, predictTfjs, randomInput, randomizeWeights, relativeDiff, runTflite } from '@tflite-lambda/testing/train';
import { seededRandom } from '../autokeras/hyperparameters.js';
import { convertLayersModelWithReport, type ConvertOptions } from './convert.js';

await setBackend('cpu');

const glorot = (seed: number) => initializers.glorotUniform({ seed });

function rgbCnn(): LayersModel {
  const m = sequential();
  m.add(layers.conv2d({ inputShape: [32, 32, 3], filters: 8, kernelSize: 3, strides: 2, activation: 'relu', kernelInitializer: glorot(11), biasInitializer: initializers.randomNormal({ mean: 0, stddev: 0.5, seed: 5 }) }));
  m.add(layers.depthwiseConv2d({ kernelSize: 3, padding: 'same', activation: 'relu', depthwiseInitializer: glorot(12) }));
  m.add(layers.maxPooling2d({ poolSize: 2 }));
  m.add(layers.conv2d({ filters: 12, kernelSize: 1, activation: 'relu', kernelInitializer: glorot(13) }));
  m.add(layers.globalAveragePooling2d({}));
  m.add(layers.dense({ units: 16, activation: 'relu', kernelInitializer: glorot(14) }));
  m.add(layers.dense({ units: 5, activation: 'softmax', kernelInitializer: glorot(15) }));
  return m;
}

function mlp(): LayersModel {
  const m = sequential();
  m.add(layers.dense({ inputShape: [20], units: 32, activation: 'relu', kernelInitializer: glorot(21), biasInitializer: initializers.randomNormal({ mean: 0, stddev: 0.5, seed: 5 }) }));
  m.add(layers.dense({ units: 16, activation: 'tanh', kernelInitializer: glorot(22) }));
  m.add(layers.dense({ units: 4, kernelInitializer: glorot(23) }));
  return m;
}

function samples(shape: number[], n: number, seed: number, lo: number, hi: number): Float32Array[] {
  const rand = seededRandom(seed);
  const size = shape.reduce((a, b) => a * b, 1);
  return Array.from({ length: n }, () => Float32Array.from({ length: size }, () => lo + rand() * (hi - lo)));
}

/** The scale of the integer tensor the float output is dequantized from: one step of the model's output. */
function outputStep(bytes: Uint8Array): number {
  const sg = readModel(bytes).subgraphs[0];
  const out = sg.outputs[0];
  const deq = sg.operators.find((o) => o.opcode === BuiltinOp.DEQUANTIZE && o.outputs[0] === out);
  assert.ok(deq, 'float output comes from a DEQUANTIZE');
  return sg.tensors[deq.inputs[0]].quantization?.scale[0] ?? NaN;
}

const cases = [
  { name: '3-channel 32x32 CNN', model: rgbCnn(), shape: [1, 32, 32, 3], calib: samples([1, 32, 32, 3], 24, 1, 0, 1), test: samples([1, 32, 32, 3], 4, 2, 0, 1), tfjsTol: 0.04 },
  { name: 'non-image MLP', model: mlp(), shape: [1, 20], calib: samples([1, 20], 200, 3, -2, 2), test: samples([1, 20], 6, 4, -2, 2), tfjsTol: 0.08 },
];

for (const c of cases) {
  test(`${c.name}: int8, 16x8, float16 and per-channel dense agree with LiteRT.js and stay close to TF.js`, async () => {
    const oracle = await LiteRtOracle.create();
    const modes: [string, ConvertOptions][] = [
      ['int8', { quantize: 'int8' }],
      ['int8 per-channel dense', { quantize: 'int8', perChannelDense: true }],
      ['16x8', { quantize: 'int16x8' }],
      ['float16', { quantize: 'float16' }],
    ];
    for (const [mode, o] of modes) {
      const { bytes } = convertLayersModelWithReport(c.model, { ...o, inputType: 'float32', calibration: c.calib.map((x) => [x]), report: false });
      for (const x of c.test) {
        const want = predictTfjs(c.model, x, c.shape);
        const [ref] = await oracle.run(bytes, [{ dtype: 'float32', shape: c.shape, data: x }]);
        const litert = Float32Array.from(ref.data as Float32Array);
        const ours = runTflite(bytes, x);
        const vsLitert = maxAbsDiff(ours, litert);
        if (mode.startsWith('int8')) assert.equal(vsLitert, 0, `${mode}: our Interpreter vs LiteRT.js must be bit-identical, differs by ${vsLitert}`);
        else if (mode === '16x8') assert.ok(vsLitert <= outputStep(bytes) * 1.001, `16x8: ${vsLitert} vs LiteRT.js is more than one step (${outputStep(bytes)})`);
        else assert.ok(vsLitert <= 1e-5, `float16: ${vsLitert} vs LiteRT.js`);
        const vsTfjs = maxAbsDiff(ours, want);
        assert.ok(vsTfjs < (mode === 'float16' ? 0.01 : c.tfjsTol), `${mode}: ${vsTfjs} vs TF.js`);
      }
    }
  });
}

test('the quantized graphs have the types each mode promises', () => {
  const calibration = cases[0].calib.map((x) => [x]);
  const tensorsOf = (o: ConvertOptions) => {
    const sg = readModel(convertLayersModelWithReport(cases[0].model, { ...o, calibration, report: false }).bytes).subgraphs[0];
    return sg.operators.map((op) => ({ op, ins: op.inputs.map((i) => sg.tensors[i]), out: sg.tensors[op.outputs[0]] }));
  };
  const w16 = tensorsOf({ quantize: 'int16x8' }).filter((t) => t.op.opcode === BuiltinOp.CONV_2D || t.op.opcode === BuiltinOp.FULLY_CONNECTED);
  assert.ok(w16.length >= 4);
  for (const t of w16) {
    assert.deepEqual([t.ins[0].dtype, t.ins[1].dtype, t.ins[2].dtype, t.out.dtype], ['int16', 'int8', 'int64', 'int16']);
    assert.ok(t.ins[0].quantization?.zeroPoint.every((z) => z === 0) && t.out.quantization?.zeroPoint.every((z) => z === 0), 'int16 activations are symmetric');
  }
  const f16 = tensorsOf({ quantize: 'float16' });
  const deq = f16.filter((t) => t.op.opcode === BuiltinOp.DEQUANTIZE);
  assert.ok(deq.length >= 10 && deq.every((t) => t.ins[0].dtype === 'float16' && t.ins[0].data !== null), 'weights and biases stored as float16 constants');
  assert.ok(f16.filter((t) => t.op.opcode === BuiltinOp.CONV_2D).every((t) => t.ins[1].dtype === 'float32' && t.ins[1].data === null));
  const fcPerChannel = tensorsOf({ quantize: 'int8', perChannelDense: true }).filter((t) => t.op.opcode === BuiltinOp.FULLY_CONNECTED);
  assert.deepEqual(fcPerChannel.map((t) => t.ins[1].quantization?.scale.length), [16, 5]);
  const fcPerTensor = tensorsOf({ quantize: 'int8' }).filter((t) => t.op.opcode === BuiltinOp.FULLY_CONNECTED);
  assert.deepEqual(fcPerTensor.map((t) => t.ins[1].quantization?.scale.length), [1, 1]);
});

test('quantization report: one row per IR tensor, 16x8 loses less than int8 at every layer', () => {
  const calibration = cases[1].calib.map((x) => [x]);
  const int8 = convertLayersModelWithReport(cases[1].model, { quantize: 'int8', calibration }).report;
  const int16 = convertLayersModelWithReport(cases[1].model, { quantize: 'int16x8', calibration }).report;
  assert.ok(int8 && int16);
  assert.equal(int8.samples, 200);
  const layersOf = (r: typeof int8) => r.tensors.map((t) => t.op);
  assert.deepEqual(layersOf(int8), ['input', 'dense', 'dense', 'activation', 'dense']);
  assert.deepEqual(int8.tensors.map((t) => t.isOutput), [false, false, false, false, true]);
  for (const [k, t] of int8.tensors.entries()) {
    const w = int16.tensors[k];
    assert.ok(t.rmse > 0 && t.maxAbsError >= t.rmse, `${t.tensor}: rmse ${t.rmse}, max ${t.maxAbsError}`);
    // int8 rounds each value to within half a step of 1/255 of the range: the input's error is bounded by it.
    if (t.op === 'input') assert.ok(t.relativeMaxError <= 0.5 / 255 + 1e-6, `input rel max ${t.relativeMaxError}`);
    // Both modes share the int8 weights, so only the activations' rounding differs: far less at the input.
    assert.ok(w.rmse < (t.op === 'input' ? t.rmse / 100 : t.rmse), `${t.tensor}: 16x8 rmse ${w.rmse} vs int8 ${t.rmse}`);
  }
});

test('float16 weights also cover the float constants of lowered builtin ops (PReLU, Conv2DTranspose, Conv3D, LayerNormalization)', async () => {
  const oracle = await LiteRtOracle.create();
  const seq = (inputShape: number[], ...ls: Parameters<ReturnType<typeof sequential>['add']>[0][]) => {
    const m = sequential();
    m.add(layers.inputLayer({ inputShape }));
    for (const l of ls) m.add(l);
    randomizeWeights(m, 61);
    return m;
  };
  const models = [
    seq([3, 3, 2], layers.conv2d({ filters: 2, kernelSize: 1 }), layers.prelu({})),
    seq([4, 5, 3], layers.conv2dTranspose({ filters: 2, kernelSize: 3, strides: 2, padding: 'same' })),
    seq([4, 5, 5, 2], layers.conv3d({ filters: 3, kernelSize: [2, 3, 3], padding: 'same' })),
    seq([5, 6], layers.layerNormalization({ axis: -1, gammaInitializer: 'randomNormal', betaInitializer: 'randomNormal' })),
  ];
  for (const [k, m] of models.entries()) {
    const bytes = convertLayersModelWithReport(m, { quantize: 'float16', inputType: 'float32' }).bytes;
    const sg = readModel(bytes).subgraphs[0];
    const halves = sg.operators.filter((o) => o.opcode === BuiltinOp.DEQUANTIZE && sg.tensors[o.inputs[0]].dtype === 'float16');
    assert.ok(halves.length > 0, `model ${k}: float16 constants`);
    assert.ok(sg.tensors.every((t) => t.dtype !== 'float32' || t.data === null || t.data.length <= 4 * 4), `model ${k}: no float32 weights left`);
    const shape = [1, ...(m.inputs[0].shape.slice(1) as number[])];
    const x = randomInput(shape, 70 + k);
    const [ref] = await oracle.run(bytes, [{ dtype: 'float32', shape, data: x }]);
    const ours = runTflite(bytes, x);
    assert.ok(relativeDiff(ours, ref.data as Float32Array) <= 1e-5, `model ${k}: ours vs LiteRT.js ${relativeDiff(ours, ref.data as Float32Array)}`);
    assert.ok(relativeDiff(ours, predictTfjs(m, x, shape)) <= 5e-3, `model ${k}: vs TF.js ${relativeDiff(ours, predictTfjs(m, x, shape))}`);
  }
});
