import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import type { LambdaHttpEvent, LambdaHttpHandler, LambdaHttpResult } from '@tflite-lambda/serving';
import { exampleDir } from './paths.js';

const event = (name: string) => JSON.parse(readFileSync(join(exampleDir, 'events', name), 'utf8')) as LambdaHttpEvent;
const body = (r: LambdaHttpResult) => JSON.parse(String(r.body)) as Record<string, unknown>;

describe('tensor example handler (models/: sentiment, mobilenet)', () => {
  let handler: LambdaHttpHandler;
  before(async () => {
    process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
    process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
    ({ handler } = await import('./handler.js'));
  });

  it('lists both models on GET /v2/models', async () => {
    const res = await handler(event('v2-models.json'));
    assert.deepEqual((body(res).models as { name: string; task: string }[]).map((m) => [m.name, m.task]), [['mobilenet', 'classify'], ['sentiment', 'text']]);
  });

  it('answers the Open Inference Protocol request with the probabilities the task route reports', async () => {
    const raw = body(await handler(event('v2-infer-sentiment.json')));
    assert.equal(raw.id, 'review-1');
    const [out] = raw.outputs as { name: string; datatype: string; shape: number[]; data: number[] }[];
    assert.deepEqual([out.datatype, out.shape], ['FP32', [1, 2]]);
    const task = body(await handler(event('classify-text.json')));
    const categories = (task.classifications as { categories: { index: number; score: number; categoryName: string }[] }[])[0].categories;
    assert.equal(categories[0].categoryName, 'Positive');
    for (const c of categories) assert.equal(c.score, out.data[c.index]);
  });

  it('answers TensorFlow Serving predict with the same values, by instance', async () => {
    const predicted = body(await handler(event('v1-predict-sentiment.json'))).predictions as number[][];
    const raw = body(await handler(event('v2-infer-sentiment.json')));
    assert.deepEqual(predicted[0], (raw.outputs as { data: number[] }[])[0].data);
  });

  it('classifies the peacock with the MobileNet (centre crop from its sidecar, 5 results)', async () => {
    const res = await handler(event('classify-image.json'));
    const categories = (body(res).classifications as { categories: { categoryName: string }[] }[])[0].categories;
    assert.equal(categories.length, 5);
    assert.equal(categories[0].categoryName, 'peacock');
  });
});
