/**
 * ObjectDetector on the published COCO SSD MobileNet (uint8, TFLite_Detection_PostProcess) and its labelmap:
 * the two children and the laptop in tasks/detect/example.jpg, and the same detections as TFLite's own
 * kernels (LiteRT.js) give for the same preprocessed input, decoded here independently.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { skipWithoutShared } from '@tflite-lambda/testing';
import { LiteRtOracle } from '@tflite-lambda/testing/litert';
import { liteRtSsd, readBytes, sharedPath } from '@tflite-lambda/testing/serving';
import type { DetectionResult } from '../core/results.js';
import { ObjectDetector } from './object_detector.js';
import { preprocess } from './preprocess.js';

describe('COCO SSD MobileNet on the children-and-laptop photo', { skip: skipWithoutShared() }, () => {
  let detector: ObjectDetector;
  let photo: Uint8Array;
  let result: DetectionResult;
  before(async () => {
    detector = await ObjectDetector.load(sharedPath('tasks', 'detect', 'model.tflite'), { labels: sharedPath('tasks', 'detect', 'labelmap.txt') });
    photo = readBytes(sharedPath('tasks', 'detect', 'example.jpg'));
    result = detector.detect(photo);
  });

  it('finds two people and a laptop with scores over 0.5, boxes inside the 1920×1280 photo', () => {
    const confident = result.detections.filter((d) => d.categories[0].score > 0.5);
    const count = (name: string) => confident.filter((d) => d.categories[0].categoryName === name).length;
    assert.ok(count('person') >= 2, JSON.stringify(confident.map((d) => d.categories[0])));
    assert.ok(count('laptop') >= 1);
    for (const { boundingBox: b } of result.detections) {
      assert.ok(b.originX >= 0 && b.originY >= 0 && b.originX + b.width <= 1920 && b.originY + b.height <= 1280, JSON.stringify(b));
    }
    // The two most confident people are two children, side by side: their boxes' centres are far apart.
    const [a, b] = confident.filter((d) => d.categories[0].categoryName === 'person').map((d) => d.boundingBox.originX + d.boundingBox.width / 2);
    assert.ok(Math.abs(a - b) > 300, `person centres at x ${a} and ${b}`);
  });

  // Needs TFLite's exact uint8 arithmetic (branch `exact`): it passes on a merge of that branch; remove the todo
  // once main has it.
  it("matches TFLite's kernels (LiteRT.js): classes and scores exactly, boxes to the pixel", async () => {
    const oracle = await LiteRtOracle.create();
    const { tensor } = preprocess(photo, detector.inputSpec);
    const [boxes, classes, scores, count] = await liteRtSsd(oracle, readBytes(sharedPath('tasks', 'detect', 'model.tflite')), {
      dtype: 'uint8', shape: [1, 300, 300, 3], data: tensor,
    });
    const labels = new TextDecoder().decode(readBytes(sharedPath('tasks', 'detect', 'labelmap.txt'))).split('\n');
    // Boxes may reach past the image (a corner at x < 0): they are clipped to it, as TFLite Support does.
    const clip = (v: number, size: number) => Math.min(size, Math.max(0, Math.round(v * size)));
    const expected = Array.from({ length: Number(count.data[0]) }, (_, i) => {
      const [ymin, xmin, ymax, xmax] = Array.from(boxes.data.subarray(4 * i, 4 * i + 4) as Float32Array);
      const [x0, y0, x1, y1] = [clip(xmin, 1920), clip(ymin, 1280), clip(xmax, 1920), clip(ymax, 1280)];
      return { name: labels[Number(classes.data[i]) + 1], score: Number(scores.data[i]), box: [x0, y0, x1 - x0, y1 - y0] };
    });
    const ours = result.detections.map((d) => ({ name: d.categories[0].categoryName, score: d.categories[0].score, box: [d.boundingBox.originX, d.boundingBox.originY, d.boundingBox.width, d.boundingBox.height] }));
    assert.deepEqual(ours.map((d) => [d.name, d.score]), expected.map((d) => [d.name, d.score]));
    ours.forEach((d, i) => { d.box.forEach((v, k) => { assert.ok(Math.abs(v - expected[i].box[k]) <= 1, `detection ${i}: box ${d.box} vs ${expected[i].box}`); }); });
  });
});
