import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { listRegressions, regressionDir } from '@tflite-lambda/testing';
import { InternalError, TfliteError } from '../core/errors.js';
import { Interpreter } from '../interpreter/interpreter.js';

/** How each reproducer must end: "runs", or the name of the TfliteError class that refuses it. */
const expected = JSON.parse(readFileSync(join(regressionDir('models'), 'expected.json'), 'utf8')) as Record<string, string>;

function outcome(bytes: Uint8Array): string {
  try {
    const it = Interpreter.loadSync(bytes);
    it.allocateTensors();
    it.invoke();
    it.dispose();
    return 'runs';
  } catch (e) {
    assert.ok(e instanceof TfliteError && !(e instanceof InternalError), String(e));
    return e.name;
  }
}

/** Every model reproducer (packages/testing/fixtures/regressions/models) ends as expected.json says. */
for (const { name, bytes } of listRegressions('models', '.tflite')) {
  test(`regression ${name}: ${expected[name] ?? 'runs or is refused with a TfliteError that is not an InternalError'}`, () => {
    const got = outcome(bytes);
    if (expected[name] !== undefined) assert.equal(got, expected[name]);
  });
}

test('the regression folder holds the model reproducers listed in expected.json', () => {
  const files = listRegressions('models', '.tflite').map((r) => r.name);
  assert.deepEqual([...files].sort(), Object.keys(expected).sort());
});
