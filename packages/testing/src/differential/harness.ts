/**
 * Runs differential cases: each model goes through LiteRT.js (the oracle) and through our Interpreter,
 * and every output must agree within the corpus tolerance. When LiteRT.js refuses a configuration, the
 * case is skipped with its reason; when our runtime lacks a kernel, the case fails naming it.
 */
import assert from 'node:assert/strict';
import { before, describe, it, type TestContext } from 'node:test';
import { Interpreter } from '@tflite-lambda/runtime';
import { compareTensors, toleranceFor } from '../litert/compare.js';
import type { HostTensor } from '../litert/host_tensor.js';
import { LiteRtOracle, LiteRtOracleError } from '../litert/oracle.js';
import type { DiffCase, DiffFamily } from './case_builder.js';

/** Our Interpreter's outputs for the case, or an Error whose message says what failed. */
function runOurs(c: DiffCase): HostTensor[] {
  let interpreter: Interpreter;
  try {
    interpreter = Interpreter.loadSync(c.model);
    interpreter.allocateTensors();
  } catch (error) {
    throw new Error(`our runtime cannot load ${c.name}: ${String(error)}`, { cause: error });
  }
  interpreter.getInputDetails().forEach((d, k) => interpreter.setTensor(d.index, c.inputs[k].data));
  interpreter.invoke();
  return interpreter.getOutputDetails().map((d) => ({ dtype: d.dtype, shape: d.shape, data: interpreter.getTensor(d.index) }));
}

/** Mismatch reports for every output outside its tolerance (empty when all agree). */
export function diffOutputs(c: DiffCase, ours: HostTensor[], reference: HostTensor[]): string[] {
  if (ours.length !== reference.length) return [`${ours.length} outputs, LiteRT gave ${reference.length}`];
  return reference.flatMap((ref, k) => {
    const tol = c.tolerance?.[k] ?? toleranceFor(ref.dtype);
    const m = compareTensors(ours[k], ref, tol, `output ${k}`);
    return m ? [m.report] : [];
  });
}

async function runCase(t: TestContext, oracle: LiteRtOracle, c: DiffCase): Promise<void> {
  let reference: HostTensor[];
  try {
    reference = await oracle.run(c.model, c.inputs);
  } catch (error) {
    if (error instanceof LiteRtOracleError && error.isRefusal) {
      t.skip(`LiteRT.js gives no reference: ${error.message.split('\n')[0]}`);
      return;
    }
    throw error;
  }
  const problems = diffOutputs(c, runOurs(c), reference);
  assert.deepEqual(problems, [], `${c.name}:\n  ${problems.join('\n  ')}`);
}

/** Defines one describe block per family and one test per case. */
export function defineDifferentialTests(title: string, families: readonly DiffFamily[], seed: number): void {
  describe(title, () => {
    let oracle: LiteRtOracle;
    before(async () => {
      oracle = await LiteRtOracle.create();
    });
    for (const family of families) {
      describe(family.name, () => {
        for (const c of family.cases(seed)) it(c.name, { todo: c.todo }, (t) => runCase(t, oracle, c));
      });
    }
  });
}
