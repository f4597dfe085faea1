/**
 * Training-step speed: Adam steps (`trainOnBatch`) on real MNIST batches through a trial's CNN, reported as ms
 * per batch and the minutes one epoch of 60 000 images would take.
 *
 *   --preset autokeras|fast|deep  the model (default autokeras: AutoKeras's first image-classifier trial)
 *   --stock                   TF.js's stock cpu kernels instead of ours (slow: use REPS=1)
 *   --gemm=ts|wasm            with our kernels: alternate nothing, run only that GEMM (default: both,
 *                             alternating batch by batch so background load hits both alike)
 *   --threads=1|2             with our kernels: one thread or two (default 2)
 * Env: BATCH (128), REPS (5 per variant, after one warm-up batch each).
 */
import { oneHot, ready, setBackend, tensor1d, tensor4d, train, type Tensor } from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';

import { buildModel } from '../src/autokeras/build_model.js';
import { isPresetName, PRESETS } from '../src/autokeras/presets.js';
import { computeImageStats } from '../src/autokeras/normalization.js';
import { setGemmImpl, gemmImpl, type GemmImpl } from '../src/compute/gemm_select.js';
import { floatImages } from '../src/data/dataset.js';
import { loadMnist } from '../src/data/mnist.js';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const batch = Number(process.env.BATCH ?? 128);
const reps = Number(process.env.REPS ?? 5);
const stock = process.argv.includes('--stock');
const preset = process.argv.includes('--preset') ? process.argv[process.argv.indexOf('--preset') + 1] : (arg('preset') ?? 'autokeras');
const only = arg('gemm');
const threads = arg('threads') === '1' ? 1 : 2;
const impls: GemmImpl[] = stock ? ['ts'] : only === 'ts' || only === 'wasm' ? [only] : ['ts', 'wasm'];

await setBackend('cpu');
await ready();
if (!stock) {
  const { registerFastKernels } = await import('../src/kernels/register.js');
  registerFastKernels({ threads: threads === 2 });
}
const data = loadMnist('train', batch * (reps * impls.length + 1));
if (!isPresetName(preset)) throw new Error(`--preset must be one of ${Object.keys(PRESETS).join(', ')}`);
const hp = PRESETS[preset];
const model = buildModel(hp, { height: 28, width: 28, channels: 1, numClasses: 10, ...computeImageStats(data.images, 1), seed: 1 });
model.compile({ optimizer: train.adam(1e-3), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });

let next = 0;
function nextBatch(): { x: Tensor; y: Tensor } {
  const i0 = next * batch;
  next++;
  const x = tensor4d(floatImages(data, i0, i0 + batch), [batch, 28, 28, 1]);
  const y = oneHot(tensor1d(Array.from(data.labels.subarray(i0, i0 + batch)), 'int32'), 10);
  return { x, y };
}
async function step(): Promise<number> {
  const { x, y } = nextBatch();
  const t0 = performance.now();
  await model.trainOnBatch(x, y);
  const ms = performance.now() - t0;
  x.dispose();
  y.dispose();
  return ms;
}

const label = (impl: GemmImpl) => (stock ? 'stock cpu kernels' : `ours, ${impl} GEMM, ${threads} thread${threads > 1 ? 's' : ''}`);
console.log(`${preset} CNN, batch ${batch}: warm-up ${(await step()).toFixed(0)} ms`);
const times = new Map<GemmImpl, number[]>(impls.map((i) => [i, []]));
for (let r = 0; r < reps; r++) {
  for (const impl of impls) {
    setGemmImpl(impl);
    const ms = await step();
    times.get(impl)?.push(ms);
    console.log(`${label(stock ? impl : gemmImpl())} batch ${r}: ${ms.toFixed(0)} ms`);
  }
}
const steps = Math.ceil(60000 / batch);
for (const [impl, t] of times) {
  const median = [...t].sort((a, b) => a - b)[Math.floor(t.length / 2)] ?? NaN;
  console.log(`${label(impl)}: median ${median.toFixed(0)} ms/batch (${t.map((v) => v.toFixed(0)).join(', ')}) → ${steps} batches ≈ ${((median * steps) / 60000).toFixed(1)} min/epoch`);
}
process.exit(0);
