/**
 * Runs a job over [0, total) on this thread alone, or split with one worker thread. TF.js kernels are
 * synchronous, so this thread computes its part, then blocks on Atomics.wait until the worker's part is done.
 */
import { Worker } from 'node:worker_threads';
import { runJob, type Job } from './jobs.js';
import { asShared, type SharedFloats } from './shared.js';

export interface Executor {
  readonly threads: 1 | 2;
  /** Runs `job` over [0, total); with two threads the worker takes the upper half, of `workerJob` if given. */
  run(job: Job, total: number, workerJob?: Job): void;
  close(): Promise<void>;
}

export const SERIAL: Executor = {
  threads: 1,
  run: (job, total) => runJob(job, 0, total),
  close: async () => {},
};

/** Below this many elements touched, a second thread costs more (a message round trip) than it saves. */
const MIN_SPLIT_WORK = 1 << 18;

/** Whether splitting `total` units touching `work` elements over the executor's threads is worth it. */
export function worthSplitting(e: Executor, total: number, work: number): boolean {
  return e.threads === 2 && total >= 2 && work >= MIN_SPLIT_WORK;
}

/**
 * Where the arrays live in shared memory, when a kernel over `total` units touching `work` elements is worth
 * splitting and every array is shared (the worker can reach only those); else null, and the kernel runs its
 * loop on this thread.
 */
export function splitTargets(e: Executor, total: number, work: number, ...arrays: Float32Array[]): SharedFloats[] | null {
  if (!worthSplitting(e, total, work)) return null;
  const shared: SharedFloats[] = [];
  for (const a of arrays) {
    const s = asShared(a);
    if (!s) return null;
    shared.push(s);
  }
  return shared;
}

/**
 * The worker. From the compiled package it is worker.js; when running from source under tsx, workers do not
 * inherit tsx's loader, so a two-line bootstrap registers it before importing worker.ts.
 */
function startWorker(): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./worker.js', import.meta.url));
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./worker.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { eval: true });
}

/** How long this thread waits for the worker's part of one job before calling it stuck. */
const WORKER_TIMEOUT_MS = 10 * 60 * 1000;

export class TwoThreads implements Executor {
  readonly threads = 2;
  private readonly control = new SharedArrayBuffer(4);
  private readonly flag = new Int32Array(this.control);
  /** Set when the worker has exited or failed to start: jobs then run whole on this thread. */
  private gone: string | null = null;

  private constructor(private readonly worker: Worker, private readonly timeoutMs: number) {
    worker.unref();
    // Events arrive between kernels (training awaits between batches), never during a blocking wait.
    worker.on('error', (err) => this.markGone(`failed: ${err.message}`));
    worker.on('exit', (code) => this.markGone(`exited with code ${code}`));
  }

  static create(options: { timeoutMs?: number } = {}): TwoThreads {
    return new TwoThreads(startWorker(), options.timeoutMs ?? WORKER_TIMEOUT_MS);
  }

  private markGone(why: string): void {
    if (this.gone) return;
    this.gone = why;
    console.warn(`tflite-lambda train: the worker thread ${why}; continuing on one thread`);
  }

  run(job: Job, total: number, workerJob: Job = job): void {
    if (this.gone) {
      runJob(job, 0, Math.floor(total / 2));
      runJob(workerJob, Math.floor(total / 2), total);
      return;
    }
    const half = Math.floor(total / 2);
    Atomics.store(this.flag, 0, 0);
    this.worker.postMessage({ job: workerJob, start: half, end: total, control: this.control });
    runJob(job, 0, half);
    const deadline = performance.now() + this.timeoutMs;
    while (Atomics.load(this.flag, 0) === 0) {
      if (performance.now() > deadline) throw new Error(`the training worker did not finish a ${job.kind} job in ${this.timeoutMs} ms`);
      Atomics.wait(this.flag, 0, 0, Math.min(1000, this.timeoutMs));
    }
    if (Atomics.load(this.flag, 0) === 2) throw new Error(`the training worker failed on a ${job.kind} job`);
  }

  async close(): Promise<void> {
    this.gone ??= 'closed';
    await this.worker.terminate();
  }
}
