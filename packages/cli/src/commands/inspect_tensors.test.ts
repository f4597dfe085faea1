import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BuiltinOp } from '@tflite-lambda/runtime';
import { singleOpModel } from '@tflite-lambda/runtime/builder';
import { runCliCaptured } from '../cli_capture.js';

const cli = runCliCaptured;

const q = (scale: number[], zeroPoint: number[], quantizedDimension = 0) => ({ scale, zeroPoint, quantizedDimension });
const f = Math.fround;

/** An int8 dense layer: per-tensor activations, per-channel weights (dim 0) and an int32 bias. */
const modelPath = join(mkdtempSync(join(tmpdir(), 'tflite-cli-tensors-')), 'dense_int8.tflite');
writeFileSync(
  modelPath,
  singleOpModel({
    opcode: BuiltinOp.FULLY_CONNECTED,
    inputs: [
      { name: 'x', dtype: 'int8', shape: [1, 2], quantization: q([f(0.5)], [-3]) },
      { name: 'w', dtype: 'int8', shape: [3, 2], data: new Int8Array([1, 2, 3, 4, 5, 6]), quantization: q([f(0.01), f(0.02), f(0.04)], [0, 0, 0]) },
      { name: 'b', dtype: 'int32', shape: [3], data: new Int32Array([0, 1, 2]), quantization: q([f(0.005), f(0.01), f(0.02)], [0, 0, 0]) },
    ],
    outputs: [{ name: 'y', dtype: 'int8', shape: [1, 3], quantization: q([f(0.25)], [7]) }],
    options: { kind: 'FullyConnectedOptions', fusedActivation: 'NONE', weightsFormat: 'DEFAULT', keepNumDims: false, asymmetricQuantizeInputs: false },
  }),
);

test('inspect --tensors lists every tensor with dtype, shape, constness and quantization', async () => {
  const r = await cli(['inspect', modelPath, '--tensors']);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /tensors \(4\):/);
  assert.match(r.out, /#\d+ x: int8\[1,2\] {2}scale=0\.500000 zero_point=-3/);
  assert.match(r.out, /#\d+ w: int8\[3,2\] const {2}per-channel\(dim 0, 3 scales 0\.01000\.\.0\.04000, zero_point=0\)/);
  assert.match(r.out, /#\d+ b: int32\[3\] const {2}per-channel\(dim 0, 3 scales 0\.005000\.\.0\.02000, zero_point=0\)/);
  assert.match(r.out, /#\d+ y: int8\[1,3\] {2}scale=0\.250000 zero_point=7/);
});

test('inspect --json --tensors gives every scale and zero point', async () => {
  const r = await cli(['inspect', modelPath, '--json', '--tensors']);
  assert.equal(r.code, 0, r.err);
  const report = JSON.parse(r.out) as { tensors: { name: string; dtype: string; shape: number[]; constant: boolean; quantization: unknown }[] };
  const byName = new Map(report.tensors.map((t) => [t.name, t]));
  assert.deepEqual(byName.get('w'), {
    index: report.tensors.findIndex((t) => t.name === 'w'),
    name: 'w', dtype: 'int8', shape: [3, 2], constant: true, variable: false,
    quantization: { scale: [f(0.01), f(0.02), f(0.04)], zeroPoint: [0, 0, 0], quantizedDimension: 0 },
  });
  assert.deepEqual(byName.get('y')?.quantization, { scale: [0.25], zeroPoint: [7], quantizedDimension: 0 });
  assert.equal(byName.get('x')?.constant, false);
});

test('inspect without --tensors leaves the tensor list out', async () => {
  const r = await cli(['inspect', modelPath, '--json']);
  assert.equal(r.code, 0, r.err);
  assert.equal('tensors' in JSON.parse(r.out), false);
  assert.doesNotMatch((await cli(['inspect', modelPath])).out, /tensors \(/);
});
