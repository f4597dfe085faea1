/**
 * RANDOM_UNIFORM, RANDOM_STANDARD_NORMAL and MULTINOMIAL against LiteRT.js over several invokes of one
 * loaded model: the same seeds must give TFLite's Philox stream, value for value, and the generator must
 * keep running from one invoke to the next.
 */
import assert from 'node:assert/strict';
import { before, describe, it, type TestContext } from 'node:test';
import { Interpreter } from '@tflite-lambda/runtime';
import { BuiltinOp } from '@tflite-lambda/runtime/internal';
import { numericValue, type HostTensor } from '../litert/host_tensor.js';
import { LiteRtOracle, LiteRtOracleError } from '../litert/oracle.js';
import { CaseBuilder, type DiffCase } from './case_builder.js';
import { diffOutputs } from './harness.js';
import { i32, normalFloats } from './random_data.js';
import { Rng } from './rng.js';

const INVOKES = 3;

/** The random op's output plus an input-dependent output, so the model has an input to feed. */
function randomCase(op: 'RANDOM_UNIFORM' | 'RANDOM_STANDARD_NORMAL', shape: number[], seed: bigint, seed2: bigint): DiffCase {
  const b = new CaseBuilder();
  const x = b.input({ dtype: 'float32', shape: [2] }, Float32Array.of(1, 2));
  const dims = b.constant({ dtype: 'int32', shape: [shape.length] }, i32(shape));
  b.op(BuiltinOp[op], [dims], [b.output({ dtype: 'float32', shape })], { kind: 'RandomOptions', seed, seed2 });
  b.op(BuiltinOp.NEG, [x], [b.output({ dtype: 'float32', shape: [2] })]);
  return b.build(`${op} [${shape}] seeds (${seed}, ${seed2})`);
}

/** Constant logits: with run-time logits TFLite makes the output dynamic, which LiteRT.js cannot return. */
function multinomialCase(rng: Rng, batch: number, classes: number, samples: number, seed: bigint, seed2: bigint, dtype: 'int32' | 'int64'): DiffCase {
  const b = new CaseBuilder();
  const x = b.input({ dtype: 'float32', shape: [2] }, Float32Array.of(1, 2));
  const logits = b.constant({ dtype: 'float32', shape: [batch, classes] }, normalFloats(rng, [batch, classes]));
  const count = b.constant({ dtype: 'int32', shape: [] }, i32([samples]));
  b.op(BuiltinOp.MULTINOMIAL, [logits, count], [b.output({ dtype, shape: [batch, samples] })], { kind: 'RandomOptions', seed, seed2 });
  b.op(BuiltinOp.NEG, [x], [b.output({ dtype: 'float32', shape: [2] })]);
  return b.build(`MULTINOMIAL ${batch}×${classes} logits, ${samples} ${dtype} samples, seeds (${seed}, ${seed2})`);
}

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

describe('random ops follow TFLite\'s seeded Philox stream across invokes (LiteRT.js)', () => {
  let oracle: LiteRtOracle;
  before(async () => {
    oracle = await LiteRtOracle.create();
  });
  const rng = new Rng(811);
  const cases = [
    randomCase('RANDOM_UNIFORM', [3, 5], 42n, 7n),
    // TFLite keeps seeds in 32-bit ints: these are cut to their low words and sign-extended.
    randomCase('RANDOM_UNIFORM', [7], -1n, 123456789012n),
    randomCase('RANDOM_STANDARD_NORMAL', [4, 4], 1n, 2n),
    randomCase('RANDOM_STANDARD_NORMAL', [3, 3], 99n, 0n),
    multinomialCase(rng, 2, 5, 6, 3n, 4n, 'int64'),
    multinomialCase(rng, 3, 4, 5, 11n, 0n, 'int32'),
  ];
  for (const c of cases) it(c.name, (t) => check(t, oracle, c));
});
