// Per-node profile of one model in our runtime: every kernel of the default resolver wrapped with a timer,
// then N invokes; prints time per op kind (and the slowest nodes) with the kernel that ran each.
// Usage: node bench/profile.mjs path/to/model.tflite [invokes=20]   (after `npx tsc -b`)
// Also prints load+prepare and first-invoke times. Inputs: the corpus's first case when cases.json sits beside
// the model, else seeded random data.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Interpreter, OpResolver, builtinOpResolver } from '@tflite-lambda/runtime';

const [path, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 20);
const perNode = new Map();

/** The default resolver with every registration's eval timed per node. */
function timedResolver() {
  const base = builtinOpResolver();
  const timed = new OpResolver();
  for (const op of base.ops()) {
    for (const k of [...base.candidates(op)].reverse()) {
      timed.add({
        ...k,
        eval: (node, data) => {
          const t = performance.now();
          k.eval(node, data);
          const e = perNode.get(node.index) ?? { name: k.name, ms: 0, shape: node.outputs[0]?.shape.join('x') };
          e.ms += performance.now() - t;
          perNode.set(node.index, e);
        },
      });
    }
  }
  return timed;
}

const TYPED = { float32: Float32Array, int32: Int32Array, int8: Int8Array, uint8: Uint8Array, int16: Int16Array, int64: BigInt64Array, bool: Uint8Array };

function inputsFor(it) {
  const casesPath = join(dirname(path), 'cases.json');
  if (existsSync(casesPath)) {
    const c = JSON.parse(readFileSync(casesPath, 'utf8')).cases?.[0];
    if (c) return c.inputs.map(({ dtype, data }) => { const b = Buffer.from(data, 'base64'); const u = new Uint8Array(b); return new TYPED[dtype](u.buffer, 0, u.length / TYPED[dtype].BYTES_PER_ELEMENT); });
  }
  let s = 1;
  const rand = () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 4294967296;
  };
  return it.getInputDetails().map((d) => {
    const n = d.shape.reduce((a, b) => a * b, 1);
    const C = TYPED[d.dtype];
    return C === Float32Array ? Float32Array.from({ length: n }, () => rand() * 2 - 1) : C.from({ length: n }, () => Math.floor(rand() * 100));
  });
}

const t0 = performance.now();
const it = Interpreter.loadSync(readFileSync(path), { resolver: timedResolver() });
const tLoad = performance.now();
it.allocateTensors();
const tPrep = performance.now();
perNode.clear(); // folded nodes ran at prepare
const ids = it.getInputDetails().map((d) => d.index);
const xs = inputsFor(it);
ids.forEach((id, i) => { it.setTensor(id, xs[i]); });
it.invoke();
const tFirst = performance.now();
perNode.clear();
const w0 = performance.now();
for (let i = 0; i < runs; i++) it.invoke();
const total = (performance.now() - w0) / runs;
console.log(`load ${(tLoad - t0).toFixed(1)} ms, prepare ${(tPrep - tLoad).toFixed(1)} ms, first invoke ${(tFirst - tPrep).toFixed(1)} ms, warm ${total.toFixed(2)} ms/invoke`);
const byKernel = new Map();
for (const e of perNode.values()) {
  const k = byKernel.get(e.name) ?? { ms: 0, nodes: 0 };
  k.ms += e.ms / runs;
  k.nodes++;
  byKernel.set(e.name, k);
}
console.log('\nper kernel (ms/invoke, share):');
for (const [name, k] of [...byKernel].sort((a, b) => b[1].ms - a[1].ms)) {
  console.log(`  ${k.ms.toFixed(3).padStart(9)}  ${(100 * k.ms / total).toFixed(1).padStart(5)}%  ${String(k.nodes).padStart(4)}×  ${name}`);
}
console.log('\nslowest nodes:');
for (const [i, e] of [...perNode].sort((a, b) => b[1].ms - a[1].ms).slice(0, 12)) {
  console.log(`  ${(e.ms / runs).toFixed(3).padStart(9)}  node ${i}  ${e.name}  → ${e.shape}`);
}
