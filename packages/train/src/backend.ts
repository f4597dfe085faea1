/** Selects TF.js's cpu backend and registers the fast kernels — the one set-up call before training. */
import { ready, setBackend } from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { registerFastKernels, type FastKernelOptions } from './kernels/register.js';
import { registerNormalizationLayer } from './autokeras/normalization.js';
import { registerSeededDropoutLayer } from './autokeras/seeded_dropout.js';

export async function setupTraining(options: FastKernelOptions & { fastKernels?: boolean } = {}): Promise<void> {
  await setBackend('cpu');
  await ready();
  registerNormalizationLayer();
  registerSeededDropoutLayer();
  if (options.fastKernels ?? true) registerFastKernels(options);
}
