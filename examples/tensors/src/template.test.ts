import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { sharedDir, skipWithoutShared } from '@tflite-lambda/testing';
import { loadSamTemplate, samSchemaErrors } from '@tflite-lambda/testing/serving';
import { exampleDir } from './paths.js';

const template = () => loadSamTemplate(join(exampleDir, 'template.yaml'));

describe('tensor example: SAM template', () => {
  it('validates against the AWS SAM JSON schema', { skip: skipWithoutShared() }, () => {
    const errors = samSchemaErrors(template(), sharedDir() ?? '');
    assert.deepEqual(errors, [], JSON.stringify(errors, null, 2));
  });

  it('declares an HTTP API function reading its models from MODEL_DIR', () => {
    const fn = template().Resources.TensorFunction;
    assert.equal(fn.Properties.Runtime, 'nodejs22.x');
    assert.deepEqual([fn.Properties.CodeUri, fn.Properties.Handler], ['bundle/function.zip', 'index.handler']);
    const env = (fn.Properties.Environment as { Variables: Record<string, string> }).Variables;
    assert.equal(env.MODEL_DIR, '/var/task/models');
    const events = fn.Properties.Events as Record<string, { Type: string }>;
    assert.deepEqual(Object.values(events).map((e) => e.Type), ['HttpApi']);
  });
});
