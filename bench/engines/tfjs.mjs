// TensorFlow.js with the cpu or wasm backend, running the same architecture with the same weights, read from
// the .tflite and built as tf ops (tflite_to_tfjs.mjs). int8 models run in float with dequantized weights.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildTfjsModel } from '../tflite_to_tfjs.mjs';

export const name = 'tfjs';

export async function create(modelBytes, backend) {
  if (backend === 'wasm') {
    const require = createRequire(import.meta.url);
    const dist = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm'));
    setWasmPaths(pathToFileURL(join(dist, '/')).href);
  }
  await tf.setBackend(backend);
  await tf.ready();
  const model = buildTfjsModel(tf, modelBytes);
  return {
    async run(data) {
      const out = tf.tidy(() => model.predict(data));
      const result = await out.data();
      out.dispose();
      return result;
    },
  };
}
