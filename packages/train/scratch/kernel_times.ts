import { setBackend, tensor4d, oneHot, tensor1d, train, getKernelsForBackend, unregisterKernel, registerKernel } from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { buildModel } from '../src/autokeras/build_model.js';
import { AUTOKERAS_FIRST_TRIAL } from '../src/autokeras/hyperparameters.js';
import { registerFastKernels } from '../src/kernels/register.js';
await setBackend('cpu');
registerFastKernels();
const times = new Map<string, number>();
for (const k of getKernelsForBackend('cpu')) {
  unregisterKernel(k.kernelName, 'cpu');
  const f = k.kernelFunc;
  registerKernel({ ...k, kernelFunc: (a) => { const t0 = performance.now(); const r = f(a); const key = k.kernelName + ' ' + Object.values(a.inputs).map((t) => t ? `[${t.shape}]` : '').join(''); times.set(key, (times.get(key) ?? 0) + performance.now() - t0); return r; } });
}
const model = buildModel(AUTOKERAS_FIRST_TRIAL, { height: 28, width: 28, channels: 1, numClasses: 10, mean: [33], variance: [6000], seed: 1 });
model.compile({ optimizer: train.adam(1e-3), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
const x = tensor4d(Float32Array.from({ length: 64 * 784 }, (_, i) => (i * 7919) % 256), [64, 28, 28, 1]);
const y = oneHot(tensor1d(Array.from({ length: 64 }, (_, i) => i % 10), 'int32'), 10);
for (let i = 0; i < 3; i++) { times.clear(); const t0 = performance.now(); await model.trainOnBatch(x, y); console.log('batch', performance.now() - t0); }
[...times].sort((a, b) => b[1] - a[1]).slice(0, 14).forEach(([k, v]) => console.log(v.toFixed(0), k));
