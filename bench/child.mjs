// One measured process: loads an engine bundle, a model and a seeded input; prints the first prediction as
// soon as it has it (the parent times spawn → that line), then one JSON line of in-process timings.
// argv: engineBundle variant modelPath inputSpecJson mode(cold|warm) iterations budgetSeconds
import { readFileSync } from 'node:fs';

const [bundle, variant, modelPath, inputSpec, mode, iterArg, budgetArg] = process.argv.slice(2);
const t0 = performance.now();
const engine = await import(bundle);
const tImport = performance.now();
const bytes = new Uint8Array(readFileSync(modelPath));
const meta = JSON.parse(readFileSync(inputSpec, 'utf8'));
const session = await engine.create(bytes, variant);
const tLoad = performance.now();
const input = makeInput(meta);
const first = await session.run(input);
const tFirst = performance.now();
console.log(`prediction ${argmax(first)}`);

const result = {
  startup: t0, import: tImport - t0, load: tLoad - tImport, first: tFirst - tLoad, total: tFirst,
  output: Array.from(first.slice(0, 16), Number),
};
if (mode === 'warm') Object.assign(result, await warm(session, input, Number(iterArg), Number(budgetArg)));
result.peakRssMB = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify(result));

async function warm(s, x, iterations, budgetSeconds) {
  for (let i = 0; i < 10; i++) await s.run(x);
  const times = [];
  const start = performance.now();
  const deadline = start + budgetSeconds * 1000;
  while (times.length < iterations && (times.length < 5 || performance.now() < deadline)) {
    const t = performance.now();
    await s.run(x);
    times.push(performance.now() - t);
  }
  const wall = performance.now() - start;
  times.sort((a, b) => a - b);
  const q = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
  return { iterations: times.length, p50: q(0.5), p99: q(0.99), throughput: times.length / (wall / 1000) };
}

function makeInput({ dtype, shape }) {
  const n = shape.reduce((a, b) => a * b, 1);
  let s = 12345;
  const rand = () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 4294967296;
  };
  if (dtype === 'float32') return Float32Array.from({ length: n }, () => rand() * 2 - 1);
  if (dtype === 'int8') return Int8Array.from({ length: n }, () => Math.floor(rand() * 256) - 128);
  if (dtype === 'uint8') return Uint8Array.from({ length: n }, () => Math.floor(rand() * 256));
  throw new Error(`input dtype ${dtype}`);
}

function argmax(a) {
  let best = 0;
  for (let i = 1; i < a.length; i++) if (a[i] > a[best]) best = i;
  return best;
}
