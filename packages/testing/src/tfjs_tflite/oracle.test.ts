/**
 * The tfjs-tflite oracle must reproduce the wild corpus's tfjs-tflite references byte for byte: they come from
 * the same package version, each case on a freshly loaded model.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BuiltinOp } from '@tflite-lambda/runtime/internal';
import { ModelBuilder } from '@tflite-lambda/runtime/builder';
import { corpusDir, readCorpusModel } from '../corpus/conformance_corpus.js';
import { skipWithoutShared } from '../paths.js';
import { bytesOf } from '../litert/host_tensor.js';
import { TfjsTfliteOracle, TfjsTfliteOracleError } from './oracle.js';

const skip = skipWithoutShared();

/** The wild models whose reference engine is tfjs-tflite (wild/index.json). */
function tfjsTfliteModels(): string[] {
  const dir = corpusDir('wild');
  if (dir === null) return [];
  const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as { models: { name: string; reference: string }[] };
  return index.models.filter((m) => m.reference === 'tfjs-tflite').map((m) => m.name);
}

function addModel(): Uint8Array {
  const b = new ModelBuilder();
  const x = b.addInput({ name: 'x', dtype: 'float32', shape: [3] });
  const y = b.addOutput({ name: 'y', dtype: 'float32', shape: [3] });
  b.addOperator({ opcode: BuiltinOp.ADD, inputs: [x, x], outputs: [y] });
  return b.build();
}

describe('TfjsTfliteOracle', () => {
  let oracle: TfjsTfliteOracle;
  before(async () => {
    oracle = await TfjsTfliteOracle.create();
  });

  it('is one shared instance per process, on the single-threaded SIMD build', async () => {
    assert.equal(await TfjsTfliteOracle.create(), oracle);
    assert.equal(oracle.description, 'tfjs-tflite 0.0.1-alpha.10 (tflite_web_api_cc_simd.js)');
  });

  it('runs a model built with our ModelBuilder', async () => {
    const [y] = await oracle.run(addModel(), [{ dtype: 'float32', shape: [3], data: new Float32Array([1, 2.5, -4]) }]);
    assert.deepEqual({ dtype: y.dtype, shape: y.shape, data: Array.from(y.data as Float32Array) }, { dtype: 'float32', shape: [3], data: [2, 5, -8] });
  });

  it('refuses a model it cannot create, as a refusal', async () => {
    await assert.rejects(oracle.run(new Uint8Array(64), []), (e: unknown) => e instanceof TfjsTfliteOracleError && e.isRefusal);
  });

  it('rejects inputs of the wrong shape before running', async () => {
    await assert.rejects(oracle.run(addModel(), [{ dtype: 'float32', shape: [2], data: new Float32Array(2) }]), /expects float32\[3\]/);
  });

  describe('reproduces the wild corpus references byte for byte', { skip }, () => {
    for (const name of tfjsTfliteModels()) {
      it(name, async () => {
        const model = readCorpusModel(name, 'wild');
        for (const [i, c] of model.cases.entries()) {
          const outputs = await oracle.run(model.bytes, c.inputs);
          assert.equal(outputs.length, c.outputs.length);
          outputs.forEach((o, k) => {
            assert.equal(o.dtype, c.outputs[k].dtype, `case ${i} output ${k} dtype`);
            assert.deepEqual(o.shape, c.outputs[k].shape, `case ${i} output ${k} shape`);
            assert.ok(Buffer.from(bytesOf(o.data)).equals(bytesOf(c.outputs[k].data)), `case ${i} output ${k} bytes`);
          });
        }
      });
    }
  });

  it('carries variable-tensor state from one invoke to the next in a sequence', { skip }, async () => {
    const model = readCorpusModel('trained_lstm', 'wild');
    const input = model.cases[0].inputs;
    const [first, second] = await oracle.runSequence(model.bytes, [input, input]);
    assert.ok(Buffer.from(bytesOf(first[0].data)).equals(bytesOf(model.cases[0].outputs[0].data)));
    assert.ok(!Buffer.from(bytesOf(first[0].data)).equals(bytesOf(second[0].data)), 'the second invoke starts from the first one\'s state');
  });
});
