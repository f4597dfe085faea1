import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { skipWithoutShared } from '@tflite-lambda/testing';
import {
  addMulModel,
  audioClassifierModel,
  bertLikeModel,
  columnBandModel,
  embedderModel,
  knownDetectorModel,
  readBytes,
  sharedPath,
  textClassifierWithMetadata,
} from '@tflite-lambda/testing/serving';
import { TaskModel } from './core/task_model.js';
import { inferTask } from './infer_task.js';

const taskOf = (bytes: Uint8Array) => inferTask(TaskModel.fromBytes(bytes));

describe('task inference (--task auto)', () => {
  it('from metadata: an audio input, a tokenizer', () => {
    assert.equal(taskOf(audioClassifierModel()), 'audio');
    assert.equal(taskOf(bertLikeModel()), 'text');
  });
  it('from the graph and tensors: detection post-processing, a spatial output, a named embedding, a score vector', () => {
    assert.equal(taskOf(knownDetectorModel({ detections: [{ cy: 0.5, cx: 0.5, h: 0.1, w: 0.1, classIndex: 0, score: 0.9 }], numClasses: 1 })), 'detect');
    assert.equal(taskOf(embedderModel()), 'embed');
    assert.equal(taskOf(columnBandModel()), 'classify');
  });
  it('none for a model that is not an image, audio or text task', () => {
    assert.equal(taskOf(addMulModel()), null);
  });
  it('the published task models', { skip: skipWithoutShared() }, () => {
    const cases: [string[], string | null][] = [
      [['tasks', 'detect', 'model.tflite'], 'detect'],
      [['tasks', 'segment', 'model.tflite'], 'segment'],
      [['wild', 'mobilenet_v1_0.25_128_quant', 'model.tflite'], 'classify'],
      [['tasks', 'text', 'model.tflite'], null],
    ];
    for (const [path, task] of cases) assert.equal(taskOf(readBytes(sharedPath(...path))), task, path.join('/'));
    assert.equal(taskOf(textClassifierWithMetadata()), 'text');
  });
});
