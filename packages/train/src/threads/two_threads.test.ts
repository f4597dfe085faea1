import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { conv2dBackpropFilter, conv2dBackpropInput, conv2dForward, type ConvGeometry } from '../compute/conv.js';
import type { PoolGeometry } from '../compute/max_pool.js';
import { seededRandom } from '../autokeras/hyperparameters.js';
import { convEngine } from './conv_engine.js';
import { SERIAL, TwoThreads } from './executor.js';
import { runJob, type Job } from './jobs.js';
import { asShared, sharedFloats } from './shared.js';

const threads = TwoThreads.create();
after(() => threads.close());

const rand = seededRandom(4);
const random = (n: number, shared = false) => {
  const v = shared ? sharedFloats(n) : new Float32Array(n);
  for (let i = 0; i < n; i++) v[i] = rand() * 2 - 1;
  return v;
};
const same = (a: Float32Array, b: Float32Array, what: string, tol = 0) =>
  a.forEach((v, i) => { assert.ok(Math.abs(v - b[i]) <= tol * (1 + Math.abs(v)) || Object.is(v, b[i]), `${what}[${i}] ${v} vs ${b[i]}`); });

test('convolutions split over two threads equal the single-threaded functions, with operands in shared or ordinary memory', () => {
  const g: ConvGeometry = { batch: 5, inH: 14, inW: 13, inC: 16, outH: 12, outW: 11, outC: 32, kh: 3, kw: 3, strideH: 1, strideW: 1, dilationH: 1, dilationW: 1, padTop: 0, padLeft: 0 };
  const engine = convEngine(threads);
  for (const shared of [false, true]) {
    const x = random(g.batch * g.inH * g.inW * g.inC, shared), w = random(9 * 16 * 32), dy = random(g.batch * g.outH * g.outW * 32, shared);
    const y = new Float32Array(dy.length), dw = new Float32Array(w.length), dx = new Float32Array(x.length);
    conv2dForward(x, w, g, y);
    conv2dBackpropFilter(x, dy, g, dw);
    conv2dBackpropInput(dy, w, g, dx);
    same(engine.forward(x, w, g), y, `forward shared=${shared}`);
    same(engine.backpropFilter(x, dy, g), dw, `filter shared=${shared}`, 1e-5); // two partial sums
    same(engine.backpropInput(dy, w, g), dx, `input shared=${shared}`);
    assert.ok(asShared(engine.forward(x, w, g)), 'outputs are allocated in shared memory');
  }
});

test('every pointwise and pooling job gives the same result split over two threads as run whole', () => {
  const n = 3 * 7 * 7 * 5; // the split falls inside a bias row
  const a = random(n, true), b = random(n, true), bias = random(5, true), scalar = random(1, true);
  a[3] = NaN;
  b[9] = NaN;
  const g: PoolGeometry = { batch: 3, inH: 7, inW: 7, channels: 5, outH: 4, outW: 4, fh: 3, fw: 3, strideH: 2, strideW: 2, padTop: 1, padLeft: 1 };
  const g2: PoolGeometry = { batch: 3, inH: 6, inW: 8, channels: 5, outH: 3, outW: 4, fh: 2, fw: 2, strideH: 2, strideW: 2, padTop: 0, padLeft: 0 };
  const a2 = random(3 * 6 * 8 * 5, true);
  const s = (v: Float32Array) => asShared(v)!;
  const cases: [string, (out: Float32Array) => Job, number, number][] = [
    ['add bias', (o) => ({ kind: 'binary', op: 'add', a: s(a), b: s(bias), out: s(o) }), n, n],
    ['sub scalar', (o) => ({ kind: 'binary', op: 'sub', a: s(a), b: s(scalar), out: s(o) }), n, n],
    ['mul', (o) => ({ kind: 'binary', op: 'mul', a: s(a), b: s(b), out: s(o) }), n, n],
    ['relu', (o) => ({ kind: 'relu', x: s(a), out: s(o) }), n, n],
    ['reluGrad', (o) => ({ kind: 'reluGrad', dy: s(b), x: s(a), out: s(o) }), n, n],
    ['step', (o) => ({ kind: 'step', x: s(a), alpha: 0.25, out: s(o) }), n, n],
    ['maxPool', (o) => ({ kind: 'maxPool', g, x: s(a), out: s(o) }), g.batch, 3 * 4 * 4 * 5],
    ['maxPoolGrad', (o) => ({ kind: 'maxPoolGrad', g, dy: s(random(3 * 4 * 4 * 5, true)), x: s(a), out: s(o) }), g.batch, n],
    ['maxPool 2x2', (o) => ({ kind: 'maxPool', g: g2, x: s(a2), out: s(o) }), g2.batch, 3 * 3 * 4 * 5],
    ['maxPoolGrad 2x2', (o) => ({ kind: 'maxPoolGrad', g: g2, dy: s(random(3 * 3 * 4 * 5, true)), x: s(a2), out: s(o) }), g2.batch, 3 * 6 * 8 * 5],
  ];
  for (const [name, make, total, outLength] of cases) {
    const whole = sharedFloats(outLength), split = sharedFloats(outLength);
    const job = make(whole);
    runJob(job, 0, total);
    threads.run({ ...job, out: s(split) } as Job, total);
    same(split, whole, name);
    const serial = sharedFloats(outLength);
    SERIAL.run({ ...job, out: s(serial) } as Job, total);
    same(serial, whole, `${name} (serial executor)`);
  }
});

test('when the worker is gone, jobs still complete on this thread', async () => {
  const t = TwoThreads.create();
  const n = 1 << 12;
  const x = random(n, true), out = sharedFloats(n), ref = sharedFloats(n);
  await t.close();
  t.run({ kind: 'relu', x: asShared(x)!, out: asShared(out)! }, n);
  runJob({ kind: 'relu', x: asShared(x)!, out: asShared(ref)! }, 0, n);
  same(out, ref, 'relu after the worker exited');
});

test('a worker that never answers is an error after the timeout, not a hang', () => {
  const t = TwoThreads.create({ timeoutMs: 200 });
  // Stand in for a stuck worker: drop the message, so the worker never signals completion.
  const n = 1 << 12;
  const x = random(n, true), out = sharedFloats(n);
  (t as unknown as { worker: { postMessage: (m: unknown) => void } }).worker.postMessage = () => {};
  assert.throws(() => t.run({ kind: 'relu', x: asShared(x)!, out: asShared(out)! }, n), /did not finish a relu job in 200 ms/);
  void t.close();
});
