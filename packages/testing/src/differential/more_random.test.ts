/**
 * RANDOM_UNIFORM, RANDOM_STANDARD_NORMAL and MULTINOMIAL against LiteRT.js over several invokes of one
 * loaded model: the same seeds must give TFLite's Philox stream, value for value, and the generator must
 * keep running from one invoke to the next.
 */
import assert from 'node:assert/strict';
import { before, describe, it, type TestContext } from 'node:test';
import type { HostTensor } from '../litert/host_tensor.js';
import type { DiffCase } from './case_builder.js';
import { diffInvokes, runOurs } from './harness.js';
import { createOracle, isOracleRefusal, type ReferenceOracle } from './oracles.js';
import { RANDOM_SUITE } from './suites.js';

async function check(t: TestContext, oracle: ReferenceOracle, c: DiffCase): Promise<void> {
  let reference: HostTensor[][];
  try {
    reference = await oracle.runSequence(c.model, Array.from({ length: c.invokes ?? 1 }, () => c.inputs));
  } catch (error) {
    if (isOracleRefusal(error)) return void t.skip(`LiteRT.js gives no reference: ${error.message.split('\n')[0]}`);
    throw error;
  }
  const problems = diffInvokes(c, runOurs(c), reference);
  assert.deepEqual(problems, [], `${c.name}:\n  ${problems.join('\n  ')}`);
  assert.notDeepEqual([...reference[0]![0]!.data], [...reference[1]![0]!.data], 'successive invokes draw new values');
}

describe(RANDOM_SUITE.title, () => {
  let oracle: ReferenceOracle;
  before(async () => {
    oracle = await createOracle('litert');
  });
  const cases = RANDOM_SUITE.families.flatMap((f) => f.cases(RANDOM_SUITE.seed));
  for (const c of cases) it(c.name, (t) => check(t, oracle, c));
});
