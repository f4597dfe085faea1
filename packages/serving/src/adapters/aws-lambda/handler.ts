/**
 * createHandler: loads the model once (call it during the Lambda init phase, e.g. with top-level await) and
 * returns a handler that recognises each event flavour, translates it to the core request, runs the HTTP
 * core and translates the response back. Configuration comes in as options; only the app's own edge file
 * reads the environment.
 */
import { randomUUID } from 'node:crypto';
import { DEFAULT_MAX_PIXELS, type ImageLimits } from '@tflite-lambda/vision';
import { createApp, type App, type AppOptions } from '../../http/app.js';
import type { HandledRequest, HttpRequest, HttpResponse } from '../../http/types.js';
import { loadModelDirectory, loadServedModel, type ModelConfig, type ServedModel, type TaskOptions } from '../../models/index.js';
import type { TaskKind } from '../../tasks/index.js';
import { albToRequest, isAlbEvent, responseToAlb } from './alb.js';
import { apiGatewayV1ToRequest, isApiGatewayV1Event, responseToApiGatewayV1 } from './api-gateway-v1.js';
import { apiGatewayV2ToRequest, isApiGatewayV2Event, responseToApiGatewayV2 } from './api-gateway-v2.js';
import { powertoolsObserver, type RequestObserver } from './observe.js';
import type { LambdaContextLike, LambdaHttpEvent, LambdaHttpHandler, LambdaHttpResult } from './types.js';

export interface HandlerOptions extends Omit<AppOptions, 'models'> {
  /** One model: a .tflite path or its bytes (loaded with its metadata), or a model already loaded. */
  readonly model?: string | Uint8Array | ArrayBuffer | ServedModel;
  /** A directory of models: each <name>.tflite, with an optional <name>.json ({ task, version, options }). */
  readonly modelDir?: string;
  /** Models already loaded (e.g. with loadServedModel). */
  readonly models?: readonly ServedModel[];
  /** The name `model` is served under (default: its file name without .tflite, or 'model'). */
  readonly name?: string;
  /** The task of `model`: 'auto' (default) reads its metadata and tensors; 'none' serves raw tensors only. */
  readonly task?: TaskKind | 'auto' | 'none';
  /** Options of `model`'s task (labels, normalization, maxResults, tokenizer, ...). */
  readonly taskOptions?: Partial<TaskOptions>;
  /** Class labels of `model`: an array or a path to a file with one label per line. */
  readonly labels?: readonly string[] | string;
  /** Images whose header claims more pixels are refused with 422 before decoding (default DEFAULT_MAX_PIXELS, 16 MP). */
  readonly maxPixels?: number;
  /** The other image limits (each dimension, decoded bytes, JPEG scan work), also judged before decoding (vision's defaults). */
  readonly imageLimits?: Partial<Omit<ImageLimits, 'deadline'>>;
  /**
   * Time kept back from the invocation's remaining time for inference and the answer: decoding and resizing
   * must finish that long before the Lambda timeout, or the request gets 422 IMAGE_DECODE_TIMEOUT (default 1000 ms).
   */
  readonly timeReserveMs?: number;
  /** The time a request may take when the context cannot say (no getRemainingTimeInMillis; default 10 000 ms). */
  readonly timeoutMs?: number;
  /** Further preprocessing options for an image classifier (normalization, invert); merged into taskOptions. */
  readonly classifier?: Partial<TaskOptions>;
  /** Where per-request records go (default: Powertools Logger and Metrics). */
  readonly observer?: RequestObserver;
  readonly serviceName?: string;
}

interface Flavour {
  toRequest(requestId: string): HttpRequest;
  toResult(res: HttpResponse): LambdaHttpResult;
}

/**
 * Loads the models (call it during the Lambda init phase, with top-level await:
 * `export const handler = await createHandler({ ... })`) and returns the handler.
 */
export async function createHandler(options: HandlerOptions): Promise<LambdaHttpHandler> {
  const models = await loadModels(options);
  const app = createApp({ ...options, models });
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

function isServedModel(model: unknown): model is ServedModel {
  return typeof model === 'object' && model !== null && 'name' in model && 'task' in model && 'tensors' in model;
}

async function loadModels(options: HandlerOptions): Promise<ServedModel[]> {
  const given = [options.model !== undefined, options.modelDir !== undefined, options.models !== undefined].filter(Boolean).length;
  if (given !== 1) throw new TypeError('createHandler needs exactly one of model, modelDir or models');
  if (options.models) return [...options.models];
  if (options.modelDir !== undefined) return loadModelDirectory(options.modelDir);
  const { model } = options;
  if (isServedModel(model)) return [model];
  const config: ModelConfig = {
    name: options.name,
    task: options.task,
    options: {
      ...options.classifier,
      ...options.taskOptions,
      ...(options.labels === undefined ? {} : { labels: options.labels }),
      maxPixels: options.maxPixels ?? options.taskOptions?.maxPixels ?? DEFAULT_MAX_PIXELS,
      ...(options.imageLimits === undefined ? {} : { imageLimits: options.imageLimits }),
    },
  };
  const source = model instanceof ArrayBuffer ? new Uint8Array(model) : (model as string | Uint8Array);
  return [await loadServedModel(source, config)];
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
  observer.record(
    {
      requestId,
      method: request?.method ?? '',
      path: request?.path ?? '',
      latencyMs: performance.now() - started,
      ...handled.outcome,
    },
    context,
  );
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
