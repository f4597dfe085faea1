/**
 * GET /openapi.json: an OpenAPI 3.0 document of what this function serves — each loaded model's task route
 * and tensor routes, and the health and listing routes — built from the loaded models, so it never lists a
 * route that is not there.
 */
import type { ServedModel } from '../../models/served_model.js';
import { jsonResponse } from '../responses.js';
import type { ModelCatalog, Route } from '../router.js';
import { verbOf } from './task_routes.js';

const IMAGE_BODY = {
  required: true,
  content: {
    'image/png': { schema: { type: 'string', format: 'binary' } },
    'image/jpeg': { schema: { type: 'string', format: 'binary' } },
    'application/json': { schema: { type: 'object', required: ['image'], properties: { image: { type: 'string', description: 'base64 PNG or JPEG' } } } },
    'multipart/form-data': { schema: { type: 'object', properties: { image: { type: 'string', format: 'binary' } } } },
  },
};
const AUDIO_BODY = {
  required: true,
  content: {
    'audio/wav': { schema: { type: 'string', format: 'binary' } },
    'application/json': { schema: { type: 'object', required: ['audio'], properties: { audio: { type: 'string', description: 'base64 WAV' } } } },
  },
};
const TEXT_BODY = {
  required: true,
  content: {
    'text/plain': { schema: { type: 'string' } },
    'application/json': { schema: { type: 'object', required: ['text'], properties: { text: { type: 'string' } } } },
  },
};

const q = (name: string, type: string, description: string) => ({ name, in: 'query', required: false, schema: { type }, description });
const FILTER_PARAMS = [
  q('maxResults', 'integer', 'categories to return, best first'),
  q('scoreThreshold', 'number', 'drop categories scoring below this'),
  q('allow', 'string', 'comma-separated category names to keep'),
  q('deny', 'string', 'comma-separated category names to drop'),
];

const category = {
  type: 'object',
  properties: { index: { type: 'integer' }, score: { type: 'number' }, categoryName: { type: 'string' }, displayName: { type: 'string' } },
};
const classifications = {
  type: 'object',
  properties: { classifications: { type: 'array', items: { type: 'object', properties: { headIndex: { type: 'integer' }, headName: { type: 'string' }, categories: { type: 'array', items: category } } } } },
};
const SCHEMAS = {
  ClassificationResult: classifications,
  AudioClassificationResults: { type: 'object', properties: { results: { type: 'array', items: classifications } } },
  DetectionResult: {
    type: 'object',
    properties: {
      detections: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            boundingBox: { type: 'object', properties: { originX: { type: 'integer' }, originY: { type: 'integer' }, width: { type: 'integer' }, height: { type: 'integer' } } },
            categories: { type: 'array', items: category },
          },
        },
      },
    },
  },
  SegmentationResult: { type: 'object', properties: { categoryMask: { type: 'object' }, confidenceMasks: { type: 'array', items: { type: 'object' } }, labels: { type: 'array', items: { type: 'string' } } } },
  EmbeddingResult: { type: 'object', properties: { embeddings: { type: 'array', items: { type: 'object', properties: { headIndex: { type: 'integer' }, headName: { type: 'string' }, floatEmbedding: { type: 'array', items: { type: 'number' } } } } } } },
  Error: { type: 'object', properties: { error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } } } } },
  ProtocolError: { type: 'object', properties: { error: { type: 'string' } } },
  InferenceRequest: { type: 'object', required: ['inputs'], properties: { id: { type: 'string' }, inputs: { type: 'array', items: { type: 'object' } }, outputs: { type: 'array', items: { type: 'object' } } } },
  InferenceResponse: { type: 'object', properties: { model_name: { type: 'string' }, model_version: { type: 'string' }, outputs: { type: 'array', items: { type: 'object' } } } },
  PredictRequest: { type: 'object', properties: { signature_name: { type: 'string' }, instances: { type: 'array', items: {} }, inputs: {} } },
  PredictResponse: { type: 'object', properties: { predictions: { type: 'array', items: {} }, outputs: {} } },
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: string, description = 'OK') => ({ description, content: { 'application/json': { schema: ref(schema) } } });
const errors = (schema: string) => ({ '400': json(schema, 'bad request'), '404': json(schema, 'no such model') });

function taskOperation(model: ServedModel): [string, Record<string, unknown>] | null {
  const task = model.task;
  if (task === null) return null;
  const path = `/models/${model.name}/${verbOf(task)}`;
  const [body, result, params] =
    task.kind === 'audio' ? [AUDIO_BODY, 'AudioClassificationResults', FILTER_PARAMS]
    : task.kind === 'text' ? [TEXT_BODY, 'ClassificationResult', FILTER_PARAMS]
    : task.kind === 'detect' ? [IMAGE_BODY, 'DetectionResult', FILTER_PARAMS]
    : task.kind === 'segment' ? [IMAGE_BODY, 'SegmentationResult', [q('format', 'string', 'json or png'), q('maskSize', 'string', 'image or model'), q('confidenceMasks', 'boolean', 'add per-class masks')]]
    : task.kind === 'embed' ? [IMAGE_BODY, 'EmbeddingResult', [q('l2Normalize', 'boolean', 'unit-length vectors'), q('quantize', 'boolean', 'add int8 values')]]
    : [IMAGE_BODY, 'ClassificationResult', FILTER_PARAMS];
  return [path, { post: { summary: `${task.kind} with ${model.name}`, operationId: `${model.name}_${verbOf(task)}`, parameters: params, requestBody: body, responses: { '200': json(result), ...errors('Error') } } }];
}

function tensorOperations(model: ServedModel): [string, Record<string, unknown>][] {
  if (model.tensors === null) return [];
  const body = (schema: string) => ({ required: true, content: { 'application/json': { schema: ref(schema) } } });
  return [
    [`/v2/models/${model.name}`, { get: { summary: `metadata of ${model.name}`, responses: { '200': { description: 'OK' }, ...errors('ProtocolError') } } }],
    [`/v2/models/${model.name}/ready`, { get: { summary: `whether ${model.name} is ready`, responses: { '200': { description: 'ready' } } } }],
    [`/v2/models/${model.name}/infer`, { post: { summary: `raw tensors through ${model.name} (Open Inference Protocol)`, requestBody: body('InferenceRequest'), responses: { '200': json('InferenceResponse'), ...errors('ProtocolError') } } }],
    [`/v1/models/${model.name}`, { get: { summary: `status of ${model.name} (TensorFlow Serving)`, responses: { '200': { description: 'OK' } } } }],
    [`/v1/models/${model.name}/metadata`, { get: { summary: `signature of ${model.name} (TensorFlow Serving)`, responses: { '200': { description: 'OK' } } } }],
    [`/v1/models/${model.name}:predict`, { post: { summary: `raw tensors through ${model.name} (TensorFlow Serving)`, requestBody: body('PredictRequest'), responses: { '200': json('PredictResponse'), ...errors('ProtocolError') } } }],
  ];
}

export function openApiDocument(catalog: ModelCatalog, version: string): Record<string, unknown> {
  const paths: Record<string, unknown> = {
    '/health': { get: { summary: 'health check', responses: { '200': { description: 'OK' } } } },
    '/models': { get: { summary: 'the loaded models and their routes', responses: { '200': { description: 'OK' } } } },
    '/v2/health/live': { get: { summary: 'liveness (Open Inference Protocol)', responses: { '200': { description: 'live' } } } },
    '/v2/health/ready': { get: { summary: 'readiness (Open Inference Protocol)', responses: { '200': { description: 'ready' } } } },
    '/v2/models': { get: { summary: 'the loaded models', responses: { '200': { description: 'OK' } } } },
  };
  for (const model of catalog.models) {
    const task = taskOperation(model);
    if (task) paths[task[0]] = task[1];
    for (const [path, op] of tensorOperations(model)) paths[path] = op;
  }
  return {
    openapi: '3.0.3',
    info: { title: 'tflite-lambda', version, description: `Models: ${catalog.models.map((m) => `${m.name} (${m.task?.kind ?? 'tensors'})`).join(', ')}` },
    paths,
    components: { schemas: SCHEMAS },
  };
}

export function openApiRoute(version: string): Route {
  return { path: '/openapi.json', get: (ctx) => ({ response: jsonResponse(200, openApiDocument(ctx.catalog, version)) }), errors: 'core' };
}
