/**
 * Runs fuzz cases in this process: `runCases` for the bounded suites of `npm test`, and the building block
 * of scripts/fuzz.mjs's long runs (which call it from a worker thread under a watchdog).
 */
import type { FuzzCase, FuzzTarget } from './fuzz_case.js';

export interface FuzzFailure {
  readonly index: number;
  readonly problem: string;
  readonly case: FuzzCase;
}

export interface FuzzRunReport {
  readonly cases: number;
  readonly failures: FuzzFailure[];
  /** The slowest case's time, in milliseconds. */
  readonly maxMs: number;
  /** Growth of the process's peak resident memory during the run, in bytes. */
  readonly peakRssGrowth: number;
}

/** Cases from..from+count-1 of the run seeded with `seed`. */
export function runCases(target: FuzzTarget, seed: number, from: number, count: number, onCase?: (index: number) => void): FuzzRunReport {
  const peakBefore = process.resourceUsage().maxRSS * 1024;
  const failures: FuzzFailure[] = [];
  let maxMs = 0;
  for (let index = from; index < from + count; index++) {
    onCase?.(index);
    const c = target.makeCase(seed, index);
    const started = performance.now();
    const problem = target.check(c);
    maxMs = Math.max(maxMs, performance.now() - started);
    if (problem !== null) failures.push({ index, problem, case: c });
  }
  return { cases: count, failures, maxMs, peakRssGrowth: process.resourceUsage().maxRSS * 1024 - peakBefore };
}

/** One line per failure, for an assertion message. */
export function describeFailures(report: FuzzRunReport, seed: number): string {
  return report.failures.map((f) => `seed ${seed} case ${f.index} (${f.case.label}): ${f.problem}`).join('\n');
}
