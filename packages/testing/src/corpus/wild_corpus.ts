/**
 * Reads the shared wild corpus (../shared/wild, see its README): published .tflite models, one folder each
 * with `model.tflite`, `meta.json` (class, reference engine, statefulness, input/output quantization) and
 * `cases.json` (seeded inputs and the reference engine's outputs, in the conformance corpus's format).
 * Also the corpus's tolerances, which differ from the conformance corpus's (see wildTolerance).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DType } from '@tflite-lambda/runtime/internal';
import { sharedDir } from '../paths.js';
import { EXACT, type Tolerance } from '../litert/compare.js';
import type { HostTensor } from '../litert/host_tensor.js';
import { readCasesFile, readJson, type CorpusCase } from './corpus_json.js';

/** The reference engine of a model's cases; 'none' when no engine runs it (cases is then empty). */
export type WildReference = 'litert' | 'tfjs-tflite' | 'none';

export interface WildTensorMeta {
  readonly index: number;
  readonly name: string;
  readonly dtype: string;
  readonly shape: readonly number[];
  /** Null for float and plain integer tensors. */
  readonly quantization: { readonly scale: readonly number[]; readonly zeroPoint: readonly number[] } | null;
}

export interface WildMeta {
  readonly name: string;
  /** float32, int8, uint8, int16x8, dynamic-range or float16-weights. */
  readonly class: string;
  readonly ops: readonly string[];
  readonly opVersions: readonly string[];
  /** The model has variable tensors: every case starts from a freshly loaded model. */
  readonly stateful: boolean;
  readonly inputs: readonly WildTensorMeta[];
  readonly outputs: readonly WildTensorMeta[];
  readonly reference: WildReference;
  /** Why the reference is not LiteRT.js, where it is not. */
  readonly why?: string;
}

export interface WildModel {
  readonly name: string;
  readonly meta: WildMeta;
  /** The reference engine as cases.json describes it (package, version, accelerator). */
  readonly engine: string;
  readonly bytes: Uint8Array;
  readonly cases: readonly CorpusCase[];
}

/** The wild corpus folder, or null when the shared folder (or its wild part) is absent. */
export function wildDir(): string | null {
  const shared = sharedDir();
  if (shared === null) return null;
  const dir = join(shared, 'wild');
  return existsSync(dir) ? dir : null;
}

/** Model folder names, sorted. Empty when the corpus is absent. */
export function listWildModels(): string[] {
  const dir = wildDir();
  if (dir === null) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(dir, e.name, 'model.tflite')))
    .map((e) => e.name)
    .sort();
}

/** Reads one model folder; throws when the corpus is absent or the folder malformed. */
export function readWildModel(name: string): WildModel {
  const root = wildDir();
  if (root === null) throw new Error('shared wild corpus not found');
  const dir = join(root, name);
  const meta = readJson(join(dir, 'meta.json')) as WildMeta;
  const { reference, cases } = readCasesFile(join(dir, 'cases.json'), name);
  return { name, meta, engine: reference, bytes: new Uint8Array(readFileSync(join(dir, 'model.tflite'))), cases };
}

const QUANTIZED_STEP_DTYPES: readonly DType[] = ['int8', 'uint8', 'int16'];

/** The largest finite |value| of a float tensor (0 when it has none). */
function maxAbsFinite(t: HostTensor): number {
  let max = 0;
  for (let i = 0; i < t.data.length; i++) {
    const v = Math.abs(Number(t.data[i]));
    if (Number.isFinite(v) && v > max) max = v;
  }
  return max;
}

/**
 * The wild corpus's tolerance for output `k` against its reference `ref`: float outputs
 * |ours − ref| ≤ 1e-4 · max(1, max |ref| over the output); int8/uint8/int16 outputs with quantization
 * parameters one step; every other integer or bool output exact. (NaN and infinities must match exactly
 * in every case; compareTensors enforces that.)
 */
export function wildTolerance(meta: WildTensorMeta | undefined, ref: HostTensor): Tolerance {
  if (ref.dtype === 'float32' || ref.dtype === 'float16') return { abs: 1e-4 * Math.max(1, maxAbsFinite(ref)), rel: 0 };
  if (meta?.quantization && QUANTIZED_STEP_DTYPES.includes(ref.dtype)) return { abs: 1, rel: 0 };
  return EXACT;
}
