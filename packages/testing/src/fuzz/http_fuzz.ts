/**
 * The HTTP fuzz target: request bodies in every shape the API takes (raw image, JSON with base64, data URLs,
 * multipart forms, form-encoded raw bytes, any of them gzip- or deflate-compressed), mutated at the envelope
 * (Content-Type and its boundary, multipart framing and part headers, JSON structure, the base64 text, the
 * compressed stream and its Content-Encoding) or inside the image they carry, and answered by the real HTTP
 * core with a real classifier. The property: a 200 or a 4xx whose JSON error has a known code and a message
 * of ours, within the time budget — never a 500.
 */
import { deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { Interpreter } from '@tflite-lambda/runtime';
import { createApp, ImageClassifier, statusOf, type App, type HttpErrorCode, type ServedModel } from '@tflite-lambda/serving';
import { passThroughModel } from '../serving/classifier_models.js';
import { caseRng, describeThrown, foreignWording, type FuzzCase, type FuzzTarget } from './fuzz_case.js';
import type { Prng } from './fuzz_mutations.js';
import { flipBytes } from './png_mutations.js';
import { FUZZ_IMAGE_LIMITS, FUZZ_TIME_BUDGET_MS, FUZZ_TIME_SLACK_MS, mutateImage, pillowSeeds, type ImageSeed } from './image_fuzz.js';

export interface HttpBody {
  readonly contentType: string;
  readonly body: Uint8Array;
  readonly contentEncoding?: string;
}

const BOUNDARY = '----fuzzBoundary7MA4YWxk';
const bytesOf = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'latin1'));

type Envelope = 'raw' | 'json' | 'data-url' | 'base64url' | 'multipart' | 'form';
const ENVELOPES: readonly Envelope[] = ['raw', 'json', 'data-url', 'base64url', 'multipart', 'form'];

/** `image` wrapped the way a client of the API sends it. */
export function envelope(kind: Envelope, image: Uint8Array): HttpBody {
  const b64 = Buffer.from(image).toString('base64');
  if (kind === 'raw') return { contentType: 'image/png', body: image };
  if (kind === 'form') return { contentType: 'application/x-www-form-urlencoded', body: image };
  if (kind === 'json') return { contentType: 'application/json', body: bytesOf(JSON.stringify({ image: b64 })) };
  if (kind === 'data-url') return { contentType: 'application/json; charset=utf-8', body: bytesOf(JSON.stringify({ image: `data:image/png;base64,${b64}` })) };
  if (kind === 'base64url') return { contentType: 'application/json', body: bytesOf(JSON.stringify({ image: Buffer.from(image).toString('base64url') })) };
  const head = `preamble\r\n--${BOUNDARY}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n--${BOUNDARY}\r\n` +
    'Content-Disposition: form-data; name="image"; filename="digit.png"\r\nContent-Type: image/png\r\n\r\n';
  return { contentType: `multipart/form-data; boundary=${BOUNDARY}`, body: new Uint8Array(Buffer.concat([bytesOf(head), image, bytesOf(`\r\n--${BOUNDARY}--\r\n`)])) };
}

const CONTENT_TYPES = [
  '', 'image/png', 'IMAGE/JPEG', 'image/gif', 'application/octet-stream', 'application/json', 'application/vnd.api+json',
  'text/plain', 'multipart/form-data', `multipart/form-data; boundary="${BOUNDARY}"`, 'multipart/form-data; boundary=',
  `multipart/form-data; boundary=${'x'.repeat(71)}`, `multipart/form-data; boundary=${BOUNDARY.slice(0, 10)}`,
  'application/x-www-form-urlencoded', 'application/json; charset=latin1', ';;;', 'multipart/mixed; boundary=a',
];

type BodyMutation = 'content-type' | 'framing' | 'json' | 'base64' | 'image' | 'bytes' | 'truncate';
const BODY_MUTATIONS: readonly BodyMutation[] = ['content-type', 'framing', 'json', 'base64', 'image', 'bytes', 'truncate'];

export function mutateHttpBody(seed: ImageSeed, rng: Prng): HttpBody & { label: string } {
  const kind = rng.pick(ENVELOPES);
  const mutation = rng.pick(BODY_MUTATIONS);
  const label = `${seed.name} ${kind} ${mutation}`;
  const plain = mutatedEnvelope(seed, kind, mutation, rng);
  // One body in four travels compressed, itself sometimes damaged or a decompression bomb.
  return rng.int(4) === 0 ? { ...compressed(plain, rng), label: `${label} compressed` } : { ...plain, label };
}

function mutatedEnvelope(seed: ImageSeed, kind: Envelope, mutation: BodyMutation, rng: Prng): HttpBody {
  if (mutation === 'image') return envelope(kind, mutateImage(seed, rng).bytes);
  const { contentType, body } = envelope(kind, seed.bytes);
  if (mutation === 'content-type') return { contentType: rng.pick(CONTENT_TYPES), body };
  if (mutation === 'bytes') return { contentType, body: flipBytes(body, rng) };
  if (mutation === 'truncate') return { contentType, body: body.slice(0, rng.int(body.length)) };
  return { contentType, body: editText(body, rng, mutation) };
}

type Codec = typeof gzipSync;
const bombs = new Map<Codec, Uint8Array>();

function bombOf(codec: Codec): Uint8Array {
  const bomb = bombs.get(codec) ?? new Uint8Array(codec(new Uint8Array(7 * 1024 * 1024)));
  bombs.set(codec, bomb);
  return bomb.slice();
}

const ENCODINGS = ['gzip', 'x-gzip', 'deflate', 'gzip, gzip', 'identity, gzip', 'br', 'gzip;q=1', ''];

/** The body gzip- or deflate-compressed (zlib or raw), its stream or its Content-Encoding perhaps damaged. */
function compressed({ contentType, body }: HttpBody, rng: Prng): HttpBody {
  const edit = rng.int(6);
  const codec = rng.pick([gzipSync, deflateSync, deflateRawSync]);
  // A bomb: 7 MB of zeros squeezed into a few kilobytes, past the 6 MB body limit once inflated.
  let bytes: Uint8Array = edit === 0 ? bombOf(codec) : new Uint8Array(codec(body));
  if (edit === 1) bytes = flipBytes(bytes, rng);
  if (edit === 2) bytes = bytes.slice(0, rng.int(bytes.length));
  const contentEncoding = edit === 3 ? rng.pick(ENCODINGS) : codec === gzipSync ? 'gzip' : 'deflate';
  return { contentType, body: bytes, contentEncoding };
}

/** Edits aimed at the envelope's syntax: multipart framing, JSON structure, base64 text. */
function editText(body: Uint8Array, rng: Prng, mutation: 'framing' | 'json' | 'base64'): Uint8Array {
  const text = Buffer.from(body).toString('latin1');
  const tokens: Record<typeof mutation, string[]> = {
    framing: ['\r\n', `--${BOUNDARY}`, `--${BOUNDARY}--`, 'Content-Disposition: form-data; name="image"', 'Content-Disposition: attachment', ':', '"', '\\', ';', ' '],
    json: ['{', '}', '[', ']', '"', ',', ':', '"image"', 'null', '1e999', '\\u0000', '\\ud800', '[[[[[[[[[[', '"image":"'],
    base64: ['=', '==', '-', '_', '+', '/', ' ', '\n', '%', '\u00ff', 'AAAA', 'data:;base64,'],
  };
  const at = rng.int(text.length + 1);
  const cut = rng.int(3) === 0 ? rng.int(8) : 0;
  const inserted = rng.int(8) === 0 ? rng.pick(tokens[mutation]).repeat(1 + rng.int(5000)) : rng.pick(tokens[mutation]);
  return bytesOf(text.slice(0, at) + inserted + text.slice(at + cut));
}

/** The HTTP core serving one image classifier: a 28x28 gray pass-through model, under the fuzz image limits. */
export function fuzzApp(): App {
  const model = Interpreter.loadSync(passThroughModel({ dtype: 'uint8', inputShape: [1, 28, 28, 1] }));
  const classifier = ImageClassifier.fromInterpreter(model, { imageLimits: FUZZ_IMAGE_LIMITS });
  const served: ServedModel = {
    name: 'fuzz',
    version: '1',
    tensors: null,
    task: { kind: 'classify', numClasses: classifier.numClasses, classify: (image, filter, call) => classifier.classify(image, filter, call) },
  };
  return createApp({ models: [served] });
}

/** The property for one request body. */
export function checkHttpBody(app: App, { contentType, body, contentEncoding }: HttpBody): string | null {
  const started = performance.now();
  let status: number;
  let text: string;
  try {
    const headers: Record<string, string> = {
      ...(contentType === '' ? {} : { 'content-type': contentType }),
      ...(contentEncoding === undefined ? {} : { 'content-encoding': contentEncoding }),
    };
    const { response } = app.handle({ method: 'POST', path: '/', headers, query: {}, body, requestId: 'fuzz', deadline: started + FUZZ_TIME_BUDGET_MS });
    status = response.status;
    text = String(response.body);
  } catch (err) {
    return `the app threw ${describeThrown(err)}`;
  }
  const elapsed = performance.now() - started;
  if (elapsed > FUZZ_TIME_BUDGET_MS + FUZZ_TIME_SLACK_MS) return `took ${Math.round(elapsed)} ms (budget ${FUZZ_TIME_BUDGET_MS} ms)`;
  if (status === 200) return null;
  const error = (JSON.parse(text) as { error?: { code?: string; message?: string } }).error;
  if (!error?.code || status >= 500) return `status ${status} with ${text.slice(0, 200)}`;
  if (statusOf(error.code as HttpErrorCode) !== status) return `code ${error.code} came with status ${status}`;
  return foreignWording(error.message ?? '');
}

export function httpFuzzTarget(seeds: readonly ImageSeed[] = pillowSeeds().filter((s) => s.bytes.length < 4000)): FuzzTarget {
  let app: App | null = null;
  const appOnce = (): App => {
    app = app ?? fuzzApp();
    return app;
  };
  return {
    name: 'http',
    makeCase(seed, index): FuzzCase {
      const rng = caseRng(seed, index);
      const { contentType, body, contentEncoding, label } = mutateHttpBody(rng.pick(seeds), rng);
      return { target: 'http', label, bytes: body, contentType, contentEncoding };
    },
    check: (c) => checkHttpBody(appOnce(), { contentType: c.contentType ?? '', body: c.bytes, contentEncoding: c.contentEncoding }),
  };
}
