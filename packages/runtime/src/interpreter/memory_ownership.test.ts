import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { numericValue, readCorpusModel, repoRoot, sharedDir, skipWithoutShared } from '@tflite-lambda/testing';
import { StateError, MemoryLimitError } from '../core/errors.js';
import type { TypedArray } from '../core/dtype.js';
import { WasmContext } from '../kernels/wasm/context.js';
import { simdSupported } from '../kernels/wasm/module.js';
import { Interpreter } from './interpreter.js';

const noSimd = !simdSupported() && 'no WebAssembly SIMD';
const mnistModel = (): Uint8Array => new Uint8Array(readFileSync(join(repoRoot(), 'examples', 'mnist', 'model.tflite')));

/** Runs the model once on a deterministic input; returns its outputs. */
function runOnce(it: Interpreter): TypedArray[] {
  it.allocateTensors();
  for (const d of it.getInputDetails()) {
    const n = d.shape.reduce((a, b) => a * b, 1);
    const x = d.dtype === 'float32' ? Float32Array.from({ length: n }, (_, i) => Math.sin(i)) : null;
    if (x) it.setTensor(d.index, x);
    else if (d.dtype === 'uint8') it.setTensor(d.index, Uint8Array.from({ length: n }, (_, i) => (i * 37) % 256));
    else if (d.dtype === 'int8') it.setTensor(d.index, Int8Array.from({ length: n }, (_, i) => ((i * 37) % 256) - 128));
  }
  it.invoke();
  return it.getOutputDetails().map((d) => numericValue(it.getTensor(d.index)));
}

describe('an interpreter owns its memory', () => {
  test('dispose() releases it: every later call is a StateError, and disposing twice is harmless', () => {
    const it = Interpreter.loadSync(mnistModel());
    runOnce(it);
    it.dispose();
    it.dispose();
    assert.equal(it.wasmMemoryBytes, 0);
    assert.throws(() => it.invoke(), StateError);
    assert.throws(() => it.allocateTensors(), StateError);
    assert.throws(() => it.getTensor(it.getOutputDetails()[0]!.index), StateError);
    assert.throws(() => it.setTensor(it.getInputDetails()[0]!.index, new Uint8Array(784)), StateError);
  });

  test('Symbol.dispose is dispose()', () => {
    const it = Interpreter.loadSync(mnistModel());
    runOnce(it);
    it[Symbol.dispose]();
    assert.throws(() => it.invoke(), StateError);
  });

  test('wasm kernels find their inputs in the interpreter\'s memory: no copy into it per invoke', { skip: noSimd }, () => {
    const ctx = new WasmContext();
    const it = Interpreter.loadSync(mnistModel(), { memory: ctx });
    const expected = runOnce(it);
    let copies = 0;
    for (const view of [ctx.f32, ctx.i8, ctx.u8, ctx.i16, ctx.i32]) {
      const original = view.set.bind(view) as (a: ArrayLike<number>, offset?: number) => void;
      Object.defineProperty(view, 'set', {
        value: (a: ArrayLike<number>, offset?: number) => {
          copies++;
          original(a, offset);
        },
      });
    }
    it.invoke();
    assert.equal(copies, 0);
    assert.deepEqual(it.getTensor(it.getOutputDetails()[0]!.index), expected[0]);
    it.dispose();
    ctx.dispose();
  });

  test('in a memory grown past 2 GiB, offsets stay unsigned and answers stay bit-exact', { skip: noSimd || skipWithoutShared() }, () => {
    const models = [mnistModel(), readCorpusModel('hello_world_int8').bytes, readCorpusModel('mobilenet_v2_int8').bytes];
    const expected = models.map((m) => runOnce(Interpreter.loadSync(m)));
    const ctx = new WasmContext();
    const padding = ctx.alloc(2 ** 31 + 4096 * 1024);
    const high = models.map((m) => Interpreter.loadSync(m, { memory: ctx }));
    high.forEach((it, k) => { assert.deepEqual(runOnce(it), expected[k], `model ${k} above 2 GiB`); });
    assert.ok(ctx.byteLength > 2 ** 31);
    for (const it of high) it.dispose();
    ctx.free(padding);
    ctx.dispose();
  });

  test('a memory with a byte limit refuses a model that does not fit with MemoryLimitError', { skip: noSimd || skipWithoutShared() }, () => {
    const ctx = new WasmContext({ maxBytes: 1 << 20 });
    const it = Interpreter.loadSync(readCorpusModel('mobilenet_v2_int8').bytes, { memory: ctx });
    assert.throws(() => it.allocateTensors(), MemoryLimitError);
    ctx.dispose();
  });

  test('maxArenaBytes must be a positive finite number', () => {
    for (const bad of [Number.NaN, -1, 0, Number.POSITIVE_INFINITY]) {
      assert.throws(() => Interpreter.loadSync(mnistModel(), { maxArenaBytes: bad }), /maxArenaBytes/);
    }
  });
});

describe('loading and disposing models in a loop leaves memory flat', () => {
  // A child process with an exposed garbage collector, so that released memory is really returned.
  const script = `
    import { readFileSync } from 'node:fs';
    import { Interpreter } from ${JSON.stringify(new URL('../index.js', import.meta.url).href)};
    const models = process.argv.slice(1).map((p) => readFileSync(p));
    const cycle = () => {
      for (const bytes of models) {
        const it = Interpreter.loadSync(bytes);
        it.allocateTensors();
        it.invoke();
        it.dispose();
      }
    };
    const rss = () => { globalThis.gc(); globalThis.gc(); return process.memoryUsage().rss; };
    for (let i = 0; i < 10; i++) cycle();
    const before = rss();
    for (let i = 0; i < 100; i++) cycle();
    const after = rss();
    console.log(JSON.stringify({ before, after }));
  `;
  test('100 load/dispose cycles of the MNIST and mobilenet_v2_int8 models grow RSS by less than one model load', { skip: skipWithoutShared() }, () => {
    const mobilenet = join(sharedDir()!, 'conformance', 'mobilenet_v2_int8', 'model.tflite');
    const mnist = join(repoRoot(), 'examples', 'mnist', 'model.tflite');
    const res = spawnSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', script, mnist, mobilenet], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    });
    assert.equal(res.status, 0, res.stderr);
    const { before, after } = JSON.parse(res.stdout.trim().split('\n').pop()!) as { before: number; after: number };
    // One mobilenet_v2_int8 load holds ≈ 7 MB of packed weights and ≈ 5 MB of arena; a leak of one load per
    // cycle would add ≈ 1.2 GB over 100 cycles.
    assert.ok(after - before < 24 * 1024 * 1024, `RSS grew from ${before} to ${after} bytes over 100 cycles`);
  });
});
