// One model of the corpus bench, in its own process: loads it in our runtime and in LiteRT.js, runs the
// corpus's first case through both, then alternates blocks of invocations (ours, LiteRT.js, ours, …) so that
// machine noise hits both engines alike. Prints one JSON line: per-engine median/min warm latency, or why the
// model was skipped.
// argv: oursBundle litertBundle modelDir budgetSeconds
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const [oursBundle, litertBundle, modelDir, budgetArg] = process.argv.slice(2);
const budgetMs = Number(budgetArg) * 1000;
const print = (obj) => process.stdout.write(`${JSON.stringify(obj)}\n`);

// LiteRT.js prints INFO lines and browser warnings through console: keep stdout for the result.
for (const m of ['log', 'info', 'warn', 'error', 'debug']) console[m] = () => {};

const TYPED = {
  float32: Float32Array, int32: Int32Array, int8: Int8Array, uint8: Uint8Array, int16: Int16Array,
  int64: BigInt64Array, bool: Uint8Array, float16: Uint16Array,
};

function decode({ dtype, data }) {
  const bytes = Buffer.from(data, 'base64');
  const Ctor = TYPED[dtype];
  if (!Ctor) throw new Error(`input dtype ${dtype}`);
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return new Ctor(copy.buffer, 0, bytes.length / Ctor.BYTES_PER_ELEMENT);
}

async function timeOnce(session, inputs) {
  const t = performance.now();
  await session.run(inputs);
  return performance.now() - t;
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

function maxAbsDiff(a, b) {
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(Number(a[i]) - Number(b[i]));
    if (d > m || Number.isNaN(d)) m = Number.isNaN(d) ? m : d;
  }
  return m;
}

async function main() {
  const bytes = new Uint8Array(readFileSync(join(modelDir, 'model.tflite')));
  const cases = JSON.parse(readFileSync(join(modelDir, 'cases.json'), 'utf8')).cases ?? [];
  if (cases.length === 0) return print({ skipped: 'no reference case' });
  const inputs = cases[0].inputs.map(decode);
  if (cases[0].inputs.some((t) => t.dtype === 'bool')) return print({ skipped: 'bool input (LiteRT.js JS API)' });
  const engines = {};
  for (const [name, bundle] of [['ours', oursBundle], ['litert', litertBundle]]) {
    try {
      const mod = await import(bundle);
      const t0 = performance.now();
      const session = await mod.createSession(bytes);
      const first = await session.run(inputs);
      const load = performance.now() - t0;
      if (session.errors && session.errors().length > 0) throw new Error(`logged ${session.errors()[0]}`);
      engines[name] = { session, first, load };
    } catch (err) {
      return print({ skipped: `${name}: ${String(err?.message ?? err).split('\n')[0].slice(0, 200)}` });
    }
  }
  const { ours, litert } = engines;
  const diff = ours.first.map((o, i) => (litert.first[i] ? maxAbsDiff(o, litert.first[i]) : null));
  // Warm up both (V8's optimizing wasm tier, caches), then size blocks to ≈ 50 ms each.
  const warm = {};
  for (const name of ['ours', 'litert']) {
    const s = engines[name].session;
    const ts = [];
    const until = performance.now() + Math.min(1000, budgetMs / 8);
    do ts.push(await timeOnce(s, inputs)); while (ts.length < 3 || (performance.now() < until && ts.length < 20));
    warm[name] = median(ts);
  }
  const perBlock = Math.max(1, Math.round(50 / Math.max(warm.ours, warm.litert)));
  const times = { ours: [], litert: [] };
  const deadline = performance.now() + budgetMs;
  let rounds = 0;
  while (rounds < 5 || (performance.now() < deadline && rounds < 400)) {
    // Alternate which engine goes first, so neither always follows the other's cache footprint.
    const order = rounds % 2 === 0 ? ['ours', 'litert'] : ['litert', 'ours'];
    for (const name of order) {
      for (let i = 0; i < perBlock; i++) times[name].push(await timeOnce(engines[name].session, inputs));
    }
    rounds++;
  }
  const summary = (ts) => ({ median: median(ts), min: Math.min(...ts), n: ts.length });
  print({
    ours: { ...summary(times.ours), loadAndFirst: ours.load },
    litert: { ...summary(times.litert), loadAndFirst: litert.load },
    rounds, maxAbsDiffPerOutput: diff,
  });
}

main().catch((err) => print({ skipped: `error: ${String(err?.message ?? err).split('\n')[0].slice(0, 200)}` }));
