/**
 * What every fuzz target shares: a case (the input and how it was made), the target contract, and the
 * seeding rule that makes case `index` of run `seed` the same input wherever and whenever it is made, so a
 * long run can name a failure by (seed, index) and a test can replay it.
 */
import { Prng } from './fuzz_mutations.js';

export type FuzzTargetName = 'images' | 'http' | 'models';

export interface FuzzCase {
  readonly target: FuzzTargetName;
  /** Which seed input and mutation made it, e.g. 'jpeg_progressive sos'. */
  readonly label: string;
  readonly bytes: Uint8Array;
  /** For HTTP cases: the request's Content-Type and Content-Encoding. */
  readonly contentType?: string;
  readonly contentEncoding?: string;
}

export interface FuzzTarget {
  readonly name: FuzzTargetName;
  /** Case `index` of the run seeded with `seed`. */
  makeCase(seed: number, index: number): FuzzCase;
  /** Runs the case; null when the property holds, else what went wrong. */
  check(c: FuzzCase): string | null;
}

/** The generator of one case: independent of every other case of the run. */
export function caseRng(seed: number, index: number): Prng {
  // Mixes the two numbers (a multiply-xorshift hash) so that neighbouring seeds and indices diverge at once.
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 0x632be5ab, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return new Prng((h ^ (h >>> 16)) >>> 0);
}

/** The wording of other libraries that must never reach a client (zlib, pngjs, node's own errors). */
const FOREIGN_PHRASES = /zlib|pngjs|have should not|incorrect header check|invalid (distance|code|block type|stored block)|unexpected end of file|cannot read prop|is not a function/i;
const FOREIGN_TOKENS = /\bNaN\b|\bERR_[A-Z_]+/;

export function foreignWording(message: string): string | null {
  const m = FOREIGN_PHRASES.exec(message) ?? FOREIGN_TOKENS.exec(message);
  return m ? `message leaks '${m[0]}': ${message.slice(0, 200)}` : null;
}

export function describeThrown(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}${err.cause instanceof Error ? ` (cause ${err.cause.name}: ${err.cause.message})` : ''}`;
  return String(err);
}
