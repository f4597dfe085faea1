import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setBackend } from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { input, layers, model as functionalModel } from '@tensorflow/tfjs-layers';
import { LiteRtOracle } from '@tflite-lambda/testing/litert';
import { Normalization } from '../autokeras/normalization.js';
import { loadMnist } from '../data/mnist.js';
import { floatImages } from '../data/dataset.js';
import { convertLayersModel } from './convert.js';
import { maxAbsDiff, predictTfjs, runTflite } from '@tflite-lambda/testing/train';

await setBackend('cpu');

/** One model using most converter paths: normalization folding, conv, depthwise, separable, BN, add, concat, pools. */
function mixedModel() {
  const x = input({ shape: [28, 28, 1] });
  const n = new Normalization({ mean: [33], variance: [6000] }).apply(x);
  const c1 = layers.conv2d({ filters: 8, kernelSize: 3, activation: 'relu' }).apply(n);
  const p1 = layers.maxPooling2d({ poolSize: 2 }).apply(c1);
  const d = layers.depthwiseConv2d({ kernelSize: 3, padding: 'same' }).apply(p1);
  const bn = layers.batchNormalization({}).apply(d);
  const s = layers.add().apply([layers.reLU().apply(bn), p1] as never);
  const sep = layers.separableConv2d({ filters: 8, kernelSize: 3, padding: 'same', activation: 'relu' }).apply(s);
  const cat = layers.concatenate().apply([sep, s] as never);
  const avg = layers.averagePooling2d({ poolSize: 2 }).apply(cat);
  const g = layers.globalAveragePooling2d({}).apply(avg);
  const out = layers.dense({ units: 10, activation: 'softmax' }).apply(g);
  return functionalModel({ inputs: x, outputs: out as never });
}

const data = loadMnist('test', 20);
const model = mixedModel();
const pixels = (i: number) => data.images.slice(i * 784, (i + 1) * 784);

test('converted float, dynamic and int8 models load in LiteRT.js and agree with TF.js and our Interpreter', async () => {
  const oracle = await LiteRtOracle.create();
  const representative = Array.from({ length: 20 }, (_, i) => floatImages(data, i, i + 1));
  const variants = {
    float: convertLayersModel(model, { inputType: 'uint8' }),
    dynamic: convertLayersModel(model, { inputType: 'uint8', quantize: 'dynamic' }),
    int8: convertLayersModel(model, { inputType: 'uint8', quantize: 'int8', representative }),
  };
  for (let i = 0; i < 3; i++) {
    const want = predictTfjs(model, floatImages(data, i, i + 1), [1, 28, 28, 1]);
    for (const [name, bytes] of Object.entries(variants)) {
      const [ref] = await oracle.run(bytes, [{ dtype: 'uint8', shape: [1, 28, 28], data: pixels(i) }]);
      const litert = Float32Array.from(ref.data as Float32Array);
      const ours = runTflite(bytes, pixels(i));
      if (name === 'float') assert.ok(maxAbsDiff(litert, want) <= 1e-4, `LiteRT vs TF.js (float) ${maxAbsDiff(litert, want)}`);
      else assert.ok(maxAbsDiff(litert, want) < 0.05, `LiteRT vs TF.js (${name}) ${maxAbsDiff(litert, want)}`);
      // int8 outputs are multiples of 1/256 after DEQUANTIZE: our runtime must be within one step of LiteRT.
      const tol = name === 'int8' ? 2 / 256 + 1e-6 : name === 'dynamic' ? 1e-2 : 1e-4;
      assert.ok(maxAbsDiff(ours, litert) <= tol, `our Interpreter vs LiteRT (${name}) ${maxAbsDiff(ours, litert)}`);
    }
  }
});
