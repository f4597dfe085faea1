import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { BuiltinOp, InternalError, Interpreter, TfliteError } from '../index.js';
import { loadAndRunBounded, runFuzz, sharedDir, skipWithoutShared } from '@tflite-lambda/testing';
import { singleOpModel } from './builder/index.js';

/**
 * Mutated corpus models through the whole path: Interpreter.loadSync (reader, kernel resolution, data-flow
 * checks), allocateTensors (kernel prepare, memory planning) and one invoke on zeros. Each must work or throw a
 * TfliteError that is not an InternalError (which would be a bug of ours, not a verdict on the model).
 */

/** The corpus models small enough to mutate by the hundred (both corpora), that load as published. */
function smallCorpus(maxBytes: number): { name: string; bytes: Uint8Array }[] {
  const dir = sharedDir();
  if (dir === null) return [];
  const models: { name: string; bytes: Uint8Array }[] = [];
  for (const corpus of ['conformance', 'wild']) {
    const root = join(dir, corpus);
    for (const e of readdirSync(root, { withFileTypes: true })) {
      const file = join(root, e.name, 'model.tflite');
      if (!e.isDirectory() || !existsSync(file) || statSync(file).size > maxBytes) continue;
      const bytes = new Uint8Array(readFileSync(file));
      if (loadsAsPublished(bytes)) models.push({ name: `${corpus}/${e.name}`, bytes });
    }
  }
  return models.sort((a, b) => a.name.localeCompare(b.name));
}

function loadsAsPublished(bytes: Uint8Array): boolean {
  try {
    Interpreter.loadSync(bytes).allocateTensors();
    return true;
  } catch {
    return false;
  }
}

const expectedRefusal = (e: unknown): boolean => e instanceof TfliteError && !(e instanceof InternalError);

test('mutated corpus models load, allocate and run, or throw a TfliteError that is not an InternalError', { skip: skipWithoutShared() }, () => {
  const failures: string[] = [];
  let total = 0;
  for (const [i, { name, bytes }] of smallCorpus(200_000).entries()) {
    const r = runFuzz(bytes, { cases: 40, seed: 0x1a7e + i, label: name }, loadAndRunBounded, expectedRefusal);
    failures.push(...r.failures);
    total += r.cases;
  }
  assert.ok(total >= 2000);
  assert.deepEqual(failures, []);
});

/** Found by this fuzzer (seanet_pad0, a 32-bit overwrite of a shape dimension): a 3 GB activation. */
test(
  'an activation too large to allocate fails with a TfliteError',
  () => {
    const shape = [1, 2, 385548506, 2];
    const model = singleOpModel({
      opcode: BuiltinOp.RELU,
      inputs: [{ dtype: 'float32', shape }],
      outputs: [{ dtype: 'float32', shape }],
    });
    assert.throws(() => Interpreter.loadSync(model).allocateTensors(), TfliteError);
  },
);
