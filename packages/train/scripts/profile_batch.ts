/**
 * Where a training step's time goes: one Adam step of a trial's CNN on a batch of MNIST under `tf.profile`,
 * printed as time per kernel and input shapes, largest first (after one unprofiled warm-up step).
 *   --preset autokeras|fast|deep (default autokeras)   Env: BATCH (128), THREADS (2; 1 for one thread).
 */
import { oneHot, profile, ready, setBackend, tensor1d, tensor4d, train } from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';

import { buildModel } from '../src/autokeras/build_model.js';
import { computeImageStats } from '../src/autokeras/normalization.js';
import { isPresetName, PRESETS } from '../src/autokeras/presets.js';
import { floatImages } from '../src/data/dataset.js';
import { loadMnist } from '../src/data/mnist.js';
import { registerFastKernels } from '../src/kernels/register.js';

const i = process.argv.indexOf('--preset');
const preset = i > 0 ? process.argv[i + 1] : 'autokeras';
const batch = Number(process.env.BATCH ?? 128);
await setBackend('cpu');
await ready();
registerFastKernels({ threads: process.env.THREADS !== '1' });
const data = loadMnist('train', batch);
if (!isPresetName(preset)) throw new Error(`--preset must be one of ${Object.keys(PRESETS).join(', ')}`);
const hp = PRESETS[preset];
const model = buildModel(hp, { height: 28, width: 28, channels: 1, numClasses: 10, ...computeImageStats(data.images, 1), seed: 1 });
model.compile({ optimizer: train.adam(1e-3), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
const x = tensor4d(floatImages(data, 0, batch), [batch, 28, 28, 1]);
const y = oneHot(tensor1d(Array.from(data.labels), 'int32'), 10);
await model.trainOnBatch(x, y);
const t0 = performance.now();
const info = await profile(async () => {
  await model.trainOnBatch(x, y);
});
console.log(`${preset} CNN, batch ${batch}: ${(performance.now() - t0).toFixed(0)} ms under the profiler`);
const byKernel = new Map<string, { ms: number; calls: number }>();
for (const k of info.kernels) {
  const key = `${k.name} ${JSON.stringify(k.inputShapes)}`;
  const e = byKernel.get(key) ?? { ms: 0, calls: 0 };
  e.ms += Number(k.kernelTimeMs);
  e.calls++;
  byKernel.set(key, e);
}
for (const [key, e] of [...byKernel].sort((a, b) => b[1].ms - a[1].ms).slice(0, 30)) {
  console.log(`${e.ms.toFixed(1).padStart(8)} ms  ${String(e.calls).padStart(2)}×  ${key}`);
}
process.exit(0);
