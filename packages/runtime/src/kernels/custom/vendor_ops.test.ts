import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { UnsupportedError } from '../../core/errors.js';
import { BuiltinOp } from '../../core/ops.js';
import { Interpreter } from '../../interpreter/interpreter.js';
import { ModelBuilder } from '../../schema/builder/index.js';
import { sharedDir, skipWithoutShared } from '@tflite-lambda/testing';

const refusal = (e: unknown) => e instanceof UnsupportedError && /Ethos-U NPU/.test(e.message);

test('an ethos-u custom operator is refused at load, naming the accelerator', () => {
  const m = new ModelBuilder();
  const stream = m.addTensor({ dtype: 'uint8', shape: [4], data: new Uint8Array([1, 2, 3, 4]) });
  const x = m.addInput({ dtype: 'int8', shape: [4] });
  const y = m.addOutput({ dtype: 'int8', shape: [4] });
  m.addOperator({ opcode: BuiltinOp.CUSTOM, customCode: 'ethos-u', inputs: [stream, x], outputs: [y] });
  assert.throws(() => Interpreter.loadSync(m.build()), refusal);
});

test('person_detect_vela (a Vela-compiled model) is refused with the Ethos-U reason', { skip: skipWithoutShared() }, async () => {
  await assert.rejects(Interpreter.load(join(sharedDir()!, 'wild', 'person_detect_vela', 'model.tflite')), refusal);
});
