import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { TfliteError } from '../core/errors.js';
import type { ModelDesc } from '../core/model.js';
import { runFuzz, sharedDir, skipWithoutShared, type FuzzReport } from '@tflite-lambda/testing';
import { buildModel } from './builder/index.js';
import { readModel } from './read_model.js';

/** A hang guard, far above the ~1 ms a case takes: only an unbounded loop could reach it. */
const MAX_CASE_MS = 3000;

function corpus(): { name: string; bytes: Uint8Array }[] {
  const dir = sharedDir();
  if (dir === null) return [];
  const root = join(dir, 'conformance');
  return readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()
    .map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(root, name, 'model.tflite'))) }));
}

/** Reads every field, so lazily thrown errors (unsupported dtype, sparse data) surface here too. */
function touchAll(model: ModelDesc): number {
  let n = 0;
  for (const sg of model.subgraphs) {
    for (const t of sg.tensors) n += t.shape.length + (t.data?.byteLength ?? 0) + t.dtype.length + (t.quantization?.scale.length ?? 0);
    for (const op of sg.operators) n += op.inputs.length + (op.options === null ? 0 : op.options.kind.length);
  }
  return n;
}

const readAndTouch = (b: Uint8Array): void => void touchAll(readModel(b));
const isTfliteError = (e: unknown): boolean => e instanceof TfliteError;

function checkReport(label: string, r: FuzzReport): void {
  assert.deepEqual(r.failures, [], `${label}: non-TfliteError exceptions`);
  assert.ok(r.maxMs < MAX_CASE_MS, `${label}: a case took ${r.maxMs.toFixed(0)} ms`);
}

test('thousands of mutated corpus models each load or throw a TfliteError', { skip: skipWithoutShared() }, () => {
  let total = 0;
  let rejected = 0;
  for (const [i, { name, bytes }] of corpus().entries()) {
    const cases = bytes.byteLength > 1_000_000 ? 60 : 300;
    const r = runFuzz(bytes, { cases, seed: 0x51ed + i, label: name }, readAndTouch, isTfliteError);
    checkReport(name, r);
    total += r.cases;
    rejected += r.rejected;
  }
  assert.ok(total >= 5000, `only ${total} cases`);
  // Mutations land in the tables, so most must be caught (a reader that checked nothing would accept them).
  assert.ok(rejected > total / 3, `only ${rejected} of ${total} mutations were rejected`);
});

test('mutations of a model with external (offset/size) buffers load or throw a TfliteError', { skip: skipWithoutShared() }, () => {
  const { bytes } = corpus().find((m) => m.name === 'mnist_cnn_uint8')!;
  const external = buildModel(readModel(bytes), { externalData: true });
  const r = runFuzz(external, { cases: 500, seed: 0xe7, label: 'external' }, readAndTouch, isTfliteError);
  checkReport('mnist_cnn_uint8 (external data)', r);
  assert.ok(r.rejected > 0 && r.loaded > 0);
});
