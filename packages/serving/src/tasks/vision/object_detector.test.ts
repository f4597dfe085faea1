import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DecodedImage } from '@tflite-lambda/vision';
import { writeModelMetadata } from '@tflite-lambda/runtime/metadata';
import { knownDetectorModel, type KnownDetection } from '@tflite-lambda/testing/serving';
import { ObjectDetector } from './object_detector.js';

/** Three boxes far apart (so none suppresses another), classes 2, 0, 1 of three. */
const KNOWN: KnownDetection[] = [
  { cy: 0.5, cx: 0.5, h: 0.2, w: 0.4, classIndex: 2, score: 0.9 },
  { cy: 0.15, cx: 0.15, h: 0.1, w: 0.1, classIndex: 0, score: 0.7 },
  { cy: 0.85, cx: 0.8, h: 0.1, w: 0.2, classIndex: 1, score: 0.4 },
];
const image = (width: number, height: number): DecodedImage => ({ width, height, channels: 3, bitDepth: 8, data: new Uint8Array(width * height * 3) });
const LABELS = ['background', 'cat', 'dog', 'bird'];

describe('ObjectDetector on a detector with known detections', () => {
  it('gives boxes in the pixels of the original image, labels skipping the background, best first', async () => {
    const det = await ObjectDetector.load(knownDetectorModel({ detections: KNOWN, numClasses: 3 }), { labels: LABELS });
    const { detections } = det.detect(image(200, 100));
    assert.deepEqual(detections.map((d) => [d.categories[0].categoryName, d.categories[0].index]), [['bird', 2], ['cat', 0], ['dog', 1]]);
    assert.deepEqual(detections[0].boundingBox, { originX: 60, originY: 40, width: 80, height: 20 }); // x 0.3–0.7 of 200, y 0.4–0.6 of 100
    assert.ok(Math.abs(detections[0].categories[0].score - 0.9) < 1e-6);
  });

  it('finds the outputs through the graph when the model lists them in another order', async () => {
    const model = knownDetectorModel({ detections: KNOWN, numClasses: 3, outputOrder: [2, 0, 3, 1] });
    const det = await ObjectDetector.load(model, { labels: LABELS });
    assert.deepEqual(det.detect(image(200, 100)).detections.map((d) => d.categories[0].categoryName), ['bird', 'cat', 'dog']);
  });

  it('applies score threshold, max results and allow/deny lists, at load or per call', async () => {
    const det = await ObjectDetector.load(knownDetectorModel({ detections: KNOWN, numClasses: 3 }), { labels: LABELS, scoreThreshold: 0.5 });
    const names = (r: ReturnType<ObjectDetector['detect']>) => r.detections.map((d) => d.categories[0].categoryName);
    assert.deepEqual(names(det.detect(image(10, 10))), ['bird', 'cat']);
    assert.deepEqual(names(det.detect(image(10, 10), { maxResults: 1 })), ['bird']);
    assert.deepEqual(names(det.detect(image(10, 10), { scoreThreshold: 0, categoryDenylist: ['bird'] })), ['cat', 'dog']);
    assert.deepEqual(names(det.detect(image(10, 10), { categoryAllowlist: ['dog', 'cat'] })), ['cat']);
  });

  it('takes a labels file without a background, and refuses one that fits neither count', async () => {
    const det = await ObjectDetector.load(knownDetectorModel({ detections: KNOWN, numClasses: 3 }), { labels: ['cat', 'dog', 'bird'] });
    assert.equal(det.detect(image(10, 10)).detections[0].categories[0].categoryName, 'bird');
    await assert.rejects(ObjectDetector.load(knownDetectorModel({ detections: KNOWN, numClasses: 3 }), { labels: ['a', 'b'] }), /2 labels for a detector of 3 classes/);
  });

  it('reads labels and the box layout from metadata', async () => {
    // The operator writes (ymin, xmin, ymax, xmax); metadata saying index [0, 1, 2, 3] declares (left, top,
    // right, bottom) instead, and the detector must follow it: (0.4, 0.3, 0.6, 0.7) becomes x 0.4–0.6, y 0.3–0.7.
    const model = writeModelMetadata(
      knownDetectorModel({ detections: KNOWN.slice(0, 1), numClasses: 3 }),
      {
        subgraphMetadata: [
          {
            outputTensorMetadata: [
              { name: 'location', content: { properties: { kind: 'boundingBox', index: [0, 1, 2, 3], type: 'BOUNDARIES', coordinateType: 'RATIO' }, range: { min: 2, max: 2 } } },
              { name: 'category', associatedFiles: [{ name: 'labelmap.txt', type: 'TENSOR_VALUE_LABELS' }] },
              { name: 'score' },
              { name: 'number of detections' },
            ],
          },
        ],
      },
      new Map([['labelmap.txt', new TextEncoder().encode('???\ncat\ndog\nbird\n')]]),
    );
    const det = await ObjectDetector.load(model);
    const [only] = det.detect(image(200, 100)).detections;
    assert.equal(only.categories[0].categoryName, 'bird');
    assert.deepEqual(only.boundingBox, { originX: 80, originY: 30, width: 40, height: 40 });
  });

  it("maps boxes back through a centre crop ('crop' fit)", async () => {
    const det = await ObjectDetector.load(knownDetectorModel({ detections: KNOWN.slice(0, 1), numClasses: 3 }), { fit: 'crop' });
    // The 8×8 input is square: a 200×100 image is seen through its centred 100×100 region, x from 50.
    assert.deepEqual(det.detect(image(200, 100)).detections[0].boundingBox, { originX: 80, originY: 40, width: 40, height: 20 });
  });

  it('refuses a model without detection outputs, naming what it needs', async () => {
    const { columnBandModel } = await import('@tflite-lambda/testing/serving');
    await assert.rejects(ObjectDetector.load(columnBandModel()), /needs the four outputs of TFLite_Detection_PostProcess/);
  });
});
