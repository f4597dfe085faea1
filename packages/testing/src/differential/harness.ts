/**
 * Runs differential cases: each model goes through a reference engine (LiteRT.js by default, or tfjs-tflite
 * for what LiteRT.js cannot run) and through our Interpreter, and every output of every invoke must agree
 * within the corpus tolerance. When the engine refuses a configuration, the case is skipped with its reason;
 * when our runtime lacks a kernel, the case fails naming it.
 */
import assert from 'node:assert/strict';
import { before, describe, it, type TestContext } from 'node:test';
import { builtinOpResolver, Interpreter } from '@tflite-lambda/runtime';
import { compareTensors, toleranceFor } from '../litert/compare.js';
import { numericValue, type HostTensor } from '../litert/host_tensor.js';
import type { DiffCase, DiffFamily } from './case_builder.js';
import { createOracle, isOracleRefusal, type OracleName, type ReferenceOracle } from './oracles.js';

/** The inputs of each invoke of a case: its inputs, `invokes` times (1 unless the case says). */
function stepsOf(c: DiffCase): HostTensor[][] {
  return Array.from({ length: c.invokes ?? 1 }, () => [...c.inputs]);
}

/** Our Interpreter's outputs for each invoke of the case (one loaded model, state carried over). */
export function runOurs(c: DiffCase): HostTensor[][] {
  let interpreter: Interpreter;
  try {
    const resolver = c.simd === false ? builtinOpResolver({ simd: false }) : undefined;
    interpreter = Interpreter.loadSync(c.model, resolver ? { resolver } : {});
    interpreter.allocateTensors();
  } catch (error) {
    throw new Error(`our runtime cannot load ${c.name}: ${String(error)}`, { cause: error });
  }
  return stepsOf(c).map((inputs) => {
    interpreter.getInputDetails().forEach((d, k) => { interpreter.setTensor(d.index, inputs[k].data); });
    interpreter.invoke();
    return interpreter.getOutputDetails().map((d) => ({ dtype: d.dtype, shape: d.shape, data: numericValue(interpreter.getTensor(d.index), `output '${d.name}'`) }));
  });
}

/** Mismatch reports for every output outside its tolerance (empty when all agree). */
export function diffOutputs(c: DiffCase, ours: HostTensor[], reference: HostTensor[], label = 'output'): string[] {
  if (ours.length !== reference.length) return [`${ours.length} outputs, the reference gave ${reference.length}`];
  return reference.flatMap((ref, k) => {
    const tol = c.tolerance?.[k] ?? toleranceFor(ref.dtype);
    const m = compareTensors(ours[k], ref, tol, `${label} ${k}`);
    return m ? [m.report] : [];
  });
}

/** diffOutputs for every invoke of a case; reports name the invoke when there are several. */
export function diffInvokes(c: DiffCase, ours: HostTensor[][], reference: HostTensor[][]): string[] {
  const several = reference.length > 1;
  return reference.flatMap((ref, s) => diffOutputs(c, ours[s], ref, several ? `invoke ${s} output` : 'output'));
}

async function runCase(t: TestContext, oracle: ReferenceOracle, c: DiffCase): Promise<void> {
  let reference: HostTensor[][];
  try {
    reference = await oracle.runSequence(c.model, stepsOf(c));
  } catch (error) {
    if (isOracleRefusal(error)) {
      t.skip(`${oracle.name} gives no reference: ${error.message.split('\n')[0]}`);
      return;
    }
    throw error;
  }
  const problems = diffInvokes(c, runOurs(c), reference);
  assert.deepEqual(problems, [], `${c.name}:\n  ${problems.join('\n  ')}`);
}

export interface DifferentialOptions {
  /** The reference engine; LiteRT.js unless the ops need what only tfjs-tflite runs (variable tensors). */
  readonly oracle?: OracleName;
}

/** Defines one describe block per family and one test per case. */
export function defineDifferentialTests(title: string, families: readonly DiffFamily[], seed: number, options: DifferentialOptions = {}): void {
  describe(title, () => {
    let oracle: ReferenceOracle;
    before(async () => {
      oracle = await createOracle(options.oracle ?? 'litert');
    });
    for (const family of families) {
      describe(family.name, () => {
        for (const c of family.cases(seed)) it(c.name, { todo: c.todo }, (t) => runCase(t, oracle, c));
      });
    }
  });
}
