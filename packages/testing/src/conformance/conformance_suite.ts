/**
 * Conformance: models of the shared corpus, every case of their cases.json, run with our Interpreter and
 * compared with LiteRT's reference outputs within the corpus tolerances (README of ../shared/conformance):
 * float |ours − ref| ≤ 1e-4 + 1e-4·|ref|; quantized ≤ 1, softmax ≤ 2; classifier argmax agrees whenever
 * the reference's top-1 margin exceeds the tolerance. One test per model per case, named for the model.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Interpreter } from '@tflite-lambda/runtime';
import { skipWithoutShared } from '../paths.js';
import { compareArgmax, compareTensors, toleranceFor } from '../litert/compare.js';
import type { HostTensor } from '../litert/host_tensor.js';
import { listCorpusModels, outputIsSoftmax, readCorpusModel, type CorpusCase, type CorpusModel } from '../corpus/conformance_corpus.js';
import { runCase } from './run_case.js';

/** Every way our outputs miss the reference, as readable lines (empty when the case passes). */
function mismatches(model: CorpusModel, ours: HostTensor[], c: CorpusCase): string[] {
  if (ours.length !== c.outputs.length) return [`${ours.length} outputs, the reference has ${c.outputs.length}`];
  const problems: string[] = [];
  c.outputs.forEach((ref, k) => {
    const tol = toleranceFor(ref.dtype, { softmax: outputIsSoftmax(model) });
    const label = `output ${k} (${model.meta.outputs[k]?.name || 'unnamed'})`;
    const values = compareTensors(ours[k], ref, tol, label);
    if (values) problems.push(values.report);
    const argmax = compareArgmax(ours[k], ref, tol, label);
    if (argmax) problems.push(argmax);
  });
  return problems;
}

/** Defines the tests for the corpus models `select` accepts, and prints a pass/fail summary at the end. */
export function defineConformanceTests(title: string, select: (name: string) => boolean): void {
  const skip = skipWithoutShared();
  if (skip) console.log(`# ${skip}`);
  describe(title, { skip }, () => {
    defineModels(listCorpusModels().filter(select));
  });
}

function defineModels(names: readonly string[]): void {
  const results = new Map<string, boolean[]>();
  after(() => {
    const line = (name: string, r: boolean[]): string =>
      `  ${r.every(Boolean) ? 'PASS' : 'FAIL'} ${name} (${r.filter(Boolean).length}/${r.length} cases)`;
    console.log(`conformance summary:\n${[...results].map(([name, r]) => line(name, r)).join('\n')}`);
  });

  for (const name of names) {
    describe(name, () => {
      const model = readCorpusModel(name);
      const passed = model.cases.map(() => false);
      results.set(name, passed);
      let interpreter: Interpreter | null = null;
      let loadError: unknown = null;
      before(async () => {
        try {
          interpreter = await Interpreter.load(model.bytes);
          interpreter.allocateTensors();
        } catch (error) {
          loadError = error;
        }
      });

      model.cases.forEach((c, i) => {
        it(`${name} case ${i} (${c.kind}) matches the LiteRT reference`, () => {
          if (interpreter === null) throw loadError;
          const problems = mismatches(model, runCase(interpreter, c), c);
          assert.deepEqual(problems, [], `${name} case ${i}:\n  ${problems.join('\n  ')}`);
          passed[i] = true;
        });
      });
    });
  }
}
