// npm run bench: our runtime, LiteRT.js and TensorFlow.js (cpu, wasm) side by side on the same models and
// inputs. Cold start = fresh `node` processes (median), warm = one process, ≥ 1000 invocations or a time
// budget, whichever ends first (the count is recorded). Writes bench/results.json and prints a markdown table.
// Options: --quick, --models a,b  --engines a,b  --cold N  --iters N  --budget seconds
// --corpus: the corpus bench instead (corpus.mjs: every shared model, ours vs LiteRT.js, grouped by class).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildEngines, OUT, shippedSizes } from './build.mjs';
import { markdownTable } from './report.mjs';

const here = dirname(fileURLToPath(import.meta.url));
/** The shared conformance corpus: beside the repository, or under $TFLITE_LAMBDA_SHARED. A fresh clone lacks it. */
const CORPUS = join(process.env.TFLITE_LAMBDA_SHARED || join(here, '..', '..', 'shared'), 'conformance');
/** Built by bench/models.mjs; every other model comes from the corpus. */
const BUILT_MODELS = ['mobilenet_style_float'];
const DEFAULT_MODELS = ['mnist_cnn_float', 'mobilenet_v2_int8', 'mobilenet_style_float'];

const ENGINES = {
  ours: { bundle: 'ours.mjs', variant: '-' },
  litert: { bundle: 'litert.mjs', variant: '-' },
  'tfjs-cpu': { bundle: 'tfjs.mjs', variant: 'cpu' },
  'tfjs-wasm': { bundle: 'tfjs.mjs', variant: 'wasm' },
};

const args = parseArgs(process.argv.slice(2));

function parseArgs(argv) {
  const quick = argv.includes('--quick');
  const get = (k, d) => { const i = argv.indexOf(`--${k}`); return i >= 0 ? argv[i + 1] : d; };
  return {
    cold: Number(get('cold', quick ? 3 : 10)),
    iters: Number(get('iters', quick ? 100 : 1000)),
    budget: Number(get('budget', quick ? 5 : 30)),
    models: get('models', DEFAULT_MODELS.join(',')).split(','),
    modelsGiven: argv.includes('--models'),
    engines: get('engines', Object.keys(ENGINES).join(',')).split(','),
  };
}

function run(cmd, argv, untilLine) {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let firstLine = null;
    child.stdout.on('data', (d) => {
      out += d;
      if (firstLine === null && untilLine && out.includes(untilLine)) firstLine = performance.now() - start;
    });
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => {
      const wall = performance.now() - start;
      if (code !== 0) reject(new Error(`${argv.join(' ')} exited ${code}: ${err.slice(-2000)}`));
      else resolve({ wall, firstLine: firstLine ?? wall, out });
    });
  });
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

async function bareNode(n) {
  const walls = [];
  for (let i = 0; i < n; i++) walls.push((await run(process.execPath, ['-e', '0'])).wall);
  return median(walls);
}

async function measure(engine, model, bare) {
  const e = ENGINES[engine];
  const childArgs = (mode) => [join(here, 'child.mjs'), join(OUT, e.bundle), e.variant, model.path, model.spec, mode, String(args.iters), String(args.budget)];
  const colds = [];
  for (let i = 0; i < args.cold; i++) {
    const r = await run(process.execPath, childArgs('cold'), 'prediction ');
    colds.push({ toPrediction: r.firstLine, ...JSON.parse(r.out.trim().split('\n').pop()) });
  }
  const w = await run(process.execPath, childArgs('warm'), 'prediction ');
  const warm = JSON.parse(w.out.trim().split('\n').pop());
  const pick = (k) => median(colds.map((c) => c[k]));
  const cold = { toPrediction: pick('toPrediction'), import: pick('import'), load: pick('load'), first: pick('first') };
  cold.beyondBareNode = cold.toPrediction - bare;
  return { cold, warm: { p50: warm.p50, p99: warm.p99, throughput: warm.throughput, iterations: warm.iterations }, peakRssMB: warm.peakRssMB, output: warm.output };
}

const corpusPath = (name) => join(CORPUS, name, 'model.tflite');

/**
 * The models this machine can run. Corpus models are skipped with one line when the corpus is absent (a fresh
 * clone), unless asked for by name, which is an error; so is a name that is neither built nor in the corpus.
 */
function availableModels() {
  const missing = args.models.filter((name) => !BUILT_MODELS.includes(name) && !existsSync(corpusPath(name)));
  if (missing.length === 0) return args.models;
  const where = existsSync(CORPUS) ? `not in ${CORPUS}` : `${CORPUS} not found (the shared corpus sits beside the repository)`;
  if (args.modelsGiven) fail(`model ${missing.join(', ')}: ${where}`);
  const rest = args.models.filter((name) => !missing.includes(name));
  if (rest.length === 0) fail(`nothing to run: ${where}`);
  console.error(`bench: ${where}: skipping ${missing.join(', ')}; running ${rest.join(', ')}`);
  return rest;
}

function fail(message) {
  console.error(`bench: error: ${message}`);
  process.exit(1);
}

async function prepareModels(lib, names) {
  mkdirSync(OUT, { recursive: true });
  const models = {};
  for (const name of names) {
    let path = corpusPath(name);
    if (BUILT_MODELS.includes(name)) {
      path = join(OUT, `${name}.tflite`);
      writeFileSync(path, lib.buildMobilenetStyleFloat());
    }
    const bytes = new Uint8Array((await import('node:fs')).readFileSync(path));
    const sg = lib.readModel(bytes).subgraphs[0];
    const input = sg.tensors[sg.inputs[0]];
    const spec = join(OUT, `${name}.input.json`);
    writeFileSync(spec, JSON.stringify({ dtype: input.dtype, shape: input.shape }));
    models[name] = { path, spec, macs: lib.countMacs(bytes, lib.readModel) };
  }
  return models;
}

async function main() {
  const names = availableModels();
  await buildEngines();
  const lib = await import(join(OUT, 'models.mjs'));
  const models = await prepareModels(lib, names);
  const bare = await bareNode(Math.max(args.cold, 5));
  const sizes = await shippedSizes();
  for (const s of Object.values(sizes)) s.total = s.js + s.wasm;
  const results = {
    date: new Date().toISOString(),
    machine: { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memoryGB: Math.round(totalmem() / 2 ** 30), node: process.version },
    settings: args, bareNodeMs: bare, sizes, models: {},
  };
  for (const [name, model] of Object.entries(models)) {
    results.models[name] = { macs: model.macs, engines: {} };
    for (const engine of args.engines) {
      process.stderr.write(`bench: ${name} × ${engine}\n`);
      try {
        results.models[name].engines[engine] = await measure(engine, model, bare);
      } catch (err) {
        results.models[name].engines[engine] = { error: String(err.message ?? err).slice(0, 500) };
      }
    }
  }
  addRatios(results);
  writeFileSync(join(here, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log(markdownTable(results));
}

/** ours / peer for every figure (lower is better for all but throughput). */
function addRatios(results) {
  for (const m of Object.values(results.models)) {
    const ours = m.engines.ours;
    if (!ours || ours.error) continue;
    m.ratios = {};
    for (const [peer, r] of Object.entries(m.engines)) {
      if (peer === 'ours' || r.error) continue;
      // Same model, same input: the first outputs should agree (TF.js runs int8 models in float, so skip those).
      r.maxAbsDiffVsOurs = Math.max(...r.output.map((v, i) => Math.abs(v - ours.output[i])));
      m.ratios[peer] = {
        coldBeyondBareNode: ours.cold.beyondBareNode / r.cold.beyondBareNode,
        coldToPrediction: ours.cold.toPrediction / r.cold.toPrediction,
        warmP50: ours.warm.p50 / r.warm.p50,
        warmP99: ours.warm.p99 / r.warm.p99,
        throughput: ours.warm.throughput / r.warm.throughput,
        peakRss: ours.peakRssMB / r.peakRssMB,
        shippedSize: results.sizes.ours.total / results.sizes[peer].total,
      };
    }
  }
}

if (process.argv.includes('--corpus')) await import('./corpus.mjs');
else await main();
