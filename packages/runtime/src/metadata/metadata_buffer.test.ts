import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { sharedDir, skipWithoutShared } from '@tflite-lambda/testing';
import { ModelFormatError } from '../core/errors.js';
import { readModelMetadata } from './model_file.js';
import { minParserVersion } from './parser_version.js';
import { readMetadataBuffer } from './read_metadata.js';
import type { ModelMetadata } from './types.js';
import { writeMetadataBuffer } from './write_metadata.js';

/** Every table, union member and enum the schema has, so a wrong field id anywhere breaks the round trip. */
const FULL: ModelMetadata = {
  name: 'full',
  description: 'every field',
  version: 'v3',
  author: 'tflite-lambda',
  license: 'Apache-2.0',
  associatedFiles: [{ name: 'readme.txt', type: 'DESCRIPTIONS', description: 'notes', version: '2' }],
  subgraphMetadata: [
    {
      name: 'main',
      description: 'the subgraph',
      inputTensorMetadata: [
        {
          name: 'image',
          description: 'an RGB image',
          dimensionNames: ['batch', 'height', 'width', 'channels'],
          content: { properties: { kind: 'image', colorSpace: 'RGB', defaultSize: { width: 224, height: 160 } } },
          processUnits: [{ kind: 'normalization', mean: [127.5, 127, 126.5], std: [128, 127.5, 2] }],
          stats: { max: [1], min: [-1] },
        },
        { name: 'audio', content: { properties: { kind: 'audio', sampleRate: 16000, channels: 2 } } },
      ],
      outputTensorMetadata: [
        {
          name: 'boxes',
          content: { properties: { kind: 'boundingBox', index: [1, 0, 3, 2], type: 'BOUNDARIES', coordinateType: 'RATIO' }, range: { min: 2, max: 2 } },
        },
        {
          name: 'classes',
          content: { properties: { kind: 'feature' }, range: { min: 2, max: 2 } },
          associatedFiles: [
            { name: 'labels.txt', type: 'TENSOR_VALUE_LABELS', locale: 'en' },
            { name: 'labels_fr.txt', type: 'TENSOR_VALUE_LABELS', locale: 'fr' },
          ],
        },
        {
          name: 'scores',
          processUnits: [
            { kind: 'scoreCalibration', scoreTransformation: 'INVERSE_LOGISTIC', defaultScore: 0.25 },
            { kind: 'scoreThresholding', globalScoreThreshold: 0.5 },
          ],
          associatedFiles: [{ name: 'calibration.csv', type: 'TENSOR_AXIS_SCORE_CALIBRATION' }],
        },
      ],
      associatedFiles: [{ name: 'index.scann', type: 'SCANN_INDEX_FILE' }],
      inputProcessUnits: [
        { kind: 'bertTokenizer', vocabFile: [{ name: 'vocab.txt', type: 'VOCABULARY' }] },
        { kind: 'sentencePieceTokenizer', sentencePieceModel: [{ name: 'sp.model', type: 'UNKNOWN' }], vocabFile: [] },
        { kind: 'regexTokenizer', delimRegexPattern: "[^\\w\\']+", vocabFile: [{ name: 'words.txt', type: 'VOCABULARY' }] },
      ],
      outputProcessUnits: [],
      inputTensorGroups: [{ name: 'pair', tensorNames: ['image', 'audio'] }],
      outputTensorGroups: [{ tensorNames: ['boxes', 'classes', 'scores'] }],
      customMetadata: [{ name: 'extra', data: new Uint8Array([1, 2, 3]) }],
    },
  ],
};

/**
 * An independent reading of a flatbuffer table, from the flatbuffers binary format alone: the table's
 * soffset to its vtable, the vtable's field offsets, uoffsets to strings and vectors.
 */
function rawTable(bytes: Uint8Array, pos: number) {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const vtable = pos - v.getInt32(pos, true);
  const fieldPos = (id: number): number => {
    if (4 + 2 * id >= v.getUint16(vtable, true)) return 0;
    const off = v.getUint16(vtable + 4 + 2 * id, true);
    return off === 0 ? 0 : pos + off;
  };
  const deref = (p: number) => p + v.getUint32(p, true);
  return {
    byte: (id: number) => bytes[fieldPos(id)],
    string(id: number): string {
      const s = deref(fieldPos(id));
      return new TextDecoder().decode(bytes.subarray(s + 4, s + 4 + v.getUint32(s, true)));
    },
    tables(id: number) {
      const vec = deref(fieldPos(id));
      return Array.from({ length: v.getUint32(vec, true) }, (_, i) => rawTable(bytes, deref(vec + 4 + 4 * i)));
    },
    has: (id: number) => fieldPos(id) !== 0,
  };
}

describe('metadata flatbuffer', () => {
  it('round-trips every table, union member and enum of the schema', () => {
    const back = readMetadataBuffer(writeMetadataBuffer(FULL));
    assert.deepEqual(back, { ...FULL, minParserVersion: '1.5.0' });
  });

  it('lays out fields where the schema says (checked by reading the raw bytes, not with our reader)', () => {
    const bytes = writeMetadataBuffer({
      name: 'digits',
      subgraphMetadata: [{ outputTensorMetadata: [{ name: 'probability', associatedFiles: [{ name: 'labels.txt', type: 'TENSOR_AXIS_LABELS' }] }] }],
    });
    assert.equal(new TextDecoder().decode(bytes.subarray(4, 8)), 'M001');
    const root = rawTable(bytes, new DataView(bytes.buffer).getUint32(0, true));
    assert.equal(root.string(0), 'digits'); // ModelMetadata.name
    assert.equal(root.string(7), '1.0.0'); // ModelMetadata.min_parser_version
    assert.equal(root.has(1), false); // no description
    const [subgraph] = root.tables(3); // subgraph_metadata
    assert.equal(subgraph.has(2), false); // no input_tensor_metadata
    const [output] = subgraph.tables(3); // output_tensor_metadata
    assert.equal(output.string(0), 'probability');
    const [file] = output.tables(6); // TensorMetadata.associated_files
    assert.equal(file.string(0), 'labels.txt');
    assert.equal(file.byte(2), 2); // AssociatedFileType.TENSOR_AXIS_LABELS
  });

  it('reads a metadata buffer assembled by hand byte by byte', () => {
    // root → table at 20; vtable at 8: 10 bytes, table size 12, name at +4, description absent, version at +8.
    const bytes = new Uint8Array([
      20, 0, 0, 0, 0x4d, 0x30, 0x30, 0x31, // root offset, "M001"
      10, 0, 12, 0, 4, 0, 0, 0, 8, 0, 0, 0, // vtable, 2 bytes of padding
      12, 0, 0, 0, 8, 0, 0, 0, 12, 0, 0, 0, // table: soffset 20 - 8, uoffset name → 32, uoffset version → 40
      2, 0, 0, 0, 0x6f, 0x6b, 0, 0, // "ok"
      2, 0, 0, 0, 0x76, 0x31, 0, 0, // "v1"
    ]);
    assert.deepEqual(readMetadataBuffer(bytes), { name: 'ok', version: 'v1' });
  });

  it('refuses a buffer with another identifier, and a truncated one', () => {
    const bytes = writeMetadataBuffer({ name: 'x' });
    const other = bytes.slice();
    other[7] = 0x32;
    assert.throws(() => readMetadataBuffer(other), /identifier is 'M002', expected 'M001'/);
    assert.throws(() => readMetadataBuffer(bytes.subarray(0, 12)), ModelFormatError);
  });

  it('computes min_parser_version from the newest schema member used', () => {
    assert.equal(minParserVersion({ name: 'plain' }), '1.0.0');
    assert.equal(minParserVersion({ associatedFiles: [{ name: 'v', type: 'VOCABULARY' }] }), '1.0.1');
    assert.equal(minParserVersion({ subgraphMetadata: [{ inputProcessUnits: [] }] }), '1.1.0');
    assert.equal(minParserVersion({ subgraphMetadata: [{ outputTensorGroups: [] }] }), '1.2.0');
    const regex = { kind: 'regexTokenizer', delimRegexPattern: ' ', vocabFile: [] } as const;
    assert.equal(minParserVersion({ subgraphMetadata: [{ inputTensorMetadata: [{ processUnits: [regex] }] }] }), '1.2.1');
  });
});

describe('metadata published with real models (written by TFLite Support)', { skip: skipWithoutShared() }, () => {
  const read = (path: string) => readModelMetadata(new Uint8Array(readFileSync(join(sharedDir() ?? '', path))));

  it('YAMNet: audio input at 16 kHz mono, 521 labels on the scores output', () => {
    const { metadata, files } = read('tasks/audio/model.tflite');
    const sg = metadata?.subgraphMetadata?.[0];
    assert.equal(metadata?.name, 'yamnet/classification');
    assert.deepEqual(sg?.inputTensorMetadata?.[0].content?.properties, { kind: 'audio', sampleRate: 16000, channels: 1 });
    assert.deepEqual(sg?.outputTensorMetadata?.[0].associatedFiles?.map((f) => [f.name, f.type]), [['yamnet_label_list.txt', 'TENSOR_AXIS_LABELS']]);
    assert.deepEqual([...files.keys()], ['yamnet_label_list.txt']);
  });

  it('MediaPipe palm detection: RGB image input normalised by mean 0, std 255', () => {
    const { metadata, files } = read('wild/palm_detection_full/model.tflite');
    const input = metadata?.subgraphMetadata?.[0].inputTensorMetadata?.[0];
    assert.deepEqual(input?.content?.properties, { kind: 'image', colorSpace: 'RGB' });
    assert.deepEqual(input?.processUnits, [{ kind: 'normalization', mean: [0], std: [255] }]);
    assert.equal(new TextDecoder().decode(files.get('labels.txt')), 'palm');
  });

  it('our min_parser_version agrees with the one the publisher recorded, on every model that has one', () => {
    const models = ['tasks/audio', 'wild/palm_detection_full', 'wild/face_landmark', 'wild/pose_detection', 'wild/pose_landmarks_detector', 'wild/face_stylization_dummy'];
    for (const m of models) {
      const { metadata } = read(`${m}/model.tflite`);
      assert.ok(metadata?.minParserVersion, m);
      assert.equal(minParserVersion(metadata), metadata.minParserVersion, m);
    }
  });

  it('models without metadata read as null', () => {
    assert.equal(read('tasks/detect/model.tflite').metadata, null);
  });
});
