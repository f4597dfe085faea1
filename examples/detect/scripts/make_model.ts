/**
 * Writes this example's model.tflite: the published COCO SSD MobileNet v1 (uint8) from ../shared/tasks/detect,
 * byte for byte, with TFLite Model Metadata attached by our writer — the labels, the box layout and the
 * model's provenance — so the handler needs no options. And writes events/*.json. Run from the repository
 * root:
 *   node --conditions=source --import tsx examples/detect/scripts/make_model.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeModelMetadata, type ModelMetadata } from '@tflite-lambda/runtime/metadata';
import { httpApiV2Event, restV1Event } from '@tflite-lambda/testing/serving';

const exampleDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const source = resolve(exampleDir, '..', '..', '..', 'shared', 'tasks', 'detect');

const metadata: ModelMetadata = {
  name: 'COCO SSD MobileNet v1 (quantized)',
  description: 'Detects up to 10 objects of 90 COCO categories in an image (300×300 RGB, uint8).',
  version: 'coco_ssd_mobilenet_v1_1.0_quant_2018_06_29',
  author: 'Google (TensorFlow Lite examples), via mattn/go-tflite',
  license: 'Apache-2.0 (model); MIT (mattn/go-tflite, which redistributes it)',
  subgraphMetadata: [
    {
      inputTensorMetadata: [
        { name: 'image', description: 'The image, resized to 300×300 RGB.', content: { properties: { kind: 'image', colorSpace: 'RGB' } } },
      ],
      outputTensorMetadata: [
        {
          name: 'location',
          description: 'Boxes as top, left, bottom, right fractions of the image.',
          content: { properties: { kind: 'boundingBox', index: [1, 0, 3, 2], type: 'BOUNDARIES', coordinateType: 'RATIO' }, range: { min: 2, max: 2 } },
        },
        {
          name: 'category',
          description: 'The class of each box (an index into the labels, after the background).',
          content: { properties: { kind: 'feature' }, range: { min: 2, max: 2 } },
          associatedFiles: [{ name: 'labelmap.txt', description: 'COCO labels; ??? is the background and unused ids.', type: 'TENSOR_VALUE_LABELS' }],
        },
        { name: 'score', description: 'The score of each box.', content: { properties: { kind: 'feature' }, range: { min: 2, max: 2 } } },
        { name: 'number of detections', description: 'How many boxes are valid.' },
      ],
    },
  ],
};

const model = writeModelMetadata(
  new Uint8Array(readFileSync(join(source, 'model.tflite'))),
  metadata,
  new Map([['labelmap.txt', new Uint8Array(readFileSync(join(source, 'labelmap.txt')))]]),
);
writeFileSync(join(exampleDir, 'model.tflite'), model);

const photo = readFileSync(join(exampleDir, 'test_images', 'children_laptop.jpg'));
const write = (name: string, event: unknown) => writeFileSync(join(exampleDir, 'events', name), `${JSON.stringify(event, null, 2)}\n`);
write('rest-v1-detect.json', restV1Event({ path: '/detect', headers: { 'Content-Type': 'image/jpeg' }, body: photo }));
write('http-api-v2-models.json', httpApiV2Event({ method: 'GET', path: '/models' }, 'prod'));
console.log(`model.tflite: ${model.length} bytes; events written`);
