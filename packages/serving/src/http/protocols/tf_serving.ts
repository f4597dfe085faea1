/**
 * TensorFlow Serving's REST API: model status, model metadata (the serving signature) and :predict, in both
 * request formats — row ("instances": one entry per example, run one by one through a batch-of-one model)
 * and columnar ("inputs": whole tensors) — answering "predictions" or "outputs" as TensorFlow Serving does.
 * Errors are `{"error": "<message>"}`.
 */
import type { DType } from '@tflite-lambda/runtime';
import type { ServedModel, TensorRunner } from '../../models/served_model.js';
import type { TensorSpec, TensorValue } from '../../models/tensor_endpoint.js';
import { HttpError } from '../errors.js';
import { jsonObjectBody } from '../json_body.js';
import { jsonResponse } from '../responses.js';
import { MODEL, type Route, type RouteContext, type RouteReply } from '../router.js';
import { flatten, jsonFromTyped, nest, shapeOf, typedFromJson, type Nested } from './tensor_json.js';

const TF_DTYPES: Partial<Record<DType, string>> = {
  resource: 'DT_RESOURCE',
  float32: 'DT_FLOAT',
  float16: 'DT_HALF',
  int32: 'DT_INT32',
  uint8: 'DT_UINT8',
  int64: 'DT_INT64',
  bool: 'DT_BOOL',
  int16: 'DT_INT16',
  int8: 'DT_INT8',
};
const SIGNATURE = 'serving_default';
const MAX_VALUES = 4_000_000;

type Feed = Map<string, { shape: number[]; data: TensorValue['data'] }>;

function tensorsOf(model: ServedModel): TensorRunner {
  if (model.tensors === null) throw new HttpError('NOT_FOUND', `model '${model.name}' has no tensor interface`);
  return model.tensors;
}

function modelOf(ctx: RouteContext): ServedModel {
  return ctx.catalog.require(ctx.params[0] ?? '', ctx.params[1]);
}

function status(ctx: RouteContext): RouteReply {
  const model = modelOf(ctx);
  const entry = { version: model.version, state: 'AVAILABLE', status: { error_code: 'OK', error_message: '' } };
  return { response: jsonResponse(200, { model_version_status: [entry] }) };
}

function tensorInfo(s: TensorSpec): Record<string, unknown> {
  return {
    dtype: TF_DTYPES[s.dtype] ?? 'DT_INVALID',
    tensor_shape: { dim: s.shape.map((d) => ({ size: String(d), name: '' })), unknown_rank: false },
    name: `${s.name}:0`,
  };
}

function metadata(ctx: RouteContext): RouteReply {
  const model = modelOf(ctx);
  const t = tensorsOf(model);
  const def = {
    inputs: Object.fromEntries(t.inputs.map((s) => [s.name, tensorInfo(s)])),
    outputs: Object.fromEntries(t.outputs.map((s) => [s.name, tensorInfo(s)])),
    method_name: 'tensorflow/serving/predict',
  };
  return {
    response: jsonResponse(200, {
      model_spec: { name: model.name, signature_name: '', version: model.version },
      metadata: { signature_def: { signature_def: { [SIGNATURE]: def } } },
    }),
  };
}

function refuseBinaryStrings(value: unknown, what: string): void {
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && 'b64' in value) {
    throw new HttpError('INVALID_TENSOR', `${what}: {"b64": ...} values are for string tensors, which this model does not have`);
  }
}

function tensorFrom(spec: TensorSpec, value: unknown, shape: number[], what: string): { shape: number[]; data: TensorValue['data'] } {
  refuseBinaryStrings(value, what);
  return { shape, data: typedFromJson(spec.dtype, shape, flatten(value, what, MAX_VALUES), what) };
}

/** Named values of one instance or of the columnar inputs: an object by input name, or the value itself for one input. */
function byName(t: TensorRunner, value: unknown, what: string): Map<string, unknown> {
  refuseBinaryStrings(value, what);
  if (t.inputs.length === 1 && (typeof value !== 'object' || value === null || Array.isArray(value))) return new Map([[t.inputs[0].name, value]]);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new HttpError('INVALID_TENSOR', `${what}: the model has ${t.inputs.length} inputs, so give an object keyed by input name`);
  }
  return new Map(Object.entries(value));
}

/** One instance's inputs: a batch dimension of 1 is added where the model's input has one. */
function instanceFeed(t: TensorRunner, instance: unknown, i: number): { feed: Feed; batched: boolean } {
  const feed: Feed = new Map();
  let batched = false;
  for (const [name, value] of byName(t, instance, `instances[${i}]`)) {
    const spec = t.inputs.find((s) => s.name === name);
    if (spec === undefined) throw new HttpError('INVALID_TENSOR', `instances[${i}]: the model has no input '${name}'`);
    const shape = shapeOf(value, `instances[${i}].${name}`);
    const withBatch = shape.length === spec.shape.length - 1 && (spec.shape[0] === 1 || spec.shape[0] === -1);
    batched ||= withBatch;
    feed.set(name, tensorFrom(spec, value, withBatch ? [1, ...shape] : shape, `instances[${i}].${name}`));
  }
  return { feed, batched };
}

function outputValue(r: TensorValue, dropBatch: boolean): Nested {
  const values = jsonFromTyped(r.dtype, r.data);
  const shape = dropBatch && r.shape[0] === 1 ? r.shape.slice(1) : r.shape;
  return nest(values, shape);
}

function named(results: TensorValue[], dropBatch: boolean): Nested | Record<string, Nested> {
  if (results.length === 1) return outputValue(results[0], dropBatch);
  return Object.fromEntries(results.map((r) => [r.name, outputValue(r, dropBatch)]));
}

function predict(ctx: RouteContext): RouteReply {
  const model = modelOf(ctx);
  const t = tensorsOf(model);
  const body = jsonObjectBody(ctx.req, '{"instances": [...]} or {"inputs": ...}');
  if (body.signature_name !== undefined && body.signature_name !== SIGNATURE) {
    throw new HttpError('INVALID_TENSOR', `serving signature name '${String(body.signature_name).slice(0, 40)}' not found in signature def (use '${SIGNATURE}')`);
  }
  const outcome = { inputBytes: ctx.req.body.length, model: model.name };
  if (('instances' in body) === ('inputs' in body)) {
    throw new HttpError('INVALID_TENSOR', 'give exactly one of "instances" (row format) or "inputs" (columnar format)');
  }
  if ('instances' in body) {
    if (!Array.isArray(body.instances) || body.instances.length === 0) throw new HttpError('INVALID_TENSOR', '"instances" must be a non-empty array');
    const predictions = body.instances.map((instance, i) => {
      const { feed, batched } = instanceFeed(t, instance, i);
      return named(t.run(feed), batched);
    });
    return { response: jsonResponse(200, { predictions }), outcome };
  }
  const feed: Feed = new Map();
  for (const [name, value] of byName(t, body.inputs, 'inputs')) {
    const spec = t.inputs.find((s) => s.name === name);
    if (spec === undefined) throw new HttpError('INVALID_TENSOR', `inputs: the model has no input '${name}'`);
    feed.set(name, tensorFrom(spec, value, shapeOf(value, `inputs.${name}`), `inputs.${name}`));
  }
  return { response: jsonResponse(200, { outputs: named(t.run(feed), false) }), outcome };
}

const VERSIONED = `${MODEL}(?:/versions/(\\d+))?`;

export function tfServingRoutes(): Route[] {
  return [
    { path: new RegExp(`^/v1/models/${VERSIONED}$`), get: status, errors: 'protocol' },
    { path: new RegExp(`^/v1/models/${VERSIONED}/metadata$`), get: metadata, errors: 'protocol' },
    { path: new RegExp(`^/v1/models/${VERSIONED}:predict$`), post: predict, errors: 'protocol' },
  ];
}
