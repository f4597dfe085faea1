/**
 * The object-detection example's Lambda handler: COCO SSD MobileNet behind API Gateway, HTTP API, a Function
 * URL or ALB. POST an image to /detect (or /models/ssd/detect) and get MediaPipe-shaped detections: boxes in
 * the image's pixels, labels and scores. The model carries its labels and box layout as TFLite metadata, so
 * no options are needed. This file is the edge: the one place that reads the environment.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHandler } from '@tflite-lambda/serving';

/** In the deployed zip the model sits beside index.mjs; in this repository one level above src/ or dist/. */
function defaultModelPath(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const beside = join(here, 'model.tflite');
  return existsSync(beside) ? beside : join(here, '..', 'model.tflite');
}

function numberEnv(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n)) throw new Error(`${name} must be a number, got '${raw}'`);
  return n;
}

export const handler = await createHandler({
  model: process.env.MODEL_PATH || defaultModelPath(),
  name: 'ssd',
  taskOptions: { scoreThreshold: numberEnv('SCORE_THRESHOLD') ?? 0.5, maxResults: numberEnv('MAX_RESULTS') },
  maxPixels: numberEnv('MAX_PIXELS'),
  page: false,
  serviceName: process.env.POWERTOOLS_SERVICE_NAME || 'detect',
});
