// npm run bench -- --corpus: warm latency of our runtime and LiteRT.js side by side on every model of
// ../shared/wild and ../shared/conformance that both run, one process per model, engines alternating in
// blocks (corpus_child.mjs). Groups the ratios ours / LiteRT.js by precision class (median and worst) and
// writes bench/corpus-node<major>.json and a markdown table.
// Options: --node PATH (the Node binary to measure under; default this one)  --models a,b  --budget seconds
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildEngines, OUT } from './build.mjs';
import { corpusMarkdown } from './corpus_report.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const SHARED = join(here, '..', '..', 'shared');

function parseArgs(argv) {
  const get = (k, d) => { const i = argv.indexOf(`--${k}`); return i >= 0 ? argv[i + 1] : d; };
  const models = get('models', '');
  return { node: get('node', process.execPath), models: models ? models.split(',') : null, budget: Number(get('budget', 3)) };
}

/** Every corpus model folder: { name, corpus, dir, class, reference }. */
function listModels(lib) {
  const found = [];
  for (const corpus of ['wild', 'conformance']) {
    const root = join(SHARED, corpus);
    if (!existsSync(root)) throw new Error(`${root} not found: the corpus bench needs ../shared`);
    for (const e of readdirSync(root, { withFileTypes: true })) {
      const dir = join(root, e.name);
      if (!e.isDirectory() || !existsSync(join(dir, 'model.tflite'))) continue;
      const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8'));
      const cls = meta.class ?? lib.modelClass(lib.readModel, new Uint8Array(readFileSync(join(dir, 'model.tflite'))));
      found.push({ name: e.name, corpus, dir, class: cls, reference: meta.reference ?? 'litert', stateful: !!meta.stateful });
    }
  }
  return found.sort((a, b) => a.class.localeCompare(b.class) || a.name.localeCompare(b.name));
}

function runChild(node, argv) {
  return new Promise((resolve) => {
    const child = spawn(node, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => {
      const last = out.trim().split('\n').pop();
      try {
        resolve(JSON.parse(last));
      } catch {
        resolve({ skipped: `child exited ${code}: ${(err || out).trim().split('\n').pop()?.slice(0, 200)}` });
      }
    });
  });
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.floor(s.length / 2)] : NaN; };

/** Per class: median and worst ratio ours / LiteRT.js over the models both engines ran. */
export function summarize(models) {
  const byClass = {};
  for (const m of models) {
    if (m.ratio === undefined) continue;
    byClass[m.class] ??= [];
    byClass[m.class].push(m);
  }
  const out = {};
  for (const [cls, ms] of Object.entries(byClass)) {
    const worst = ms.reduce((a, b) => (b.ratio > a.ratio ? b : a));
    out[cls] = { models: ms.length, median: median(ms.map((m) => m.ratio)), worst: worst.ratio, worstModel: worst.name };
  }
  return out;
}

async function main() {
  const args = parseArgs(process.argv.slice(2).filter((a) => a !== '--corpus'));
  await buildEngines();
  const lib = await import(join(OUT, 'models.mjs'));
  const nodeVersion = await new Promise((resolve) => {
    const c = spawn(args.node, ['--version']);
    let v = '';
    c.stdout.on('data', (d) => (v += d));
    c.on('close', () => resolve(v.trim()));
  });
  const models = listModels(lib).filter((m) => !args.models || args.models.includes(m.name));
  const results = [];
  for (const m of models) {
    let r;
    if (m.reference !== 'litert') r = { skipped: `LiteRT.js does not run it (corpus reference: ${m.reference})` };
    else {
      process.stderr.write(`corpus bench (${nodeVersion}): ${m.class} ${m.name}\n`);
      r = await runChild(args.node, [join(here, 'corpus_child.mjs'), join(OUT, 'ours.mjs'), join(OUT, 'litert.mjs'), m.dir, String(args.budget)]);
    }
    const entry = { name: m.name, corpus: m.corpus, class: m.class, ...r };
    if (r.ours && r.litert) entry.ratio = r.ours.median / r.litert.median;
    results.push(entry);
  }
  const report = {
    date: new Date().toISOString(),
    machine: { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, node: nodeVersion },
    settings: { budgetSecondsPerModel: args.budget },
    classes: summarize(results),
    models: results,
  };
  const file = join(here, `corpus-node${nodeVersion.replace(/^v/, '').split('.')[0]}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(corpusMarkdown(report));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
