/**
 * Test helper for the serve/invoke/bundle tests: a model with the MNIST model's interface (uint8 [1,28,28] in,
 * float32 [1,10] probabilities out) whose answer is the vertical band (of ten) holding the most ink, plus
 * PNGs with a bar in a chosen band. Lets the CLI tests check real answers without a trained model.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BuiltinOp } from '@tflite-lambda/runtime';
import { ModelBuilder } from '@tflite-lambda/runtime/builder';
import { PNG } from 'pngjs';

const band = (x: number) => Math.floor((x * 10) / 28);

export function bandModel(): Uint8Array {
  const b = new ModelBuilder();
  const input = b.addInput({ dtype: 'uint8', shape: [1, 28, 28] });
  const f = b.addTensor({ dtype: 'float32', shape: [1, 28, 28] });
  const shape = b.addTensor({ dtype: 'int32', shape: [2], data: new Int32Array([1, 784]) });
  const flat = b.addTensor({ dtype: 'float32', shape: [1, 784] });
  const w = new Float32Array(7840);
  for (let c = 0; c < 10; c++) for (let p = 0; p < 784; p++) if (band(p % 28) === c) w[c * 784 + p] = 0.1 / 255;
  const weights = b.addTensor({ dtype: 'float32', shape: [10, 784], data: w });
  const bias = b.addTensor({ dtype: 'float32', shape: [10], data: new Float32Array(10) });
  const logits = b.addTensor({ dtype: 'float32', shape: [1, 10] });
  const out = b.addOutput({ dtype: 'float32', shape: [1, 10] });
  b.addOperator({ opcode: BuiltinOp.CAST, inputs: [input], outputs: [f], options: { kind: 'CastOptions', inDataType: 'uint8', outDataType: 'float32' } });
  b.addOperator({ opcode: BuiltinOp.RESHAPE, inputs: [f, shape], outputs: [flat], options: { kind: 'ReshapeOptions', newShape: [1, 784] } });
  b.addOperator({
    opcode: BuiltinOp.FULLY_CONNECTED,
    inputs: [flat, weights, bias],
    outputs: [logits],
    options: { kind: 'FullyConnectedOptions', fusedActivation: 'NONE', weightsFormat: 'DEFAULT', keepNumDims: false, asymmetricQuantizeInputs: false },
  });
  b.addOperator({ opcode: BuiltinOp.SOFTMAX, inputs: [logits], outputs: [out], options: { kind: 'SoftmaxOptions', beta: 1 } });
  return b.build();
}

/** Writes bandModel() to a fresh temp folder; returns its path. */
export function bandModelFile(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'tflite-lambda-model-')), 'band.tflite');
  writeFileSync(file, bandModel());
  return file;
}

/** A 56×56 gray PNG, white in the columns of band `k`, black elsewhere. */
export function bandPng(k: number): Uint8Array {
  const png = new PNG({ width: 56, height: 56 });
  for (let i = 0; i < 56 * 56; i++) {
    const v = band(Math.floor((i % 56) / 2)) === k ? 255 : 0;
    png.data.set([v, v, v, 255], i * 4);
  }
  return new Uint8Array(PNG.sync.write(png));
}
