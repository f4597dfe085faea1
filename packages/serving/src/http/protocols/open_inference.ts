/**
 * The Open Inference Protocol (KServe v2, Triton's HTTP/REST API), JSON tensors only: server and model
 * health, server and model metadata, inference, Triton's repository index, and a listing at GET /v2/models.
 * Errors are `{"error": "<message>"}` with a 4xx status, as the protocol specifies; health checks answer with
 * the status alone.
 */
import type { DType } from '@tflite-lambda/runtime';
import type { ServedModel, TensorRunner } from '../../models/served_model.js';
import { HttpError } from '../errors.js';
import { jsonObjectBody } from '../json_body.js';
import { jsonResponse } from '../responses.js';
import { MODEL, type Route, type RouteContext, type RouteReply } from '../router.js';
import { flatten, jsonFromTyped, typedFromJson } from './tensor_json.js';

const DATATYPES: Partial<Record<DType, string>> = {
  float32: 'FP32',
  float16: 'FP16',
  int32: 'INT32',
  uint8: 'UINT8',
  int64: 'INT64',
  bool: 'BOOL',
  int16: 'INT16',
  int8: 'INT8',
};

/** The protocol's name of a dtype; one the protocol has no name for (a resource handle) keeps its own. */
function datatypeOf(dtype: DType): string {
  return DATATYPES[dtype] ?? dtype.toUpperCase();
}

/** The most values one request may carry (a 6 MB JSON body cannot hold more anyway). */
const MAX_VALUES = 4_000_000;
const PLATFORM = 'tflite';

function emptyOk(): RouteReply {
  return { response: { status: 200, headers: {}, body: '' } };
}

function tensorsOf(model: ServedModel): TensorRunner {
  if (model.tensors === null) throw new HttpError('NOT_FOUND', `model '${model.name}' has no tensor interface`);
  return model.tensors;
}

function modelOf(ctx: RouteContext): ServedModel {
  return ctx.catalog.require(ctx.params[0] ?? '', ctx.params[1]);
}

function modelMetadata(model: ServedModel): Record<string, unknown> {
  const t = tensorsOf(model);
  const spec = (s: { name: string; dtype: DType; shape: readonly number[] }) => ({ name: s.name, datatype: datatypeOf(s.dtype), shape: s.shape });
  return { name: model.name, versions: [model.version], platform: PLATFORM, inputs: t.inputs.map(spec), outputs: t.outputs.map(spec) };
}

function field<T>(obj: Record<string, unknown>, key: string, check: (v: unknown) => v is T, expected: string, where: string): T {
  const v = obj[key];
  if (!check(v)) throw new HttpError('INVALID_TENSOR', `${where}: "${key}" must be ${expected}`);
  return v;
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isShape = (v: unknown): v is number[] => Array.isArray(v) && v.every((d) => Number.isInteger(d) && d >= 0);
const isArray = (v: unknown): v is unknown[] => Array.isArray(v);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function infer(ctx: RouteContext): RouteReply {
  const model = modelOf(ctx);
  const tensors = tensorsOf(model);
  if (ctx.req.headers['inference-header-content-length'] !== undefined) {
    throw new HttpError('INVALID_TENSOR', 'the binary tensor data extension is not supported: send JSON tensors');
  }
  const body = jsonObjectBody(ctx.req, '{"inputs": [{"name", "shape", "datatype", "data"}]}');
  const requested = field(body, 'inputs', isArray, 'an array of tensors', 'inference request');
  const inputs = new Map<string, { shape: number[]; data: ReturnType<typeof typedFromJson> }>();
  requested.forEach((raw, i) => {
    if (!isObject(raw)) throw new HttpError('INVALID_TENSOR', `inputs[${i}] must be an object`);
    const name = field(raw, 'name', isString, 'a string', `inputs[${i}]`);
    const spec = tensors.inputs.find((s) => s.name === name);
    if (spec === undefined) throw new HttpError('INVALID_TENSOR', `unexpected inference input '${name}' for model '${model.name}'`);
    const datatype = field(raw, 'datatype', isString, 'a string', `input '${name}'`);
    if (DATATYPES[spec.dtype] === undefined) throw new HttpError('INVALID_TENSOR', `input '${name}' is a ${spec.dtype} tensor, which JSON cannot carry`);
    if (datatype !== datatypeOf(spec.dtype)) {
      throw new HttpError('INVALID_TENSOR', `input '${name}': datatype ${datatype} given, the model takes ${datatypeOf(spec.dtype)}`);
    }
    const shape = field(raw, 'shape', isShape, 'an array of non-negative integers', `input '${name}'`);
    if (isObject(raw.parameters) && raw.parameters.binary_data_size !== undefined) {
      throw new HttpError('INVALID_TENSOR', `input '${name}': binary data is not supported: send "data" as JSON`);
    }
    if (!('data' in raw)) throw new HttpError('INVALID_TENSOR', `input '${name}' has no "data"`);
    if (inputs.has(name)) throw new HttpError('INVALID_TENSOR', `input '${name}' is given twice`);
    inputs.set(name, { shape, data: typedFromJson(spec.dtype, shape, flatten(raw.data, `input '${name}'`, MAX_VALUES), `input '${name}'`) });
  });
  const wanted = body.outputs === undefined ? null : field(body, 'outputs', isArray, 'an array of {"name"}', 'inference request');
  const names = wanted?.map((o, i) => (isObject(o) ? field(o, 'name', isString, 'a string', `outputs[${i}]`) : ''));
  for (const n of names ?? []) {
    if (!tensors.outputs.some((s) => s.name === n)) throw new HttpError('INVALID_TENSOR', `unexpected inference output '${n}' for model '${model.name}'`);
  }
  const results = tensors.run(inputs);
  const outputs = (names ?? results.map((r) => r.name)).map((n) => results.find((r) => r.name === n)!).map((r) => ({
    name: r.name,
    datatype: datatypeOf(r.dtype),
    shape: r.shape,
    data: jsonFromTyped(r.dtype, r.data),
  }));
  const id = typeof body.id === 'string' ? { id: body.id } : {};
  return {
    response: jsonResponse(200, { model_name: model.name, model_version: model.version, ...id, outputs }),
    outcome: { inputBytes: ctx.req.body.length, model: model.name },
  };
}

const VERSIONED = `${MODEL}(?:/versions/([^/]+))?`;

export function openInferenceRoutes(serverVersion: string): Route[] {
  return [
    { path: '/v2', get: () => ({ response: jsonResponse(200, { name: 'tflite-lambda', version: serverVersion, extensions: [] }) }), errors: 'protocol' },
    { path: '/v2/health/live', get: emptyOk, errors: 'protocol' },
    { path: '/v2/health/ready', get: emptyOk, errors: 'protocol' },
    {
      path: '/v2/models',
      get: (ctx) => ({ response: jsonResponse(200, { models: ctx.catalog.models.map((m) => ({ name: m.name, versions: [m.version], platform: PLATFORM, task: m.task?.kind ?? null })) }) }),
      errors: 'protocol',
    },
    {
      path: '/v2/repository/index',
      post: (ctx) => ({ response: jsonResponse(200, ctx.catalog.models.map((m) => ({ name: m.name, version: m.version, state: 'READY' }))) }),
      errors: 'protocol',
    },
    { path: new RegExp(`^/v2/models/${VERSIONED}$`), get: (ctx) => ({ response: jsonResponse(200, modelMetadata(modelOf(ctx))) }), errors: 'protocol' },
    {
      path: new RegExp(`^/v2/models/${VERSIONED}/ready$`),
      get: (ctx) => {
        modelOf(ctx);
        return emptyOk();
      },
      errors: 'protocol',
    },
    { path: new RegExp(`^/v2/models/${VERSIONED}/infer$`), post: infer, errors: 'protocol' },
  ];
}

export { DATATYPES as OPEN_INFERENCE_DATATYPES };
