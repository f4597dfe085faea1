/**
 * createHandler: loads the model once (call it during the Lambda init phase, e.g. with top-level await) and
 * returns a handler that recognises each event flavour, translates it to the core request, runs the HTTP
 * core and translates the response back. Configuration comes in as options; only the app's own edge file
 * reads the environment.
 */
import { randomUUID } from 'node:crypto';
import { ImageClassifier, type ClassifierOptions } from '../../classifier/index.js';
import { createApp, type App, type AppOptions } from '../../http/app.js';
import { DEFAULT_MAX_PIXELS, type ImageLimits } from '@tflite-lambda/vision';
import type { HandledRequest, HttpRequest, HttpResponse, ImageModel } from '../../http/types.js';
import { albToRequest, isAlbEvent, responseToAlb } from './alb.js';
import { apiGatewayV1ToRequest, isApiGatewayV1Event, responseToApiGatewayV1 } from './api-gateway-v1.js';
import { apiGatewayV2ToRequest, isApiGatewayV2Event, responseToApiGatewayV2 } from './api-gateway-v2.js';
import { powertoolsObserver, type RequestObserver } from './observe.js';
import type { LambdaContextLike, LambdaHttpEvent, LambdaHttpHandler, LambdaHttpResult } from './types.js';

export interface HandlerOptions extends Omit<AppOptions, 'model'> {
  /** A .tflite path or bytes (loaded with ImageClassifier), or a ready model. */
  readonly model: string | Uint8Array | ArrayBuffer | ImageModel;
  /** Class labels: an array or a path to a file with one label per line. */
  readonly labels?: readonly string[] | string;
  /** Images whose header claims more pixels are refused with 422 before decoding (default DEFAULT_MAX_PIXELS, 16 MP). */
  readonly maxPixels?: number;
  /** The other image limits (each dimension, decoded bytes), also judged from the header (vision's defaults). */
  readonly imageLimits?: Partial<Omit<ImageLimits, 'deadline'>>;
  /**
   * Time kept back from the invocation's remaining time for inference and the answer: decoding and resizing
   * must finish that long before the Lambda timeout, or the request gets 422 IMAGE_DECODE_TIMEOUT (default 1000 ms).
   */
  readonly timeReserveMs?: number;
  /** The time a request may take when the context cannot say (no getRemainingTimeInMillis; default 10 000 ms). */
  readonly timeoutMs?: number;
  /** Further preprocessing options for the classifier (normalization, invert). */
  readonly classifier?: Omit<ClassifierOptions, 'labels' | 'maxPixels' | 'imageLimits'>;
  /** Where per-request records go (default: Powertools Logger and Metrics). */
  readonly observer?: RequestObserver;
  readonly serviceName?: string;
}

interface Flavour {
  toRequest(requestId: string): HttpRequest;
  toResult(res: HttpResponse): LambdaHttpResult;
}

export async function createHandler(options: HandlerOptions): Promise<LambdaHttpHandler> {
  const model = await loadModel(options);
  const app = createApp({ ...options, model });
  const observer = options.observer ?? powertoolsObserver({ serviceName: options.serviceName });
  const time = { reserveMs: options.timeReserveMs ?? DEFAULT_TIME_RESERVE_MS, timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS };
  return async (event, context = {}) => handle(app, observer, event, context, time);
}

const DEFAULT_TIME_RESERVE_MS = 1000;
const DEFAULT_TIMEOUT_MS = 10_000;

/** When the image work must be done: the invocation's remaining time (or the configured timeout) less the reserve. */
function deadlineOf(context: LambdaContextLike, started: number, time: { reserveMs: number; timeoutMs: number }): number {
  const remaining = context.getRemainingTimeInMillis?.() ?? time.timeoutMs;
  return started + Math.max(0, remaining - time.reserveMs);
}

async function loadModel(options: HandlerOptions): Promise<ImageModel> {
  const { model } = options;
  if (typeof model === 'object' && 'classify' in model) return model;
  return ImageClassifier.load(model, {
    ...options.classifier,
    labels: options.labels,
    maxPixels: options.maxPixels ?? DEFAULT_MAX_PIXELS,
    imageLimits: options.imageLimits,
  });
}

function handle(
  app: App,
  observer: RequestObserver,
  event: LambdaHttpEvent,
  context: LambdaContextLike,
  time: { reserveMs: number; timeoutMs: number },
): LambdaHttpResult {
  const started = performance.now();
  const deadline = deadlineOf(context, started, time);
  const flavour = flavourOf(event);
  const requestId = context.awsRequestId ?? eventRequestId(event) ?? randomUUID();
  let request: HttpRequest | null = null;
  let handled: HandledRequest;
  try {
    request = { ...flavour.toRequest(requestId), deadline };
    handled = app.handle(request);
  } catch (err) {
    handled = app.fail(err, requestId); // e.g. a body flagged base64 that is not
  }
  observer.record({
    requestId,
    method: request?.method ?? '',
    path: request?.path ?? '',
    latencyMs: performance.now() - started,
    ...handled.outcome,
  });
  return flavour.toResult(handled.response);
}

/** Whether `event` is one the handler answers: API Gateway REST (v1) or HTTP API (2.0), Function URL, ALB. */
export function isLambdaHttpEvent(event: unknown): event is LambdaHttpEvent {
  if (typeof event !== 'object' || event === null) return false;
  const e = event as LambdaHttpEvent;
  return isAlbEvent(e) || isApiGatewayV2Event(e) || isApiGatewayV1Event(e);
}

/** Dispatch on the event's shape. Anything else is not an HTTP event: a programming error, so it throws. */
function flavourOf(event: LambdaHttpEvent): Flavour {
  if (typeof event !== 'object' || event === null) throw new TypeError('the Lambda event is not an object');
  if (isAlbEvent(event)) {
    return { toRequest: (id) => albToRequest(event, id), toResult: (res) => responseToAlb(res, event) };
  }
  if (isApiGatewayV2Event(event)) {
    return { toRequest: (id) => apiGatewayV2ToRequest(event, id), toResult: responseToApiGatewayV2 };
  }
  if (isApiGatewayV1Event(event)) {
    return { toRequest: (id) => apiGatewayV1ToRequest(event, id), toResult: responseToApiGatewayV1 };
  }
  throw new TypeError(
    'unrecognised Lambda event: expected an API Gateway (REST v1 or HTTP API 2.0), Function URL or ALB event',
  );
}

function eventRequestId(event: LambdaHttpEvent): string | undefined {
  const ctx = event.requestContext as { requestId?: unknown } | undefined;
  return typeof ctx?.requestId === 'string' ? ctx.requestId : undefined;
}
