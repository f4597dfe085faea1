import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkHttpBody, describeFailures, fuzzApp, httpFuzzTarget, loadReproducers, runCases } from '@tflite-lambda/testing/fuzz';

/**
 * The bounded HTTP fuzz suite: request bodies in every shape the API takes (raw, JSON base64, data URLs,
 * multipart, form-encoded) mutated at the envelope or inside the image, answered by the real HTTP core and
 * classifier. Long runs: `npm run fuzz -- --target http`.
 */
const SEED = 0x4774;
const CASES = 3000;

test(`${CASES} mutated request bodies each get a 200 or a 4xx with a known code and a message of ours, never a 500`, () => {
  const report = runCases(httpFuzzTarget(), SEED, 0, CASES);
  assert.equal(report.failures.length, 0, describeFailures(report, SEED));
});

test('every stored HTTP reproducer now gets a 200 or a 4xx of ours', () => {
  const app = fuzzApp();
  const cases = loadReproducers('http');
  assert.ok(cases.length > 0, 'the regression folder holds reproducers');
  for (const c of cases) assert.equal(checkHttpBody(app, { contentType: c.contentType ?? '', body: c.bytes }), null, c.file);
});
