/**
 * Google's runtime loads what the metadata writer produces: LiteRT.js gives the same outputs for a model
 * before and after its metadata and associated files are written (a model built here, a conformance model,
 * and YAMNet with its published metadata replaced), so the new root table, vectors and moved offsets are
 * valid flatbuffer for TFLite's verifier, not only for our reader.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { bytesOf, readCorpusModel, sharedDir, skipWithoutShared, type HostTensor } from '@tflite-lambda/testing';
import { LiteRtOracle } from '@tflite-lambda/testing/litert';
import { BuiltinOp } from '../core/ops.js';
import { singleOpModel } from '../schema/builder/index.js';
import { readModelMetadata, writeModelMetadata } from './model_file.js';

let oracle: LiteRtOracle;
before(async () => {
  oracle = await LiteRtOracle.create();
});

const labels = new Map([['labels.txt', new TextEncoder().encode('zero\none\n')]]);
const metadata = {
  name: 'with labels',
  subgraphMetadata: [{ outputTensorMetadata: [{ name: 'y', associatedFiles: [{ name: 'labels.txt', type: 'TENSOR_AXIS_LABELS' as const }] }] }],
};

async function sameOutputs(before: Uint8Array, after: Uint8Array, inputs: HostTensor[]): Promise<void> {
  const [a, b] = [await oracle.run(before, inputs), await oracle.run(after, inputs)];
  assert.equal(a.length, b.length);
  a.forEach((t, i) => { assert.ok(Buffer.from(bytesOf(t.data)).equals(bytesOf(b[i].data)), `output ${i} differs`); });
}

describe('LiteRT.js runs models after metadata is written', () => {
  it('a built model with metadata and a zipped labels file', async () => {
    const model = singleOpModel({
      opcode: BuiltinOp.MUL,
      options: { kind: 'MulOptions', fusedActivation: 'NONE', potScaleInt16: true },
      inputs: [
        { name: 'x', dtype: 'float32', shape: [1, 2] },
        { name: 'k', dtype: 'float32', shape: [1, 2], data: new Float32Array([3, -2]) },
      ],
      outputs: [{ name: 'y', dtype: 'float32', shape: [1, 2] }],
    });
    const written = writeModelMetadata(model, metadata, labels);
    const [out] = await oracle.run(written, [{ dtype: 'float32', shape: [1, 2], data: new Float32Array([5, 7]) }]);
    assert.deepEqual([...(out.data as Float32Array)], [15, -14]);
  });

  it('a conformance model, against its reference outputs', { skip: skipWithoutShared() }, async () => {
    const model = readCorpusModel('mnist_cnn_uint8');
    const written = writeModelMetadata(model.bytes, metadata, labels);
    const c = model.cases[0];
    const outs = await oracle.run(written, c.inputs);
    outs.forEach((o, k) => { assert.ok(Buffer.from(bytesOf(o.data)).equals(bytesOf(c.outputs[k].data)), `output ${k}`); });
  });

  it('YAMNet with its published metadata replaced', { skip: skipWithoutShared() }, async () => {
    const yamnet = new Uint8Array(readFileSync(join(sharedDir() ?? '', 'tasks', 'audio', 'model.tflite')));
    const { metadata: published, files } = readModelMetadata(yamnet);
    assert.ok(published);
    const rewritten = writeModelMetadata(yamnet, { ...published, version: 'v1-relabelled' }, files);
    const waveform = new Float32Array(15600).map((_, i) => 0.5 * Math.sin((2 * Math.PI * 440 * i) / 16000));
    await sameOutputs(yamnet, rewritten, [{ dtype: 'float32', shape: [15600], data: waveform }]);
    assert.equal(readModelMetadata(rewritten).metadata?.version, 'v1-relabelled');
  });
});
