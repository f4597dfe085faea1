import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import type { LambdaHttpEvent, LambdaHttpHandler } from '@tflite-lambda/serving';
import { exampleDir } from './paths.js';

const event = (name: string) => JSON.parse(readFileSync(join(exampleDir, 'events', name), 'utf8')) as LambdaHttpEvent;

describe('object-detection example handler', () => {
  let handler: LambdaHttpHandler;
  before(async () => {
    process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
    process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
    ({ handler } = await import('./handler.js'));
  });

  it('finds the two children and the laptop in the REST event, above the 0.5 default threshold', async () => {
    const result = await handler(event('rest-v1-detect.json'));
    assert.equal(result.statusCode, 200, String(result.body));
    const { detections } = JSON.parse(String(result.body)) as { detections: { categories: { categoryName: string; score: number }[] }[] };
    const names = detections.map((d) => d.categories[0].categoryName);
    assert.ok(names.filter((n) => n === 'person').length >= 2, names.join(', '));
    assert.ok(names.includes('laptop'), names.join(', '));
    assert.ok(detections.every((d) => d.categories[0].score >= 0.5));
  });

  it('lists its model, task and routes for the HTTP API event', async () => {
    const result = await handler(event('http-api-v2-models.json'));
    assert.equal(result.statusCode, 200);
    const { models } = JSON.parse(String(result.body)) as { models: { name: string; task: string; routes: string[]; description: string }[] };
    assert.deepEqual(models.map((m) => [m.name, m.task]), [['ssd', 'detect']]);
    assert.ok(models[0].routes.includes('POST /models/ssd/detect'));
    assert.match(models[0].description, /^COCO SSD MobileNet v1/);
  });
});
