/**
 * The example app's Lambda handler: an MNIST digit classifier behind API Gateway, HTTP API, Function URL or
 * ALB. This file is the edge, so it is the one place that reads the environment. The model loads here, at
 * module init (top-level await), so it happens once per container, in Lambda's init phase, not per request.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHandler } from '@tflite-lambda/serving';

/**
 * In the deployed zip the model sits beside index.mjs; in this repository the handler lives in src/ (or
 * dist/ once built) and the model one level up.
 */
function defaultModelPath(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const beside = join(here, 'model.tflite');
  return existsSync(beside) ? beside : join(here, '..', 'model.tflite');
}

function positiveIntEnv(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, got '${raw}'`);
  return n;
}

export const handler = await createHandler({
  model: process.env.MODEL_PATH || defaultModelPath(),
  maxBodyBytes: positiveIntEnv('MAX_BODY_BYTES'),
  maxPixels: positiveIntEnv('MAX_PIXELS'),
  imageLimits: { maxDecodedBytes: positiveIntEnv('MAX_DECODED_BYTES') },
  serviceName: process.env.POWERTOOLS_SERVICE_NAME || 'mnist',
});
