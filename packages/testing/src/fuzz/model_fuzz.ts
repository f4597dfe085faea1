/**
 * The model-loader fuzz target, for the long runs of scripts/fuzz.mjs: the mutations of fuzz_mutations.ts
 * on the shared corpus's smaller models, through Interpreter.loadSync and allocateTensors. The property:
 * it loads or throws a TfliteError, in time.
 */
import { Interpreter, TfliteError } from '@tflite-lambda/runtime';
import { smallCorpusModels } from '../corpus/conformance_corpus.js';
import { caseRng, describeThrown, type FuzzCase, type FuzzTarget } from './fuzz_case.js';
import { MUTATION_KINDS, mutate, structureRanges } from './fuzz_mutations.js';

const MODEL_TIME_LIMIT_MS = 5000;

export interface ModelSeed {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly ranges: [number, number][];
}

/** The shared conformance corpus's models under 1 MB (empty without ../shared). */
export function corpusModelSeeds(): ModelSeed[] {
  return smallCorpusModels().map((m) => ({ ...m, ranges: structureRanges(m.bytes) }));
}

export function checkModel(bytes: Uint8Array): string | null {
  const started = performance.now();
  try {
    Interpreter.loadSync(bytes).allocateTensors();
  } catch (err) {
    if (!(err instanceof TfliteError)) return `threw ${describeThrown(err)}`;
  }
  const elapsed = performance.now() - started;
  return elapsed > MODEL_TIME_LIMIT_MS ? `took ${Math.round(elapsed)} ms` : null;
}

export function modelFuzzTarget(seeds: readonly ModelSeed[] = corpusModelSeeds()): FuzzTarget {
  if (seeds.length === 0) throw new Error('the models target needs the shared corpus (../shared/conformance)');
  return {
    name: 'models',
    makeCase(seed, index): FuzzCase {
      const rng = caseRng(seed, index);
      const model = rng.pick(seeds);
      const kind = rng.pick(MUTATION_KINDS);
      return { target: 'models', label: `${model.name} ${kind}`, bytes: mutate(model.bytes, model.ranges, rng, kind) };
    },
    check: (c) => checkModel(c.bytes),
  };
}
