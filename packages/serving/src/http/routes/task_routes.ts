/**
 * A route per task, on every model that has one: POST /models/{name}/classify | detect | segment | embed
 * (classify also serves audio and text classifiers), and /detect, /segment, /embed for the default model.
 * Answers are MediaPipe-shaped JSON; a segmentation can also come back as a PNG category mask.
 * GET /models and /models/{name} describe what is served.
 */
import type { ServedModel, ServingTask } from '../../models/served_model.js';
import { categoryMaskPng, type ImageSegmenterResult, type Mask } from '../../tasks/index.js';
import { HttpError } from '../errors.js';
import { imageOf } from '../image_request.js';
import { queryBool, queryChoice } from '../query.js';
import { binaryResponse, jsonResponse } from '../responses.js';
import { MODEL, type Route, type RouteContext, type RouteReply } from '../router.js';
import { extractAudio, extractText } from '../task_inputs.js';
import { filterOf } from './filters.js';

export type TaskVerb = 'classify' | 'detect' | 'segment' | 'embed';

/** The route verb of a task: audio and text classifiers classify too. */
export function verbOf(task: ServingTask): TaskVerb {
  return task.kind === 'audio' || task.kind === 'text' ? 'classify' : task.kind;
}

function base64Of(data: Uint8Array | Float32Array): string {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64');
}

/** Masks in JSON: bytes in base64 (uint8 categories; float32 little-endian confidences) to stay compact. */
function maskJson(mask: Mask<Uint8Array | Float32Array>): Record<string, unknown> {
  return { width: mask.width, height: mask.height, dtype: mask.data instanceof Uint8Array ? 'uint8' : 'float32', data: base64Of(mask.data) };
}

function segmentationJson(result: ImageSegmenterResult): Record<string, unknown> {
  return {
    ...(result.categoryMask ? { categoryMask: maskJson(result.categoryMask) } : {}),
    ...(result.confidenceMasks ? { confidenceMasks: result.confidenceMasks.map(maskJson) } : {}),
    labels: result.labels,
  };
}

function run(model: ServedModel, verb: TaskVerb, ctx: RouteContext): RouteReply {
  const task = model.task;
  if (task === null || verbOf(task) !== verb) {
    const has = task === null ? 'no task (use the /v2 or /v1 tensor routes)' : `the ${verbOf(task)} task`;
    throw new HttpError('NOT_FOUND', `model '${model.name}' cannot ${verb}: it has ${has}`);
  }
  const { req } = ctx;
  const call = { deadline: req.deadline };
  const done = (body: unknown, inputBytes: number): RouteReply => ({ response: jsonResponse(200, body), outcome: { inputBytes, model: model.name } });
  switch (task.kind) {
    case 'classify': {
      const image = imageOf(req);
      return done(task.classify(image, filterOf(req), call), image.length);
    }
    case 'audio': {
      const audio = extractAudio(req);
      return done({ results: task.classify(audio, filterOf(req)) }, audio.length);
    }
    case 'text': {
      const text = extractText(req);
      return done(task.classify(text, filterOf(req)), req.body.length);
    }
    case 'detect': {
      const image = imageOf(req);
      return done(task.detect(image, filterOf(req), call), image.length);
    }
    case 'embed': {
      const image = imageOf(req);
      const options = { l2Normalize: queryBool(req, 'l2Normalize'), quantize: queryBool(req, 'quantize') };
      return done(task.embed(image, options, call), image.length);
    }
    case 'segment': {
      const format = queryChoice(req, 'format', ['json', 'png'] as const) ?? 'json';
      const image = imageOf(req);
      const result = task.segment(image, {
        maskSize: queryChoice(req, 'maskSize', ['image', 'model'] as const),
        outputConfidenceMasks: format === 'json' ? queryBool(req, 'confidenceMasks') : false,
        outputCategoryMask: true,
      }, call);
      if (format === 'png' && result.categoryMask) {
        return { response: binaryResponse('image/png', categoryMaskPng(result.categoryMask)), outcome: { inputBytes: image.length, model: model.name } };
      }
      return done(segmentationJson(result), image.length);
    }
  }
}

/** What GET /models describes for each model. */
export function describeModel(model: ServedModel): Record<string, unknown> {
  const verb = model.task ? verbOf(model.task) : null;
  return {
    name: model.name,
    version: model.version,
    task: model.task?.kind ?? null,
    ...(model.description ? { description: model.description } : {}),
    routes: [
      ...(verb ? [`POST /models/${model.name}/${verb}`] : []),
      ...(model.tensors ? [`POST /v2/models/${model.name}/infer`, `POST /v1/models/${model.name}:predict`] : []),
    ],
    inputs: model.tensors?.inputs ?? [],
    outputs: model.tensors?.outputs ?? [],
  };
}

export function taskRoutes(): Route[] {
  const onModel = (verb: TaskVerb) => (ctx: RouteContext) => run(ctx.catalog.require(ctx.params[0] ?? ''), verb, ctx);
  const onDefault = (verb: TaskVerb) => (ctx: RouteContext) => {
    const model = ctx.catalog.default;
    if (model === null) throw new HttpError('MODEL_NOT_FOUND', 'no model is loaded');
    return run(model, verb, ctx);
  };
  return [
    { path: new RegExp(`^/models/${MODEL}/(classify)$`), post: onModel('classify'), errors: 'core' },
    { path: new RegExp(`^/models/${MODEL}/(detect)$`), post: onModel('detect'), errors: 'core' },
    { path: new RegExp(`^/models/${MODEL}/(segment)$`), post: onModel('segment'), errors: 'core' },
    { path: new RegExp(`^/models/${MODEL}/(embed)$`), post: onModel('embed'), errors: 'core' },
    { path: '/detect', post: onDefault('detect'), errors: 'core' },
    { path: '/segment', post: onDefault('segment'), errors: 'core' },
    { path: '/embed', post: onDefault('embed'), errors: 'core' },
    { path: '/models', get: (ctx) => ({ response: jsonResponse(200, { models: ctx.catalog.models.map(describeModel) }) }), errors: 'core' },
    {
      path: new RegExp(`^/models/${MODEL}$`),
      get: (ctx) => ({ response: jsonResponse(200, describeModel(ctx.catalog.require(ctx.params[0] ?? ''))) }),
      errors: 'core',
    },
  ];
}
