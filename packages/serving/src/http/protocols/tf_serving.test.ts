/**
 * TensorFlow Serving's REST API routes, with requests shaped as its documentation shows them: the row format
 * ({"signature_name", "instances": [...]}) and the columnar format ({"inputs": {...}}), status and metadata.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { addMulModel, doubleInt32Model } from '@tflite-lambda/testing/serving';
import { loadServedModel } from '../../models/load_model.js';
import { createApp, type App } from '../app.js';
import type { HttpResponse } from '../types.js';

let app: App;
before(async () => {
  app = createApp({
    models: [await loadServedModel(addMulModel(), { name: 'addmul', task: 'none' }), await loadServedModel(doubleInt32Model(), { name: 'double', task: 'none' })],
  });
});

function call(method: string, path: string, body?: unknown): HttpResponse {
  const bytes = body === undefined ? new Uint8Array(0) : new TextEncoder().encode(JSON.stringify(body));
  return app.handle({ method, path, headers: { 'content-type': 'application/json' }, query: {}, body: bytes, requestId: 'r' }).response;
}

const json = (res: HttpResponse) => JSON.parse(String(res.body)) as Record<string, unknown>;

describe('TensorFlow Serving REST API', () => {
  it('reports model status as AVAILABLE', () => {
    assert.deepEqual(json(call('GET', '/v1/models/double')), {
      model_version_status: [{ version: '1', state: 'AVAILABLE', status: { error_code: 'OK', error_message: '' } }],
    });
    assert.equal(call('GET', '/v1/models/double/versions/1').status, 200);
  });

  it('describes the serving_default signature with dtypes and dimensions', () => {
    const meta = json(call('GET', '/v1/models/double/metadata'));
    assert.deepEqual(meta.model_spec, { name: 'double', signature_name: '', version: '1' });
    const def = (meta.metadata as { signature_def: { signature_def: Record<string, { inputs: Record<string, unknown>; method_name: string }> } }).signature_def.signature_def.serving_default;
    assert.deepEqual(def.inputs.x, { dtype: 'DT_INT32', tensor_shape: { dim: [{ size: '1', name: '' }, { size: '3', name: '' }], unknown_rank: false }, name: 'x:0' });
    assert.equal(def.method_name, 'tensorflow/serving/predict');
  });

  it('predicts rows: one prediction per instance, without the batch dimension', () => {
    const res = call('POST', '/v1/models/double:predict', { signature_name: 'serving_default', instances: [[1, 2, 3], [10, 20, 30]] });
    assert.deepEqual(json(res), { predictions: [[2, 4, 6], [20, 40, 60]] });
  });

  it('predicts rows of a two-input model from named instances, answering outputs by name', () => {
    const res = call('POST', '/v1/models/addmul/versions/1:predict', { instances: [{ input0: [1, 2, 3, 4], input1: [1, 1, 2, 2] }] });
    assert.deepEqual(json(res), { predictions: [{ output0: [2, 3, 5, 6], output1: [1, 2, 6, 8] }] });
  });

  it('predicts columns: whole tensors in, "outputs" out', () => {
    assert.deepEqual(json(call('POST', '/v1/models/double:predict', { inputs: [[4, 5, 6]] })), { outputs: [[8, 10, 12]] });
    const two = call('POST', '/v1/models/addmul:predict', { inputs: { input0: [[1, 2, 3, 4]], input1: [[2, 2, 2, 2]] } });
    assert.deepEqual(json(two), { outputs: { output0: [[3, 4, 5, 6]], output1: [[2, 4, 6, 8]] } });
  });

  const errors: [string, string, unknown, number, RegExp][] = [
    ['both formats', '/v1/models/double:predict', { instances: [[1, 2, 3]], inputs: [[1, 2, 3]] }, 400, /exactly one of "instances"/],
    ['another signature', '/v1/models/double:predict', { signature_name: 'classify', instances: [[1, 2, 3]] }, 400, /signature name 'classify' not found/],
    ['a non-integer for int32', '/v1/models/double:predict', { instances: [[1, 2.5, 3]] }, 400, /value 1 \(2.5\) is not a int32/],
    ['ragged instances', '/v1/models/double:predict', { instances: [[1, 2, 3], [1, 2]] }, 400, /shape \[1,3\]; got \[1,2\]/],
    ['b64 strings', '/v1/models/double:predict', { instances: [{ b64: 'AAAA' }] }, 400, /"b64"/],
    ['an unknown model', '/v1/models/nope:predict', { instances: [[1, 2, 3]] }, 404, /no model named 'nope'/],
    ['a missing named input', '/v1/models/addmul:predict', { instances: [{ input0: [1, 2, 3, 4] }] }, 400, /input 'input1' is missing/],
  ];
  for (const [what, path, body, status, message] of errors) {
    it(`answers ${status} {"error": "..."} for ${what}`, () => {
      const res = call('POST', path, body);
      assert.equal(res.status, status);
      assert.deepEqual(Object.keys(json(res)), ['error']);
      assert.match(String(json(res).error), message);
    });
  }
});
