/**
 * Writes this example's models/ and events/: the movie-review classifier and a uint8 ImageNet MobileNet, as
 * published, with TFLite metadata attached by our writer (the regex tokenizer, vocabulary and labels; the
 * image input and the 1001 ImageNet labels), and a sidecar asking the MobileNet to centre-crop. Run from the
 * repository root:
 *   node --conditions=source --import tsx examples/tensors/scripts/make_models.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { httpApiV2Event, restV1Event, functionUrlEvent, textClassifierWithMetadata, withClassifierMetadata } from '@tflite-lambda/testing/serving';

const exampleDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = resolve(exampleDir, '..', '..', '..', 'shared');
const models = join(exampleDir, 'models');

writeFileSync(join(models, 'sentiment.tflite'), textClassifierWithMetadata());
const mobilenet = withClassifierMetadata(new Uint8Array(readFileSync(join(shared, 'wild', 'mobilenet_v1_0.25_128_quant', 'model.tflite'))), {
  name: 'MobileNet v1 0.25 128 (uint8), ImageNet',
  labels: readFileSync(join(shared, 'tasks', 'classify', 'imagenet_labels.txt'), 'utf8'),
});
writeFileSync(join(models, 'mobilenet.tflite'), mobilenet);
writeFileSync(join(models, 'mobilenet.json'), `${JSON.stringify({ task: 'classify', options: { fit: 'crop', maxResults: 5 } }, null, 2)}\n`);

/** The sentiment model's input for a review: <START>, word ids, <PAD> — what its tokenizer computes. */
function ids(text: string): number[] {
  const vocab = new Map(readFileSync(join(shared, 'tasks', 'text', 'vocab.txt'), 'utf8').split('\n').map((l) => l.split(' ')).map(([w, id]) => [w, Number(id)]));
  const out = new Array<number>(256).fill(0);
  out[0] = 1;
  text.split(' ').forEach((w, i) => { (out[i + 1] = vocab.get(w) ?? 2); });
  return out;
}
const review = 'this is the best movie i have ever seen wonderful acting and a great story';
const json = (v: unknown) => JSON.stringify(v);
const write = (name: string, event: unknown) => writeFileSync(join(exampleDir, 'events', name), `${JSON.stringify(event, null, 2)}\n`);
const type = { 'Content-Type': 'application/json' };
write('v2-infer-sentiment.json', restV1Event({ path: '/v2/models/sentiment/infer', headers: type, body: json({ id: 'review-1', inputs: [{ name: 'embedding_input', shape: [1, 256], datatype: 'FP32', data: ids(review) }] }) }));
write('v1-predict-sentiment.json', httpApiV2Event({ path: '/v1/models/sentiment:predict', headers: type, body: json({ instances: [ids(review)] }) }));
write('classify-text.json', functionUrlEvent({ path: '/models/sentiment/classify', headers: type, body: json({ text: review }) }));
write('classify-image.json', restV1Event({ path: '/models/mobilenet/classify', headers: { 'Content-Type': 'image/png' }, body: readFileSync(join(exampleDir, 'test_inputs', 'peacock.png')) }));
write('v2-models.json', httpApiV2Event({ method: 'GET', path: '/v2/models' }));
console.log('models and events written');
