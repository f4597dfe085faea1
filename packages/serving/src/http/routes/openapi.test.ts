import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { addMulModel, fakeModel } from '@tflite-lambda/testing/serving';
import { loadServedModel } from '../../models/load_model.js';
import { createApp, type App } from '../app.js';

describe('GET /openapi.json', () => {
  let app: App;
  let doc: { openapi: string; info: { title: string }; paths: Record<string, Record<string, { responses: Record<string, unknown> }>>; components: { schemas: Record<string, unknown> } };
  before(async () => {
    app = createApp({ models: [fakeModel(undefined, { name: 'digits' }), await loadServedModel(addMulModel(), { name: 'adder', task: 'none' })] });
    const res = app.handle({ method: 'GET', path: '/openapi.json', headers: {}, query: {}, body: new Uint8Array(0), requestId: 'r' }).response;
    assert.equal(res.status, 200);
    doc = JSON.parse(String(res.body)) as typeof doc;
  });

  it('is an OpenAPI 3 document listing each model’s task route and tensor routes', () => {
    assert.match(doc.openapi, /^3\.0\.\d$/);
    assert.ok(doc.paths['/models/digits/classify'].post);
    assert.equal(doc.paths['/models/adder/classify'], undefined, 'a model without a task has no task route');
    for (const path of ['/v2/models/adder/infer', '/v1/models/adder:predict', '/v2/models/adder', '/v1/models/adder/metadata']) assert.ok(doc.paths[path], path);
    assert.equal(doc.paths['/v2/models/digits/infer'], undefined, 'a model without tensors has no tensor routes');
  });

  it('every $ref points at a schema the document defines', () => {
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]);
    assert.ok(refs.length > 0);
    for (const name of refs) assert.ok(doc.components.schemas[name], name);
  });

  it('lists only routes that exist: each answers its method with something other than 404 or 405', () => {
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const method of Object.keys(operations)) {
        const res = app.handle({ method: method.toUpperCase(), path, headers: {}, query: {}, body: new Uint8Array(0), requestId: 'r' }).response;
        assert.ok(res.status !== 404 && res.status !== 405, `${method.toUpperCase()} ${path}: ${res.status}`);
      }
    }
  });
});
