/**
 * The Open Inference Protocol routes, with requests shaped as the KServe v2 / Triton documentation shows
 * them (its inference request example: named inputs with shape, datatype and flat data; an outputs list).
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { addMulModel, fakeModel } from '@tflite-lambda/testing/serving';
import { loadServedModel } from '../../models/load_model.js';
import type { ServedModel } from '../../models/served_model.js';
import { createApp, type App } from '../app.js';
import type { HttpRequest, HttpResponse } from '../types.js';

let app: App;
let dynamic: ServedModel;
before(async () => {
  const model = await loadServedModel(addMulModel(), { name: 'addmul', task: 'none' });
  dynamic = await loadServedModel(addMulModel(true), { name: 'batched', task: 'none', version: '3' });
  app = createApp({ models: [model, dynamic, fakeModel(undefined, { name: 'fake' })] });
});

function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): HttpResponse {
  const req: HttpRequest = {
    method,
    path,
    headers: { 'content-type': 'application/json', ...headers },
    query: {},
    body: body === undefined ? new Uint8Array(0) : new TextEncoder().encode(typeof body === 'string' ? body : JSON.stringify(body)),
    requestId: 'r',
  };
  return app.handle(req).response;
}

const json = (res: HttpResponse) => JSON.parse(String(res.body)) as Record<string, unknown>;

const inferRequest = {
  id: '42',
  inputs: [
    { name: 'input0', shape: [1, 4], datatype: 'FP32', data: [1, 2, 3, 4] },
    { name: 'input1', shape: [1, 4], datatype: 'FP32', data: [10, 20, 30, 40] },
  ],
  outputs: [{ name: 'output0' }],
};

describe('Open Inference Protocol: health and metadata', () => {
  it('live and ready answer 200 with an empty body', () => {
    for (const path of ['/v2/health/live', '/v2/health/ready', '/v2/models/addmul/ready', '/v2/models/batched/versions/3/ready']) {
      const res = call('GET', path);
      assert.equal(res.status, 200, path);
      assert.equal(res.body, '');
    }
  });
  it('server metadata names the server and its version', () => {
    assert.deepEqual(Object.keys(json(call('GET', '/v2'))).sort(), ['extensions', 'name', 'version']);
  });
  it('model metadata lists tensors with datatypes and shapes (-1 where dynamic)', () => {
    assert.deepEqual(json(call('GET', '/v2/models/batched')), {
      name: 'batched',
      versions: ['3'],
      platform: 'tflite',
      inputs: [{ name: 'input0', datatype: 'FP32', shape: [-1, 4] }, { name: 'input1', datatype: 'FP32', shape: [-1, 4] }],
      outputs: [{ name: 'output0', datatype: 'FP32', shape: [-1, 4] }, { name: 'output1', datatype: 'FP32', shape: [-1, 4] }],
    });
  });
  it('GET /v2/models and the repository index list every model', () => {
    const listed = json(call('GET', '/v2/models')).models as { name: string; task: string | null }[];
    assert.deepEqual(listed.map((m) => [m.name, m.task]), [['addmul', null], ['batched', null], ['fake', 'classify']]);
    assert.deepEqual(JSON.parse(String(call('POST', '/v2/repository/index', {}).body)), [
      { name: 'addmul', version: '1', state: 'READY' },
      { name: 'batched', version: '3', state: 'READY' },
      { name: 'fake', version: '1', state: 'READY' },
    ]);
  });
});

describe('Open Inference Protocol: inference', () => {
  it('runs the documented request shape and answers the requested output', () => {
    const res = call('POST', '/v2/models/addmul/infer', inferRequest);
    assert.equal(res.status, 200);
    assert.deepEqual(json(res), {
      model_name: 'addmul',
      model_version: '1',
      id: '42',
      outputs: [{ name: 'output0', datatype: 'FP32', shape: [1, 4], data: [11, 22, 33, 44] }],
    });
  });
  it('answers every output when none is named, and takes nested data', () => {
    const nested = { inputs: inferRequest.inputs.map((i) => ({ ...i, data: [i.data] })) };
    const outputs = json(call('POST', '/v2/models/addmul/versions/1/infer', nested)).outputs as { name: string; data: number[] }[];
    assert.deepEqual(outputs.map((o) => [o.name, o.data]), [['output0', [11, 22, 33, 44]], ['output1', [10, 40, 90, 160]]]);
  });
  it('resizes a dynamic batch dimension', () => {
    const batch = {
      inputs: [
        { name: 'input0', shape: [2, 4], datatype: 'FP32', data: [1, 2, 3, 4, 5, 6, 7, 8] },
        { name: 'input1', shape: [2, 4], datatype: 'FP32', data: [1, 1, 1, 1, 2, 2, 2, 2] },
      ],
      outputs: [{ name: 'output1' }],
    };
    const [out] = json(call('POST', '/v2/models/batched/infer', batch)).outputs as { shape: number[]; data: number[] }[];
    assert.deepEqual(out, { name: 'output1', datatype: 'FP32', shape: [2, 4], data: [1, 2, 3, 4, 10, 12, 14, 16] });
  });
  const errors: [string, string, unknown, number, RegExp][] = [
    ['an unknown model', '/v2/models/nope/infer', inferRequest, 404, /no model named 'nope'/],
    ['an unknown version', '/v2/models/addmul/versions/7/infer', inferRequest, 404, /has no version '7'/],
    ['a wrong datatype', '/v2/models/addmul/infer', { inputs: [{ ...inferRequest.inputs[0], datatype: 'INT32' }, inferRequest.inputs[1]] }, 400, /datatype INT32 given, the model takes FP32/],
    ['a wrong shape', '/v2/models/addmul/infer', { inputs: [{ ...inferRequest.inputs[0], shape: [2, 2] }, inferRequest.inputs[1]] }, 400, /has shape \[1,4\]; got \[2,2\]/],
    ['too few values', '/v2/models/addmul/infer', { inputs: [{ ...inferRequest.inputs[0], data: [1, 2] }, inferRequest.inputs[1]] }, 400, /2 values for shape \[1,4\]/],
    ['a missing input', '/v2/models/addmul/infer', { inputs: [inferRequest.inputs[0]] }, 400, /input 'input1' is missing/],
    ['an unknown output', '/v2/models/addmul/infer', { ...inferRequest, outputs: [{ name: 'logits' }] }, 400, /unexpected inference output 'logits'/],
    ['a body that is not JSON', '/v2/models/addmul/infer', '{"inputs":', 400, /not valid JSON/],
    ['no inputs array', '/v2/models/addmul/infer', { inputs: 3 }, 400, /"inputs" must be an array/],
  ];
  for (const [what, path, body, status, message] of errors) {
    it(`answers ${status} {"error": "..."} for ${what}`, () => {
      const res = call('POST', path, body);
      assert.equal(res.status, status);
      const payload = json(res);
      assert.deepEqual(Object.keys(payload), ['error']);
      assert.match(String(payload.error), message);
    });
  }
  it('refuses the binary data extension by name', () => {
    const res = call('POST', '/v2/models/addmul/infer', inferRequest, { 'inference-header-content-length': '120' });
    assert.equal(res.status, 400);
    assert.match(String(json(res).error), /binary tensor data extension is not supported/);
  });
  it('says a model without a tensor interface has none (404)', () => {
    const res = call('POST', '/v2/models/fake/infer', inferRequest);
    assert.equal(res.status, 404);
  });
});
