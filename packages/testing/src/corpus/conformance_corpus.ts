/**
 * Reads the shared conformance corpus (../shared/conformance, see its README): one folder per model with
 * `model.tflite`, `meta.json` and `cases.json` (base64 little-endian tensors, inputs in subgraph order).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { sharedDir } from '../paths.js';
import { readCasesFile, readJson, type CorpusCase } from './corpus_json.js';

export type { CorpusCase } from './corpus_json.js';

export interface CorpusTensorMeta {
  readonly index: number;
  readonly name: string;
  readonly dtype: string;
  readonly shape: readonly number[];
}

export interface CorpusMeta {
  readonly name: string;
  readonly ops: readonly string[];
  readonly inputs: readonly CorpusTensorMeta[];
  readonly outputs: readonly CorpusTensorMeta[];
}

export interface CorpusModel {
  readonly name: string;
  readonly meta: CorpusMeta;
  readonly bytes: Uint8Array;
  readonly reference: string;
  readonly cases: readonly CorpusCase[];
}

/** The shared folder's corpora: `conformance` (18 models) and `wild` (published models, same format). */
export type CorpusName = 'conformance' | 'wild';

/** The corpus folder, or null when the shared folder is absent (a user's clone). */
export function corpusDir(corpus: CorpusName = 'conformance'): string | null {
  const shared = sharedDir();
  return shared === null ? null : join(shared, corpus);
}

/** Model folder names, sorted. Empty when the corpus is absent. */
export function listCorpusModels(): string[] {
  const dir = corpusDir();
  if (dir === null) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(dir, e.name, 'model.tflite')))
    .map((e) => e.name)
    .sort();
}

/** Reads one model folder of the corpus; throws when the corpus is absent or the folder malformed. */
export function readCorpusModel(name: string, corpus: CorpusName = 'conformance'): CorpusModel {
  const root = corpusDir(corpus);
  if (root === null) throw new Error(`shared ${corpus} corpus not found`);
  const dir = join(root, name);
  const meta = readJson(join(dir, 'meta.json')) as CorpusMeta;
  const { reference, cases } = readCasesFile(join(dir, 'cases.json'), name);
  return { name, meta, bytes: new Uint8Array(readFileSync(join(dir, 'model.tflite'))), reference, cases };
}

/** Models over 1 MB (mobilenet_v2_int8) take seconds per case in a TypeScript runtime. */
const HEAVY_MODEL_BYTES = 1_000_000;

export function isHeavyCorpusModel(name: string): boolean {
  const dir = corpusDir();
  return dir !== null && statSync(join(dir, name, 'model.tflite')).size > HEAVY_MODEL_BYTES;
}

/**
 * Whether an output of this model is a SOFTMAX result (quantized tolerance 2 instead of 1). The corpus
 * models that use SOFTMAX all end with it, so the op list in meta.json is enough to tell.
 */
export function outputIsSoftmax(model: CorpusModel): boolean {
  return model.meta.ops.includes('SOFTMAX');
}
