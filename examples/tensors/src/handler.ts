/**
 * The generic tensor example's Lambda handler: every model in a folder (MODEL_DIR), served by name — each with
 * its task route (from its metadata or its sidecar .json) and as raw tensors through the Open Inference
 * Protocol (/v2/models/{name}/infer) and TensorFlow Serving's REST API (/v1/models/{name}:predict), so
 * existing KServe, Triton and TF Serving clients work unchanged. This file is the edge: the one place that
 * reads the environment.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHandler } from '@tflite-lambda/serving';

/** In the deployed zip the folder sits beside index.mjs; in this repository one level above src/ or dist/. */
function defaultModelDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const beside = join(here, 'models');
  return existsSync(beside) ? beside : join(here, '..', 'models');
}

export const handler = await createHandler({
  modelDir: process.env.MODEL_DIR || defaultModelDir(),
  page: false,
  serviceName: process.env.POWERTOOLS_SERVICE_NAME || 'tensors',
});
