#!/usr/bin/env node
// Long fuzz runs: `npm run fuzz -- --minutes N [--target images|http|models] [--seed S] [--out DIR]`.
// Each target runs in a worker thread under a watchdog: a case that takes longer than --hang-seconds (a hang)
// or lifts the process's memory past --max-rss-mb is caught from outside, as is any case whose property
// fails inside (an exception other than ImageError/HttpError/TfliteError, a message that is not ours, a
// budget overrun). Every failing case is written as a reproducer into
// packages/testing/fixtures/regressions/<target>/ (or --out), where a test replays it from then on.
// Needs a build (npm run build): it runs the compiled test support from packages/testing/dist.
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(fileURLToPath(import.meta.url), '..', '..');
const fuzz = await import(pathToFileURL(join(ROOT, 'packages', 'testing', 'dist', 'fuzz', 'index.js')).href);

function targetNamed(name) {
  if (name === 'images') return fuzz.imageFuzzTarget();
  if (name === 'http') return fuzz.httpFuzzTarget();
  if (name === 'models') return fuzz.modelFuzzTarget();
  throw new Error(`unknown target '${name}' (images, http, models)`);
}

if (!isMainThread) {
  // Worker: run batches, publishing the case in progress through shared memory so the watchdog can name it.
  const { name, seed, from, progress } = workerData;
  const target = targetNamed(name);
  const current = new Int32Array(progress);
  for (let start = from; ; start += 200) {
    const report = fuzz.runCases(target, seed, start, 200, (i) => Atomics.store(current, 0, i));
    parentPort.postMessage({ done: start + 200, maxMs: report.maxMs, failures: report.failures.map((f) => ({ index: f.index, problem: f.problem })) });
  }
} else {
  await main(process.argv.slice(2));
}

function parseArgs(args) {
  const opts = { minutes: 1, targets: [], seed: (Date.now() ^ (process.pid << 16)) >>> 0, out: null, hangSeconds: 30, maxRssMb: 1536 };
  for (let i = 0; i < args.length; i++) {
    const value = () => {
      if (i + 1 >= args.length) throw new Error(`${args[i]} needs a value`);
      return args[++i];
    };
    if (args[i] === '--minutes') opts.minutes = Number(value());
    else if (args[i] === '--target') opts.targets.push(...value().split(','));
    else if (args[i] === '--seed') opts.seed = Number(value()) >>> 0;
    else if (args[i] === '--out') opts.out = value();
    else if (args[i] === '--hang-seconds') opts.hangSeconds = Number(value());
    else if (args[i] === '--max-rss-mb') opts.maxRssMb = Number(value());
    else throw new Error(`unknown argument '${args[i]}'`);
  }
  if (!(opts.minutes > 0)) throw new Error('--minutes must be a positive number');
  if (opts.targets.length === 0) opts.targets = ['images', 'http', 'models'];
  return opts;
}

async function main(args) {
  let opts;
  try {
    opts = parseArgs(args);
  } catch (err) {
    console.error(`fuzz: ${err.message}\nUsage: npm run fuzz -- --minutes N [--target images|http|models] [--seed S] [--out DIR]`);
    process.exit(2);
  }
  const perTarget = (opts.minutes * 60_000) / opts.targets.length;
  let failed = 0;
  for (const name of opts.targets) {
    if (name === 'models' && fuzz.corpusModelSeeds().length === 0) {
      console.log('fuzz models: skipped, the shared corpus (../shared/conformance) is not here');
      continue;
    }
    failed += await runTarget(name, opts, perTarget);
  }
  process.exit(failed > 0 ? 1 : 0);
}

/** Runs one target for `ms`, restarting its worker after a hang or a memory overrun; returns the failures. */
async function runTarget(name, opts, ms) {
  const target = targetNamed(name);
  const stats = { cases: 0, failures: 0, maxMs: 0, next: 0 };
  const save = (index, problem) => {
    const file = fuzz.saveReproducer(target.makeCase(opts.seed, index), problem, opts.out ?? undefined);
    console.log(`fuzz ${name}: seed ${opts.seed} case ${index}: ${problem}\n  -> ${file}`);
    stats.failures++;
  };
  const endAt = Date.now() + ms;
  while (Date.now() < endAt) await runWorker(name, opts, stats, save, endAt);
  console.log(`fuzz ${name}: ${stats.cases} cases from seed ${opts.seed}, ${stats.failures} failing, slowest case ${Math.round(stats.maxMs)} ms`);
  return stats.failures;
}

/** One worker's life: until the time is up, or it hangs or grows past the memory limit on a case. */
function runWorker(name, opts, stats, save, endAt) {
  return new Promise((resolve) => {
    const progress = new SharedArrayBuffer(4);
    const current = new Int32Array(progress);
    Atomics.store(current, 0, stats.next);
    const worker = new Worker(fileURLToPath(import.meta.url), { workerData: { name, seed: opts.seed, from: stats.next, progress } });
    let lastIndex = -1;
    let sameSince = Date.now();
    const stop = (reason) => {
      clearInterval(watchdog);
      worker.removeAllListeners('exit');
      void worker.terminate().then(() => resolve(reason));
    };
    worker.on('message', (m) => {
      stats.cases = m.done;
      stats.next = m.done;
      stats.maxMs = Math.max(stats.maxMs, m.maxMs);
      for (const f of m.failures) save(f.index, f.problem);
    });
    worker.on('error', (err) => {
      const index = Atomics.load(current, 0);
      save(index, `the worker died: ${err?.stack ?? err}`);
      stats.next = index + 1;
      stop('error');
    });
    worker.on('exit', () => stop('exit'));
    const watchdog = setInterval(() => {
      const index = Atomics.load(current, 0);
      if (index !== lastIndex) {
        lastIndex = index;
        sameSince = Date.now();
      }
      const rssMb = process.memoryUsage.rss() / 1e6;
      if (rssMb > opts.maxRssMb) {
        save(index, `resident memory reached ${Math.round(rssMb)} MB (limit ${opts.maxRssMb} MB)`);
      } else if (Date.now() - sameSince > opts.hangSeconds * 1000) {
        save(index, `no answer after ${opts.hangSeconds} s (a hang)`);
      } else if (Date.now() < endAt) {
        return;
      }
      if (Date.now() < endAt) stats.next = index + 1;
      stop('watchdog');
    }, 250);
  });
}
