import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BuiltinOp } from '@tflite-lambda/runtime';
import { flexMap, ModelBuilder, singleOpModel } from '@tflite-lambda/runtime/builder';
import { runCliCaptured } from '../cli_capture.js';

const cli = runCliCaptured;

const dir = mkdtempSync(join(tmpdir(), 'tflite-cli-'));
const modelPath = join(dir, 'dense.tflite');
writeFileSync(
  modelPath,
  singleOpModel({
    opcode: BuiltinOp.FULLY_CONNECTED,
    inputs: [
      { name: 'x', dtype: 'float32', shape: [1, 2] },
      { name: 'w', dtype: 'float32', shape: [3, 2], data: new Float32Array([1, 0, 0, 1, 1, 1]) },
    ],
    outputs: [{ name: 'y', dtype: 'float32', shape: [1, 3] }],
    options: { kind: 'FullyConnectedOptions', fusedActivation: 'NONE', weightsFormat: 'DEFAULT', keepNumDims: false, asymmetricQuantizeInputs: false },
  }),
);

test('inspect --json lists ops, inputs, outputs, weight and arena bytes', async () => {
  const r = await cli(['inspect', modelPath, '--json']);
  assert.equal(r.code, 0, r.err);
  const report = JSON.parse(r.out);
  assert.deepEqual(report.ops, [{ name: 'FULLY_CONNECTED', code: 9, versions: [1], count: 1 }]);
  assert.equal(report.inputs[0].name, 'x');
  assert.deepEqual(report.outputs[0].shape, [1, 3]);
  assert.equal(report.weightBytes, 24);
  assert.ok(report.arenaBytes >= 8 + 12);
});

test('inspect prints a readable summary', async () => {
  const r = await cli(['inspect', modelPath]);
  assert.equal(r.code, 0);
  assert.match(r.out, /1 × FULLY_CONNECTED \(code 9, v1\)/);
  assert.match(r.out, /#0 x: float32\[1,2\]/);
});

test('run --input json prints the outputs', async () => {
  const input = join(dir, 'x.json');
  writeFileSync(input, JSON.stringify([[2, 5]]));
  const r = await cli(['run', modelPath, '--input', input, '--json']);
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(JSON.parse(r.out).outputs[0].values, [2, 5, 7]);
});

test('run with a wrong-sized input file is a clear error, exit code 1', async () => {
  const input = join(dir, 'bad.json');
  writeFileSync(input, JSON.stringify([1, 2, 3]));
  const r = await cli(['run', modelPath, '--input', input]);
  assert.equal(r.code, 1);
  assert.match(r.err, /needs 2 values/);
});

test('unknown options and missing arguments are usage errors (exit code 2)', async () => {
  assert.equal((await cli(['inspect'])).code, 2);
  assert.equal((await cli(['inspect', modelPath, '--bogus'])).code, 2);
  assert.equal((await cli(['nonsense'])).code, 2);
});

test('a file that is not a model is reported without a stack trace', async () => {
  const junk = join(dir, 'junk.tflite');
  writeFileSync(junk, 'not a flatbuffer at all');
  const r = await cli(['inspect', junk]);
  assert.equal(r.code, 1);
  assert.match(r.err, /^error: /);
});

test('inspect names custom operators by their code (CUSTOM \'TFLite_Detection_PostProcess\')', async () => {
  const m = new ModelBuilder();
  const boxes = m.addInput({ dtype: 'float32', shape: [1, 2, 4] });
  const scores = m.addInput({ dtype: 'float32', shape: [1, 2, 2] });
  const anchors = m.addTensor({ dtype: 'float32', shape: [2, 4], data: new Float32Array(8).fill(0.5) });
  const outputs = [[1, 1, 4], [1, 1], [1, 1], [1]].map((shape) => m.addOutput({ dtype: 'float32', shape }));
  m.addOperator({
    opcode: BuiltinOp.CUSTOM, customCode: 'TFLite_Detection_PostProcess', inputs: [boxes, scores, anchors], outputs,
    customOptions: flexMap({ max_detections: 1, max_classes_per_detection: 1, nms_score_threshold: 0.1, nms_iou_threshold: 0.5, num_classes: 1, y_scale: 10, x_scale: 10, h_scale: 5, w_scale: 5 }),
  });
  const file = join(mkdtempSync(join(tmpdir(), 'inspect-custom-')), 'det.tflite');
  writeFileSync(file, m.build());
  const r = await runCliCaptured(['inspect', file]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /1 × CUSTOM 'TFLite_Detection_PostProcess' \(code 32, v1\)/);
});
