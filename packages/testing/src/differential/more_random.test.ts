/**
 * RANDOM_UNIFORM, RANDOM_STANDARD_NORMAL and MULTINOMIAL against LiteRT.js over several invokes of one
 * loaded model: the same seeds must give TFLite's Philox stream, value for value, and the generator must
 * keep running from one invoke to the next.
 */
import assert from 'node:assert/strict';
import { before, describe, it, type TestContext } from 'node:test';
import { Interpreter } from '@tflite-lambda/runtime';
import { numericValue, type HostTensor } from '../litert/host_tensor.js';
import { LiteRtOracle, LiteRtOracleError } from '../litert/oracle.js';
import type { DiffCase } from './case_builder.js';
import { diffOutputs } from './harness.js';
import { RANDOM_SUITE } from './suites.js';

const INVOKES = 3;

function runOurs(c: DiffCase): HostTensor[][] {
  const it = Interpreter.loadSync(c.model);
  it.allocateTensors();
  return Array.from({ length: INVOKES }, () => {
    it.getInputDetails().forEach((d, k) => it.setTensor(d.index, c.inputs[k]!.data));
    it.invoke();
    return it.getOutputDetails().map((d) => ({ dtype: d.dtype, shape: d.shape, data: numericValue(it.getTensor(d.index)) }));
  });
}

async function check(t: TestContext, oracle: LiteRtOracle, c: DiffCase): Promise<void> {
  let reference: HostTensor[][];
  try {
    reference = await oracle.runInvokes(c.model, c.inputs, INVOKES);
  } catch (error) {
    if (error instanceof LiteRtOracleError && error.isRefusal) return void t.skip(`LiteRT.js gives no reference: ${error.message.split('\n')[0]}`);
    throw error;
  }
  const ours = runOurs(c);
  const problems = reference.flatMap((ref, k) => diffOutputs(c, ours[k]!, ref).map((p) => `invoke ${k}: ${p}`));
  assert.deepEqual(problems, [], `${c.name}:\n  ${problems.join('\n  ')}`);
  assert.notDeepEqual([...reference[0]![0]!.data], [...reference[1]![0]!.data], 'successive invokes draw new values');
}

describe(RANDOM_SUITE.title, () => {
  let oracle: LiteRtOracle;
  before(async () => {
    oracle = await LiteRtOracle.create();
  });
  const cases = RANDOM_SUITE.families.flatMap((f) => f.cases(RANDOM_SUITE.seed));
  for (const c of cases) it(c.name, (t) => check(t, oracle, c));
});
