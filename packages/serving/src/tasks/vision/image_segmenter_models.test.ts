/**
 * ImageSegmenter on the published DeepLab v3 MobileNet (PASCAL VOC, 21 classes, float): the category mask
 * is the per-pixel argmax of what TFLite's kernels (LiteRT.js) compute on the same input, the children in
 * the photo are 'person', and the PNG mask decodes back to the same indices.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { decodeImage } from '@tflite-lambda/vision';
import { skipWithoutShared } from '@tflite-lambda/testing';
import { LiteRtOracle } from '@tflite-lambda/testing/litert';
import { readBytes, sharedPath } from '@tflite-lambda/testing/serving';
import type { ImageSegmenterResult } from '../core/results.js';
import { ImageSegmenter } from './image_segmenter.js';
import { categoryMaskPng } from './mask_png.js';
import { preprocess } from './preprocess.js';

/** The PASCAL VOC classes, in the order the DeepLab example apps list them. */
export const VOC_LABELS = ['background', 'aeroplane', 'bicycle', 'bird', 'boat', 'bottle', 'bus', 'car', 'cat', 'chair', 'cow',
  'diningtable', 'dog', 'horse', 'motorbike', 'person', 'pottedplant', 'sheep', 'sofa', 'train', 'tv'];

describe('DeepLab v3 on the photo in tasks/segment', { skip: skipWithoutShared() }, () => {
  let segmenter: ImageSegmenter;
  let photo: Uint8Array;
  let atModel: ImageSegmenterResult;
  before(async () => {
    // The TFLite segmentation example feeds (pixel - 127.5) / 127.5.
    segmenter = await ImageSegmenter.load(sharedPath('tasks', 'segment', 'model.tflite'), { normalization: 'minus-one-one', labels: VOC_LABELS });
    photo = readBytes(sharedPath('tasks', 'segment', 'example.jpg'));
    atModel = segmenter.segment(photo, { maskSize: 'model', outputConfidenceMasks: true });
  });

  it("gives the argmax of TFLite's per-class scores at every pixel (near-ties aside)", async () => {
    const oracle = await LiteRtOracle.create();
    const { tensor } = preprocess(photo, segmenter.inputSpec);
    const [out] = await oracle.run(readBytes(sharedPath('tasks', 'segment', 'model.tflite')), [{ dtype: 'float32', shape: [1, 257, 257, 3], data: tensor }]);
    const logits = out.data as Float32Array;
    const mask = atModel.categoryMask;
    assert.ok(mask);
    assert.deepEqual([mask.width, mask.height], [257, 257]);
    let differing = 0;
    for (let p = 0; p < 257 * 257; p++) {
      const row = logits.subarray(p * 21, p * 21 + 21);
      const sorted = [...row].sort((a, b) => b - a);
      const best = row.indexOf(sorted[0]);
      if (mask.data[p] !== best) {
        differing++;
        assert.ok(sorted[0] - sorted[1] < 1e-3, `pixel ${p}: ${mask.data[p]} vs ${best} (margin ${sorted[0] - sorted[1]})`);
      }
    }
    assert.ok(differing <= 20, `${differing} pixels differ`);
  });

  it('sees people: a large share of person pixels, and confidences that sum to 1', () => {
    const mask = atModel.categoryMask;
    assert.ok(mask);
    const person = mask.data.filter((c) => c === VOC_LABELS.indexOf('person')).length / mask.data.length;
    assert.ok(person > 0.1, `person covers ${(person * 100).toFixed(1)} %`);
    assert.equal(atModel.labels[15], 'person');
    const masks = atModel.confidenceMasks ?? [];
    assert.equal(masks.length, 21);
    for (const p of [0, 1000, 33000]) {
      const sum = masks.reduce((s, m) => s + m.data[p], 0);
      assert.ok(Math.abs(sum - 1) < 1e-5, `pixel ${p}: ${sum}`);
    }
  });

  it('scales the category mask to the photo, and the PNG holds the same indices', () => {
    const full = segmenter.segment(photo);
    const mask = full.categoryMask;
    assert.ok(mask);
    assert.deepEqual([mask.width, mask.height], [1920, 1280]);
    const model = atModel.categoryMask?.data ?? new Uint8Array(0);
    // Nearest neighbour: pixel (x, y) takes model pixel (floor((x + 0.5)·257/1920), floor((y + 0.5)·257/1280)).
    for (const [x, y] of [[0, 0], [960, 640], [1919, 1279], [500, 1000]]) {
      const [mx, my] = [Math.floor(((x + 0.5) * 257) / 1920), Math.floor(((y + 0.5) * 257) / 1280)];
      assert.equal(mask.data[y * 1920 + x], model[my * 257 + mx], `(${x}, ${y})`);
    }
    const decoded = decodeImage(categoryMaskPng(mask));
    assert.deepEqual([decoded.width, decoded.height], [1920, 1280]);
    assert.equal(decoded.channels, 3); // palette PNGs decode to RGB; the palette maps index 15 to its colour
    const png = categoryMaskPng({ width: 4, height: 1, data: Uint8Array.from([0, 15, 15, 1]) });
    const rgb = decodeImage(png).data;
    assert.deepEqual([...rgb.slice(0, 6)], [0, 0, 0, 192, 128, 128]); // VOC colours of background and person
  });
});
