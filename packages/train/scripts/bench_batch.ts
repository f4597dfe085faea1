/** Times one training batch of 128 through the AutoKeras CNN: `--fast` registers our kernels first. */
import { setBackend, tensor4d, oneHot, tensor1d, ready, train } from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';

import { buildModel } from '../src/autokeras/build_model.js';
import { AUTOKERAS_FIRST_TRIAL } from '../src/autokeras/hyperparameters.js';

const batch = Number(process.env.BATCH ?? 128);
const fast = process.argv.includes('--fast');
await setBackend('cpu');
await ready();
if (fast) {
  const { registerFastKernels } = await import('../src/kernels/register.js');
  registerFastKernels();
}
const model = buildModel(AUTOKERAS_FIRST_TRIAL, { height: 28, width: 28, channels: 1, numClasses: 10, mean: [33], variance: [6000], seed: 1 });
model.compile({ optimizer: train.adam(1e-3), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
const x = tensor4d(Float32Array.from({ length: batch * 784 }, (_, i) => (i * 7919) % 256), [batch, 28, 28, 1]);
const y = oneHot(tensor1d(Array.from({ length: batch }, (_, i) => i % 10), 'int32'), 10);
for (let i = 0; i < Number(process.env.REPS ?? 3); i++) {
  const t0 = performance.now();
  await model.trainOnBatch(x, y);
  console.log(`${fast ? 'fast' : 'stock'} batch(${batch}) ${i}: ${(performance.now() - t0).toFixed(0)} ms`);
}
