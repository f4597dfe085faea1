/**
 * The wild corpus (../shared/wild: published models, references from LiteRT.js or tfjs-tflite) run through
 * our Interpreter, every case of every model, compared within the corpus's own tolerances (wildTolerance).
 * Stateful models are loaded afresh for every case, as the references were made. Models without a
 * reference must load and run (or be refused with an UnsupportedError when they need a vendor's operator).
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { Interpreter, UnsupportedError } from '@tflite-lambda/runtime';
import { skipUnlessPresent, skipWithoutShared } from '../paths.js';
import { compareTensors } from '../litert/compare.js';
import type { HostTensor } from '../litert/host_tensor.js';
import type { CorpusCase } from '../corpus/corpus_json.js';
import { listWildModels, readWildModel, wildDir, wildTolerance, type WildModel } from '../corpus/wild_corpus.js';
import { runCase } from './run_case.js';

/** Custom operators that only a vendor's accelerator runs: refusing them is the right answer. */
const VENDOR_OPS: readonly string[] = ['ethos-u'];

export interface WildSuiteOptions {
  /** Models whose tests are node:test `todo` (run and reported, not failing the suite), with the reason. */
  readonly todo: Readonly<Record<string, string>>;
}

type Outcome = 'pass' | 'fail' | 'todo';

/** Every way our outputs miss the reference, as readable lines (empty when the case passes). */
function mismatches(model: WildModel, ours: HostTensor[], c: CorpusCase): string[] {
  if (ours.length !== c.outputs.length) return [`${ours.length} outputs, the reference has ${c.outputs.length}`];
  return c.outputs.flatMap((ref, k) => {
    const meta = model.meta.outputs[k];
    const m = compareTensors(ours[k], ref, wildTolerance(meta, ref), `output ${k} (${meta?.name || 'unnamed'})`);
    return m ? [m.report] : [];
  });
}

async function loadAllocated(bytes: Uint8Array): Promise<Interpreter> {
  const interpreter = await Interpreter.load(bytes);
  interpreter.allocateTensors();
  return interpreter;
}

/** Defines one describe block per wild model and prints a PASS/FAIL/TODO summary at the end. */
export function defineWildTests(title: string, options: WildSuiteOptions): void {
  const skip = skipWithoutShared() || skipUnlessPresent(wildDir() === null ? 'the wild corpus (../shared/wild) is absent' : false);
  if (skip) console.log(`# ${skip}`);
  describe(title, { skip }, () => {
    const results = new Map<string, Outcome>();
    after(() => {
      const lines = [...results].map(([name, r]) => `  ${r.toUpperCase()} ${name}${r === 'todo' ? ` (${options.todo[name]})` : ''}`);
      console.log(`wild corpus summary:\n${lines.join('\n')}`);
    });
    for (const name of listWildModels()) defineModel(name, options.todo[name], results);
  });
}

function defineModel(name: string, todo: string | undefined, results: Map<string, Outcome>): void {
  describe(name, () => {
    const model = readWildModel(name);
    const passed: boolean[] = [];
    const record = (ok: boolean): void => {
      passed.push(ok);
      results.set(name, todo ? 'todo' : passed.every(Boolean) ? 'pass' : 'fail');
    };
    if (model.meta.reference === 'none') {
      it(`${name} (no reference) loads and runs, or is refused for a vendor operator`, { todo }, async () => {
        let ok = false;
        try {
          await loadAndRunOrRefuse(model);
          ok = true;
        } finally {
          record(ok);
        }
      });
      return;
    }
    // A stateless model is loaded once and reused; a stateful one afresh for every case.
    let shared: Promise<Interpreter> | null = null;
    const interpreterFor = (): Promise<Interpreter> => {
      if (model.meta.stateful) return loadAllocated(model.bytes);
      shared ??= loadAllocated(model.bytes);
      return shared;
    };
    model.cases.forEach((c, i) => {
      it(`${name} case ${i} (${c.kind}) matches the ${model.meta.reference} reference`, { todo }, async () => {
        let ok = false;
        try {
          const problems = mismatches(model, runCase(await interpreterFor(), c), c);
          assert.deepEqual(problems, [], `${name} case ${i}:\n  ${problems.join('\n  ')}`);
          ok = true;
        } finally {
          record(ok);
        }
      });
    });
  });
}

/** Loads the model and invokes it on zeros; a vendor operator may instead be refused, naming it. */
async function loadAndRunOrRefuse(model: WildModel): Promise<void> {
  const vendorOp = VENDOR_OPS.find((op) => model.meta.ops.includes(`CUSTOM:${op}`));
  try {
    const interpreter = await loadAllocated(model.bytes);
    interpreter.invoke();
    for (const d of interpreter.getOutputDetails()) interpreter.getTensor(d.index);
  } catch (error) {
    if (vendorOp && error instanceof UnsupportedError && error.message.includes(vendorOp)) return;
    throw error;
  }
}
