import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BuiltinOp, Interpreter, TfliteError } from '../index.js';
import { skipWithoutShared, smallCorpusModels } from '@tflite-lambda/testing';
import { singleOpModel } from './builder/index.js';
import { runFuzz } from '@tflite-lambda/testing';

/**
 * Mutated corpus models through the whole load path: Interpreter.loadSync (reader, kernel resolution) and
 * allocateTensors (kernel prepare, memory planning). Each must work or throw a TfliteError.
 */

test('mutated corpus models load and allocate, or throw a TfliteError', { skip: skipWithoutShared() }, () => {
  const failures: string[] = [];
  let total = 0;
  for (const [i, { name, bytes }] of smallCorpusModels().entries()) {
    const r = runFuzz(
      bytes,
      { cases: 120, seed: 0x1a7e + i, label: name },
      (b) => Interpreter.loadSync(b).allocateTensors(),
      (e) => e instanceof TfliteError,
    );
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
