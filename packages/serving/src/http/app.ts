/**
 * The HTTP core: routes a runtime-agnostic request to the page, the health check or the classifier, and turns
 * every failure into a JSON error with the right status. Bad input never becomes a 5xx; anything else that
 * throws is a 500 carrying the request id, and is handed to the edge (outcome.internalError) to log.
 */
import { ImageError, sniffImageFormat } from '@tflite-lambda/vision';
import { pageHtml } from '../page/page.js';
import { extractImage, textMangledImage } from './body.js';
import { HttpError, statusOf, type HttpErrorCode } from './errors.js';
import { errorResponse, htmlResponse, jsonResponse, withCors } from './responses.js';
import type { HandledRequest, HttpRequest, ImageModel, Prediction, PredictOptions, RequestOutcome } from './types.js';

/** Lambda's limit for a synchronous request payload. */
export const DEFAULT_MAX_BODY_BYTES = 6 * 1024 * 1024;

export interface AppOptions {
  readonly model: ImageModel;
  /** Bodies larger than this are refused with 413 (default 6 MB). */
  readonly maxBodyBytes?: number;
  /** Send CORS headers and answer preflight requests (default true). */
  readonly cors?: boolean;
  /** Serve the draw-a-digit page at GET / (default true). */
  readonly page?: boolean;
}

export interface App {
  handle(req: HttpRequest): HandledRequest;
  /** The response for an error raised outside handle(), e.g. while an adapter decoded the body. */
  fail(err: unknown, requestId: string): HandledRequest;
}

const PAGE_PATHS = new Set(['/', '/index.html']);
const CLASSIFY_PATHS = new Set(['/', '/classify']);

export function createApp(options: AppOptions): App {
  const cors = options.cors ?? true;
  const finish = (handled: HandledRequest) => (cors ? { ...handled, response: withCors(handled.response) } : handled);
  return {
    handle: (req) => finish(route(req, options)),
    fail: (err, requestId) => finish(failure(err, 0, requestId)),
  };
}

function route(req: HttpRequest, options: AppOptions): HandledRequest {
  const path = withoutTrailingSlashes(req.path);
  const allowed = allowedMethods(path, options);
  if (allowed.length === 0) return failure(new HttpError('NOT_FOUND', `no route for ${path.slice(0, 100)}`), 0);
  if (req.method === 'OPTIONS' && (options.cors ?? true)) {
    return { response: { status: 204, headers: {}, body: '' }, outcome: { status: 204, inputBytes: 0 } };
  }
  if (!allowed.includes(req.method)) {
    const error = new HttpError('METHOD_NOT_ALLOWED', `${req.method} is not allowed on ${path}; use ${allowed.join(' or ')}`, {
      allow: allowed.join(', '),
    });
    return failure(error, 0);
  }
  if (req.method === 'GET' && path === '/health') {
    return ok(jsonResponse(200, { status: 'ok', classes: options.model.numClasses }));
  }
  if (req.method === 'GET') return ok(htmlResponse(pageHtml));
  return classify(req, options);
}

/** '/classify/' → '/classify'; '' → '/'. A loop, since a regular expression would be quadratic on '////…x'. */
function withoutTrailingSlashes(path: string): string {
  let end = path.length;
  while (end > 1 && path.charCodeAt(end - 1) === 0x2f) end--;
  return end === 0 ? '/' : path.slice(0, end);
}

function allowedMethods(path: string, options: AppOptions): string[] {
  const methods: string[] = [];
  if (path === '/health' || ((options.page ?? true) && PAGE_PATHS.has(path))) methods.push('GET');
  if (CLASSIFY_PATHS.has(path)) methods.push('POST');
  return methods;
}

function classify(req: HttpRequest, options: AppOptions): HandledRequest {
  let inputBytes = 0;
  try {
    const limit = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    if (req.body.length > limit) {
      throw new HttpError('PAYLOAD_TOO_LARGE', `the body is ${req.body.length} bytes; the limit is ${limit}`);
    }
    const top = topOf(req, options.model.numClasses);
    const image = extractImage(req);
    inputBytes = image.length;
    if (sniffImageFormat(image) === null) {
      throw new HttpError('UNSUPPORTED_IMAGE_FORMAT', `the image is not a PNG or JPEG (${describeMagic(image)})`);
    }
    const body = predict(options.model, image, top, { deadline: req.deadline });
    return { response: jsonResponse(200, body), outcome: { status: 200, inputBytes, value: body.value, score: body.score } };
  } catch (err) {
    return failure(err, inputBytes, req.requestId);
  }
}

interface ClassifyBody extends Prediction {
  top?: Prediction[];
}

/** One inference either way: with ?top the best of the top K is the classification. */
function predict(model: ImageModel, image: Uint8Array, top: number | undefined, call: PredictOptions): ClassifyBody {
  if (top === undefined) return plain(model.classify(image, call));
  const ranked = model.topK(image, top, call).map(plain);
  return { ...ranked[0], top: ranked };
}

function plain(p: Prediction): Prediction {
  return p.label === undefined ? { value: p.value, score: p.score } : { value: p.value, score: p.score, label: p.label };
}

/** `?top=K`: an integer from 1; larger than the number of classes means all of them. */
function topOf(req: HttpRequest, numClasses: number): number | undefined {
  const raw = req.query.top;
  if (raw === undefined) return undefined;
  const k = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(k) || k < 1) {
    throw new HttpError('INVALID_QUERY', `top must be a positive integer, got '${raw.slice(0, 20)}'`);
  }
  return Math.min(k, numClasses);
}

function ok(response: HandledRequest['response']): HandledRequest {
  return { response, outcome: { status: response.status, inputBytes: 0 } };
}

/** Maps any thrown value to a response; only what is not the client's fault becomes a 500. */
function failure(err: unknown, inputBytes: number, requestId = ''): HandledRequest {
  const known = clientError(err);
  if (known) {
    const status = statusOf(known.code);
    const response = errorResponse(status, known.code, known.message, { headers: known.headers });
    return { response, outcome: { status, inputBytes, errorCode: known.code } };
  }
  const response = errorResponse(500, 'INTERNAL_ERROR', `internal error (request id ${requestId})`, { requestId });
  return { response, outcome: { status: 500, inputBytes, errorCode: 'INTERNAL_ERROR', internalError: err } };
}

function clientError(err: unknown): { code: HttpErrorCode; message: string; headers?: Record<string, string> } | null {
  if (err instanceof HttpError) return { code: err.code, message: err.message, headers: { ...err.headers } };
  if (err instanceof ImageError) return { code: err.code, message: err.message };
  return null;
}

function describeMagic(bytes: Uint8Array): string {
  const head = Buffer.from(bytes.subarray(0, 4)).toString('latin1');
  if (head.startsWith('GIF8')) return 'it is a GIF';
  if (head === 'RIFF') return 'it looks like WebP';
  if (head.startsWith('BM')) return 'it looks like BMP';
  const mangled = textMangledImage(bytes);
  if (mangled) {
    return `it looks like a ${mangled} that was decoded as text on the way (its bytes ≥ 0x80 became U+FFFD): send it as ` +
      'binary, with Content-Type image/png or image/jpeg (API Gateway passes only its binary media types unchanged)';
  }
  return `first bytes ${Buffer.from(bytes.subarray(0, 4)).toString('hex')}`;
}

