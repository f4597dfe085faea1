import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import type { LambdaHttpEvent, LambdaHttpHandler, LambdaHttpResult } from '@tflite-lambda/serving';
import { exampleDir, skipWithoutModel } from './paths.js';

/** The digit each example event carries (see scripts/make_fixtures.ts). */
const EVENT_DIGITS: Record<string, number> = {
  'rest-v1.json': 7,
  'http-api-v2.json': 2,
  'function-url.json': 1,
  'alb.json': 0,
  'alb-multi-value.json': 4,
};

const skip = skipWithoutModel();

function answer(result: LambdaHttpResult): { value: number; score: number; top?: { value: number }[] } {
  assert.equal(result.statusCode, 200, String(result.body));
  return JSON.parse(String(result.body)) as { value: number; score: number; top?: { value: number }[] };
}

function restEvent(png: Buffer): LambdaHttpEvent {
  const event = JSON.parse(readFileSync(join(exampleDir, 'events', 'rest-v1.json'), 'utf8')) as LambdaHttpEvent & { body: string };
  return { ...event, body: png.toString('base64') };
}

describe('MNIST example handler', { skip }, () => {
  let handler: LambdaHttpHandler;
  before(async () => {
    process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
    process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
    ({ handler } = await import('./handler.js'));
  });

  it('answers every example event (REST v1, HTTP API 2.0, Function URL, ALB) with its digit', async () => {
    const files = readdirSync(join(exampleDir, 'events')).filter((f) => f.endsWith('.json')).sort();
    assert.deepEqual(files, Object.keys(EVENT_DIGITS).sort());
    for (const file of files) {
      const event = JSON.parse(readFileSync(join(exampleDir, 'events', file), 'utf8')) as LambdaHttpEvent;
      assert.equal(answer(await handler(event)).value, EVENT_DIGITS[file], file);
    }
  });

  for (const variant of ['', '-inverted', '-photo']) {
    it(`classifies the ten test images${variant ? ` (${variant.slice(1)})` : ''} as their digits`, async () => {
      for (let digit = 0; digit < 10; digit++) {
        const png = readFileSync(join(exampleDir, 'test_images', `${digit}${variant}.png`));
        const { value, score } = answer(await handler(restEvent(png)));
        assert.equal(value, digit, `${digit}${variant}.png`);
        if (variant !== '-photo') assert.ok(score > 0.5, `${digit}${variant}.png score ${score}`);
      }
    });
  }
});
