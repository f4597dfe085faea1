import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { sharedDir, skipWithoutShared } from '@tflite-lambda/testing';
import { ModelFormatError } from '../core/errors.js';
import { BuiltinOp } from '../core/ops.js';
import { Interpreter } from '../interpreter/interpreter.js';
import { buildModel, singleOpModel } from '../schema/builder/index.js';
import { readModel } from '../schema/read_model.js';
import { readModelMetadata, writeModelMetadata } from './model_file.js';
import type { ModelMetadata } from './types.js';
import { readZipFiles } from './zip/zip_reader.js';

const enc = (s: string) => new TextEncoder().encode(s);

/** y = x + [1, 2, 3, 4]: a constant buffer, so moved data would show in the output. */
function addModel(): Uint8Array {
  return singleOpModel({
    opcode: BuiltinOp.ADD,
    options: { kind: 'AddOptions', fusedActivation: 'NONE', potScaleInt16: true },
    inputs: [
      { name: 'x', dtype: 'float32', shape: [1, 4] },
      { name: 'bias', dtype: 'float32', shape: [1, 4], data: new Float32Array([1, 2, 3, 4]) },
    ],
    outputs: [{ name: 'y', dtype: 'float32', shape: [1, 4] }],
  });
}

function run(model: Uint8Array): number[] {
  const it = Interpreter.loadSync(model);
  it.allocateTensors();
  return [...(it.run([new Float32Array([10, 20, 30, 40])])[0] as Float32Array)];
}

const LABELLED: ModelMetadata = {
  name: 'adder',
  subgraphMetadata: [
    {
      inputTensorMetadata: [{ name: 'x' }],
      outputTensorMetadata: [{ name: 'y', associatedFiles: [{ name: 'labels.txt', type: 'TENSOR_AXIS_LABELS' }] }],
    },
  ],
};
const LABELS = new Map([['labels.txt', enc('a\nb\nc\nd\n')]]);

describe('metadata written into a model', () => {
  it('reads back, and the model still loads and computes the same outputs', () => {
    const model = addModel();
    const withMeta = writeModelMetadata(model, LABELLED, LABELS);
    const { metadata, files } = readModelMetadata(withMeta);
    assert.deepEqual(metadata, { ...LABELLED, minParserVersion: '1.0.0' });
    assert.deepEqual(files, LABELS);
    assert.deepEqual(run(withMeta), run(model));
    assert.deepEqual(run(withMeta), [11, 22, 33, 44]);
    const desc = readModel(withMeta);
    assert.deepEqual(desc.metadata.map((m) => m.name), ['TFLITE_METADATA']);
    assert.equal(desc.subgraphs[0].tensors[1].data?.byteOffset !== undefined, true);
  });

  it('keeps constant buffers 16-byte aligned', () => {
    const withMeta = writeModelMetadata(addModel(), LABELLED, LABELS);
    const bias = readModel(withMeta).subgraphs[0].tensors[1].data;
    assert.ok(bias);
    assert.equal(bias.byteOffset % 16, 0);
  });

  it('replaces metadata and files written before, keeping other metadata entries', () => {
    const once = writeModelMetadata(addModel(), LABELLED, LABELS);
    const second: ModelMetadata = { name: 'renamed', associatedFiles: [{ name: 'notes.txt', type: 'DESCRIPTIONS' }] };
    const twice = writeModelMetadata(once, second, new Map([['notes.txt', enc('hello')]]));
    const { metadata, files } = readModelMetadata(twice);
    assert.equal(metadata?.name, 'renamed');
    assert.deepEqual([...files.keys()], ['notes.txt']);
    assert.deepEqual(readModel(twice).metadata.map((m) => m.name), ['TFLITE_METADATA']);
    assert.equal(readModel(twice).subgraphs[0].tensors.length, readModel(once).subgraphs[0].tensors.length);
    assert.deepEqual(run(twice), [11, 22, 33, 44]);
  });

  it('moves the offsets of buffers stored after the flatbuffer (the >2 GB layout)', () => {
    const external = buildModel(readModel(addModel()), { externalData: true });
    const withMeta = writeModelMetadata(external, LABELLED, LABELS);
    assert.deepEqual(run(withMeta), [11, 22, 33, 44]);
    assert.deepEqual(readModelMetadata(withMeta).files, LABELS);
  });

  it('can deflate the associated files', () => {
    const withMeta = writeModelMetadata(addModel(), LABELLED, LABELS, { zipMethod: 'deflate' });
    assert.deepEqual(readZipFiles(withMeta), LABELS);
  });

  it('refuses files the metadata does not name, and named files that are missing', () => {
    assert.throws(() => writeModelMetadata(addModel(), LABELLED), /names the associated file 'labels.txt', but it was not given/);
    assert.throws(() => writeModelMetadata(addModel(), { name: 'x' }, LABELS), ModelFormatError);
  });

  it('a model without metadata reads as null with no files', () => {
    assert.deepEqual(readModelMetadata(addModel()), { metadata: null, files: new Map() });
  });
});

describe('metadata rewritten on a published model', { skip: skipWithoutShared() }, () => {
  it('YAMNet keeps its graph and gets the new metadata and files', () => {
    const yamnet = new Uint8Array(readFileSync(join(sharedDir() ?? '', 'tasks', 'audio', 'model.tflite')));
    const original = readModelMetadata(yamnet);
    assert.ok(original.metadata);
    const relabelled: ModelMetadata = { ...original.metadata, name: 'yamnet/relabelled' };
    const labels = original.files.get('yamnet_label_list.txt') ?? new Uint8Array(0);
    const out = writeModelMetadata(yamnet, relabelled, new Map([['yamnet_label_list.txt', labels]]));
    const back = readModelMetadata(out);
    assert.equal(back.metadata?.name, 'yamnet/relabelled');
    assert.deepEqual(back.metadata?.subgraphMetadata, original.metadata.subgraphMetadata);
    assert.deepEqual(back.files.get('yamnet_label_list.txt'), labels);
    const [before, after] = [readModel(yamnet), readModel(out)];
    assert.equal(after.subgraphs[0].operators.length, before.subgraphs[0].operators.length);
    const weight = (m: typeof before) => m.subgraphs[0].tensors.find((t) => t.data !== null && t.data.length > 1000)?.data;
    assert.deepEqual(weight(after), weight(before));
  });
});
