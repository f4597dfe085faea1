/**
 * The differential harness must catch a wrong kernel: the reference of one model compared with our
 * outputs of a slightly different model has to produce a mismatch report.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { BuiltinOp } from '@tflite-lambda/runtime/internal';
import type { HostTensor } from '../litert/host_tensor.js';
import { LiteRtOracle } from '../litert/oracle.js';
import { CaseBuilder, type DiffCase } from './case_builder.js';
import { diffInvokes, diffOutputs, runOurs } from './harness.js';
import { createOracle } from './oracles.js';
import { arithmeticOptions } from './options.js';
import { normalFloats } from './random_data.js';
import { Rng } from './rng.js';

function addOrSub(op: 'ADD' | 'SUB', seed: number): DiffCase {
  const rng = new Rng(seed);
  const b = new CaseBuilder();
  const x = b.input({ dtype: 'float32', shape: [2, 3] }, normalFloats(rng, [2, 3]));
  const y = b.input({ dtype: 'float32', shape: [2, 3] }, normalFloats(rng, [2, 3]));
  const out = b.output({ dtype: 'float32', shape: [2, 3] });
  b.op(BuiltinOp[op], [x, y], [out], arithmeticOptions(op === 'ADD' ? 'AddOptions' : 'SubOptions'));
  return b.build(op);
}

/** Our outputs of the case's one invoke. */
const ours = (c: DiffCase): HostTensor[] => runOurs(c)[0];

describe('differential harness', () => {
  let oracle: LiteRtOracle;
  before(async () => {
    oracle = await LiteRtOracle.create();
  });

  it('agrees when both sides run the same model', async () => {
    const add = addOrSub('ADD', 7);
    assert.deepEqual(diffOutputs(add, ours(add), await oracle.run(add.model, add.inputs)), []);
  });

  it('reports a mismatch when our kernel computes something else', async () => {
    const add = addOrSub('ADD', 7);
    const sub = addOrSub('SUB', 7);
    const problems = diffOutputs(add, ours(sub), await oracle.run(add.model, add.inputs));
    assert.equal(problems.length, 1);
    assert.match(problems[0], /^output 0: ours float32\[2,3\], reference float32\[2,3\]: \d of 6 elements outside/);
  });

  it('uses the tolerance a case sets for an output', async () => {
    const add = addOrSub('ADD', 7);
    const sub = addOrSub('SUB', 7);
    const loose: DiffCase = { ...add, tolerance: [{ abs: 100, rel: 0 }] };
    assert.deepEqual(diffOutputs(loose, ours(sub), await oracle.run(add.model, add.inputs)), []);
  });

  it('runs the same cases on tfjs-tflite, invoke by invoke', async () => {
    const reference = await createOracle('tfjs-tflite');
    const add: DiffCase = { ...addOrSub('ADD', 7), invokes: 2 };
    const sub = addOrSub('SUB', 7);
    const refs = await reference.runSequence(add.model, [add.inputs, add.inputs]);
    assert.equal(refs.length, 2);
    assert.deepEqual(diffInvokes(add, runOurs(add), refs), []);
    assert.match(diffInvokes(add, [ours(add), ours(sub)], refs).join('\n'), /^invoke 1 output 0: /);
  });
});
