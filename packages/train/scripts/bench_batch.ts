/**
 * Times one training batch of 128 through the AutoKeras CNN. `--fast` registers our kernels first and then
 * alternates the TypeScript and WebAssembly GEMMs batch by batch (side by side in one process, so background
 * load hits both alike); `--gemm=ts|wasm` runs only one of them. Env: BATCH (128), REPS (3 per GEMM).
 */
import { setBackend, tensor4d, oneHot, tensor1d, ready, train } from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';

import { buildModel } from '../src/autokeras/build_model.js';
import { AUTOKERAS_FIRST_TRIAL } from '../src/autokeras/hyperparameters.js';
import { setGemmImpl, gemmImpl, type GemmImpl } from '../src/compute/gemm_select.js';

const batch = Number(process.env.BATCH ?? 128);
const reps = Number(process.env.REPS ?? 3);
const fast = process.argv.includes('--fast');
const only = process.argv.find((a) => a.startsWith('--gemm='))?.slice('--gemm='.length);
const impls: GemmImpl[] = !fast ? ['ts'] : only === 'ts' || only === 'wasm' ? [only] : ['ts', 'wasm'];
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
const w0 = performance.now();
await model.trainOnBatch(x, y); // warm-up: first-call compilation and wasm packing/scratch growth
console.log(`warm-up batch(${batch}): ${(performance.now() - w0).toFixed(0)} ms`);
const times = new Map<GemmImpl, number[]>(impls.map((i) => [i, []]));
for (let r = 0; r < reps; r++) {
  for (const impl of impls) {
    setGemmImpl(impl);
    const label = fast ? `fast/${gemmImpl()}` : 'stock';
    const t0 = performance.now();
    await model.trainOnBatch(x, y);
    const ms = performance.now() - t0;
    times.get(impl)?.push(ms);
    console.log(`${label} batch(${batch}) ${r}: ${ms.toFixed(0)} ms`);
  }
}
const steps = Math.ceil(60000 / batch);
for (const [impl, t] of times) {
  if (t.length === 0) continue;
  const median = [...t].sort((a, b) => a - b)[Math.floor(t.length / 2)] ?? NaN;
  const label = fast ? `fast/${impl}` : 'stock';
  console.log(`${label}: median ${median.toFixed(0)} ms/batch → ${steps} batches ≈ ${((median * steps) / 60000).toFixed(1)} min/epoch`);
}
