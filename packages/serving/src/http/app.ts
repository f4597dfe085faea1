/**
 * The HTTP core: routes a runtime-agnostic request to the page, a task, an inference protocol or a listing,
 * and turns every failure into an error response of the route's style with the right status. Bad input never
 * becomes a 5xx; anything else that throws is a 500 carrying the request id, handed to the edge
 * (outcome.internalError) to log. HEAD is answered wherever GET is; compressed request bodies are inflated.
 */
import { TfliteError } from '@tflite-lambda/runtime';
import { ImageError } from '@tflite-lambda/vision';
import type { ServedModel } from '../models/served_model.js';
import { TaskError } from '../tasks/index.js';
import { decodeContentEncoding } from './content_encoding.js';
import { HttpError, statusOf, type HttpErrorCode } from './errors.js';
import { openInferenceRoutes } from './protocols/open_inference.js';
import { tfServingRoutes } from './protocols/tf_serving.js';
import { errorResponse, protocolErrorResponse, withCors } from './responses.js';
import { legacyRoutes } from './routes/legacy_routes.js';
import { openApiRoute } from './routes/openapi.js';
import { taskRoutes } from './routes/task_routes.js';
import { matchRoute, methodsOf, ModelCatalog, type ErrorStyle, type Route, type RouteHandler } from './router.js';
import type { HandledRequest, HttpRequest, HttpResponse } from './types.js';

/** Lambda's limit for a synchronous request payload. */
export const DEFAULT_MAX_BODY_BYTES = 6 * 1024 * 1024;
/** The version the protocols' server metadata reports. */
export const SERVER_VERSION = '0.1.0';

export interface AppOptions {
  /** The models served; the first is the default one (the MNIST routes, /detect, ...). */
  readonly models: readonly ServedModel[];
  /** Bodies larger than this, before or after decompression, are refused with 413 (default 6 MB). */
  readonly maxBodyBytes?: number;
  /** Send CORS headers and answer preflight requests (default true). */
  readonly cors?: boolean;
  /** Serve the draw-a-digit page at GET / when the default model is an image classifier (default true). */
  readonly page?: boolean;
}

export interface App {
  handle(req: HttpRequest): HandledRequest;
  /** The response for an error raised outside handle(), e.g. while an adapter decoded the body. */
  fail(err: unknown, requestId: string): HandledRequest;
}

export function createApp(options: AppOptions): App {
  const catalog = new ModelCatalog(options.models);
  const routes: Route[] = [
    ...legacyRoutes(catalog, options.page ?? true),
    ...taskRoutes(),
    ...openInferenceRoutes(SERVER_VERSION),
    ...tfServingRoutes(),
    openApiRoute(SERVER_VERSION),
  ];
  const cors = options.cors ?? true;
  const limit = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const finish = (handled: HandledRequest) => (cors ? { ...handled, response: withCors(handled.response) } : handled);
  return {
    handle: (req) => finish(dispatch(req, routes, catalog, cors, limit)),
    fail: (err, requestId) => finish(failure(err, 'core', 0, requestId)),
  };
}

/** '/classify/' → '/classify'; '' → '/'. A loop, since a regular expression would be quadratic on '////…x'. */
function withoutTrailingSlashes(path: string): string {
  let end = path.length;
  while (end > 1 && path.charCodeAt(end - 1) === 0x2f) end--;
  return end === 0 ? '/' : path.slice(0, end);
}

function dispatch(req: HttpRequest, routes: readonly Route[], catalog: ModelCatalog, cors: boolean, limit: number): HandledRequest {
  const path = withoutTrailingSlashes(req.path);
  const matches = routes.map((route) => ({ route, params: matchRoute(route, path) })).filter((m) => m.params !== null);
  const style: ErrorStyle = matches[0]?.route.errors ?? (path.startsWith('/v1/') || path.startsWith('/v2') ? 'protocol' : 'core');
  if (matches.length === 0) return failure(new HttpError('NOT_FOUND', `no route for ${path.slice(0, 100)}`), style, 0);
  const allowed = [...new Set(matches.flatMap((m) => methodsOf(m.route)))];
  if (req.method === 'OPTIONS' && cors) {
    return { response: { status: 204, headers: {}, body: '' }, outcome: { status: 204, inputBytes: 0 } };
  }
  const method = req.method === 'HEAD' ? 'GET' : req.method;
  const match = matches.find((m) => (method === 'GET' ? m.route.get : method === 'POST' ? m.route.post : undefined));
  const handler: RouteHandler | undefined = method === 'GET' ? match?.route.get : method === 'POST' ? match?.route.post : undefined;
  if (!match || !handler) {
    const error = new HttpError('METHOD_NOT_ALLOWED', `${req.method} is not allowed on ${path}; use ${allowed.join(' or ')}`, { allow: allowed.join(', ') });
    return failure(error, style, 0);
  }
  let inputBytes = 0;
  try {
    if (req.body.length > limit) throw new HttpError('PAYLOAD_TOO_LARGE', `the body is ${req.body.length} bytes; the limit is ${limit}`);
    const body = method === 'POST' ? decodeContentEncoding(req.body, req.headers['content-encoding'], limit) : req.body;
    const reply = handler({ req: body === req.body ? req : { ...req, body }, params: match.params ?? [], catalog });
    inputBytes = reply.outcome?.inputBytes ?? 0;
    const response = req.method === 'HEAD' ? headOf(reply.response) : reply.response;
    return { response, outcome: { inputBytes, ...reply.outcome, status: response.status } };
  } catch (err) {
    return failure(err, match.route.errors, inputBytes, req.requestId);
  }
}

/** HEAD: the GET response's status and headers, without its body. */
function headOf(res: HttpResponse): HttpResponse {
  return { ...res, body: '' };
}

/** Maps any thrown value to a response; only what is not the client's fault becomes a 500. */
function failure(err: unknown, style: ErrorStyle, inputBytes: number, requestId = ''): HandledRequest {
  const known = clientError(err);
  if (known) {
    const status = statusOf(known.code);
    const response =
      style === 'protocol'
        ? protocolErrorResponse(status, known.message, known.headers)
        : errorResponse(status, known.code, known.message, { headers: known.headers });
    return { response, outcome: { status, inputBytes, errorCode: known.code } };
  }
  const message = `internal error (request id ${requestId})`;
  const response = style === 'protocol' ? protocolErrorResponse(500, message) : errorResponse(500, 'INTERNAL_ERROR', message, { requestId });
  return { response, outcome: { status: 500, inputBytes, errorCode: 'INTERNAL_ERROR', internalError: err } };
}

const TASK_ERRORS: Partial<Record<TaskError['code'], HttpErrorCode>> = {
  INVALID_INPUT: 'INVALID_INPUT',
  BAD_OPTIONS: 'INVALID_QUERY',
  UNSUPPORTED_AUDIO_FORMAT: 'UNSUPPORTED_AUDIO_FORMAT',
  AUDIO_DECODE_FAILED: 'AUDIO_DECODE_FAILED',
  AUDIO_TOO_LONG: 'AUDIO_TOO_LONG',
};

/** Runtime errors a request can cause: a tensor of the wrong size or shape, or a shape too big to plan. */
const RUNTIME_ERRORS: Partial<Record<TfliteError['code'], HttpErrorCode>> = {
  TENSOR: 'INVALID_TENSOR',
  SHAPE: 'INVALID_TENSOR',
  LIMIT: 'PAYLOAD_TOO_LARGE',
};

function clientError(err: unknown): { code: HttpErrorCode; message: string; headers?: Record<string, string> } | null {
  if (err instanceof HttpError) return { code: err.code, message: err.message, headers: { ...err.headers } };
  if (err instanceof ImageError) return { code: err.code, message: err.message };
  if (err instanceof TaskError && TASK_ERRORS[err.code]) return { code: TASK_ERRORS[err.code] as HttpErrorCode, message: err.message };
  if (err instanceof TfliteError && RUNTIME_ERRORS[err.code]) return { code: RUNTIME_ERRORS[err.code] as HttpErrorCode, message: err.message };
  return null;
}
