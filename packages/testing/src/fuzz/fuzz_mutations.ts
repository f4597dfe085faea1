/**
 * Test support for loader fuzzing: a small seeded PRNG and the mutations applied to real models (byte flips,
 * 32/16-bit overwrites at positions in the flatbuffer's tables, truncations, extensions).
 */
import { Interpreter } from '@tflite-lambda/runtime';
import { readModel } from '@tflite-lambda/runtime/internal';

/** Loads, allocates and invokes once; the arena and the work are bounded so a mutation cannot take long. */
export function loadAndRunBounded(bytes: Uint8Array): void {
  const it = Interpreter.loadSync(bytes, { maxArenaBytes: 64 << 20, computeBudget: 2e9 });
  try {
    it.allocateTensors();
    it.invoke();
  } finally {
    it.dispose();
  }
}

/** xorshift32: deterministic, seedable, good enough to pick bytes. */
export class Prng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0 || 0x9e3779b9;
  }
  next(): number {
    let x = this.s;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.s = x >>> 0;
    return this.s;
  }
  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor((this.next() / 0x100000000) * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
}

/** Byte ranges of the file that are not constant data: where tables, vtables, offsets and lengths live. */
export function structureRanges(bytes: Uint8Array): [number, number][] {
  const model = readModel(bytes);
  const data = model.subgraphs
    .flatMap((sg) => sg.tensors.map((t) => t.data))
    .filter((d): d is Uint8Array => d !== null && d.buffer === bytes.buffer)
    .map((d): [number, number] => [d.byteOffset - bytes.byteOffset, d.byteOffset - bytes.byteOffset + d.byteLength])
    .sort((a, b) => a[0] - b[0]);
  const ranges: [number, number][] = [];
  let at = 0;
  for (const [s, e] of data) {
    if (s > at) ranges.push([at, s]);
    at = Math.max(at, e);
  }
  if (at < bytes.byteLength) ranges.push([at, bytes.byteLength]);
  return ranges;
}

function structurePos(rng: Prng, ranges: readonly [number, number][], align: number): number {
  const total = ranges.reduce((s, [a, b]) => s + (b - a), 0);
  let k = rng.int(total);
  for (const [a, b] of ranges) {
    if (k < b - a) return (a + k) & ~(align - 1);
    k -= b - a;
  }
  return 0;
}

const INTERESTING_32 = [0, 1, 4, 0x7fffffff, 0x80000000, 0xffffffff, 0xfffffffc, 0x10000, 0x40000000];
const INTERESTING_16 = [0, 1, 2, 3, 4, 0x7fff, 0x8000, 0xffff, 0xfffe];

export type MutationKind = 'flip' | 'word' | 'vtable' | 'truncate' | 'extend';
export const MUTATION_KINDS: readonly MutationKind[] = ['flip', 'word', 'vtable', 'truncate', 'extend'];

/** A mutated copy of `bytes`; `ranges` are the structure ranges of the original. */
export function mutate(bytes: Uint8Array, ranges: readonly [number, number][], rng: Prng, kind: MutationKind): Uint8Array {
  const size = bytes.byteLength;
  if (kind === 'truncate') return bytes.slice(0, rng.int(size));
  if (kind === 'extend') {
    const out = new Uint8Array(size + 1 + rng.int(256));
    out.set(bytes);
    for (let i = size; i < out.length; i++) out[i] = rng.int(256);
    return out;
  }
  const out = bytes.slice();
  const view = new DataView(out.buffer);
  const count = 1 + rng.int(4);
  for (let n = 0; n < count; n++) {
    if (kind === 'flip') {
      const p = rng.int(4) === 0 ? rng.int(size) : structurePos(rng, ranges, 1);
      out[p] ^= 1 + rng.int(255);
    } else if (kind === 'word') {
      const p = Math.min(structurePos(rng, ranges, 4), size - 4);
      const v = rng.int(2) === 0 ? rng.pick(INTERESTING_32) : rng.next();
      view.setUint32(p, v, true);
    } else {
      const p = Math.min(structurePos(rng, ranges, 2), size - 2);
      view.setUint16(p, rng.int(2) === 0 ? rng.pick(INTERESTING_16) : rng.int(0x10000), true);
    }
  }
  return out;
}

export interface FuzzReport {
  readonly cases: number;
  loaded: number;
  rejected: number;
  maxMs: number;
  /** Cases that threw something other than `isExpected` errors, described for the failure message. */
  readonly failures: string[];
}

/**
 * Runs `cases` seeded mutations of `bytes` (cycling through every mutation kind) through `load`, sorting
 * each outcome into loaded, rejected (an expected error) or failure.
 */
export function runFuzz(
  bytes: Uint8Array,
  opts: { cases: number; seed: number; label: string },
  load: (b: Uint8Array) => void,
  isExpected: (e: unknown) => boolean,
): FuzzReport {
  const ranges = structureRanges(bytes);
  const rng = new Prng(opts.seed);
  const report: FuzzReport = { cases: opts.cases, loaded: 0, rejected: 0, maxMs: 0, failures: [] };
  for (let c = 0; c < opts.cases; c++) {
    const kind = MUTATION_KINDS[c % MUTATION_KINDS.length];
    const mutated = mutate(bytes, ranges, rng, kind);
    const t0 = performance.now();
    try {
      load(mutated);
      report.loaded++;
    } catch (e) {
      if (isExpected(e)) report.rejected++;
      else report.failures.push(`${opts.label} case ${c} (${kind}, seed ${opts.seed}): ${String(e)}`);
    }
    report.maxMs = Math.max(report.maxMs, performance.now() - t0);
  }
  return report;
}
