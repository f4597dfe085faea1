/**
 * The model fuzz target, for the long runs of scripts/fuzz.mjs: the mutations of fuzz_mutations.ts on the
 * shared corpora's smaller models (conformance and wild), through what the runtime's own load fuzzer
 * checks — Interpreter.loadSync, allocateTensors and one invoke, with the arena and the compute bounded.
 * The property: it runs, or throws a TfliteError that is not an InternalError (a bug of ours), in time.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InternalError, TfliteError } from '@tflite-lambda/runtime';
import { sharedDir } from '../paths.js';
import { caseRng, describeThrown, type FuzzCase, type FuzzTarget } from './fuzz_case.js';
import { loadAndRunBounded, MUTATION_KINDS, mutate, structureRanges } from './fuzz_mutations.js';

const MODEL_TIME_LIMIT_MS = 10_000;
const MAX_SEED_BYTES = 200_000;

export interface ModelSeed {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly ranges: [number, number][];
}

/** The corpora's models under 200 KB that run as published (empty without ../shared). */
export function corpusModelSeeds(): ModelSeed[] {
  const dir = sharedDir();
  if (dir === null) return [];
  const seeds: ModelSeed[] = [];
  for (const corpus of ['conformance', 'wild']) {
    for (const name of existsSync(join(dir, corpus)) ? readdirSync(join(dir, corpus)).sort() : []) {
      const file = join(dir, corpus, name, 'model.tflite');
      if (!existsSync(file) || statSync(file).size > MAX_SEED_BYTES) continue;
      const bytes = new Uint8Array(readFileSync(file));
      if (runsAsPublished(bytes)) seeds.push({ name: `${corpus}/${name}`, bytes, ranges: structureRanges(bytes) });
    }
  }
  return seeds;
}

function runsAsPublished(bytes: Uint8Array): boolean {
  try {
    loadAndRunBounded(bytes);
    return true;
  } catch {
    return false;
  }
}

export function checkModel(bytes: Uint8Array): string | null {
  const started = performance.now();
  try {
    loadAndRunBounded(bytes);
  } catch (err) {
    if (!(err instanceof TfliteError) || err instanceof InternalError) return `threw ${describeThrown(err)}`;
  }
  const elapsed = performance.now() - started;
  return elapsed > MODEL_TIME_LIMIT_MS ? `took ${Math.round(elapsed)} ms` : null;
}

export function modelFuzzTarget(seeds: readonly ModelSeed[] = corpusModelSeeds()): FuzzTarget {
  if (seeds.length === 0) throw new Error('the models target needs the shared corpus (../shared/conformance, ../shared/wild)');
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
