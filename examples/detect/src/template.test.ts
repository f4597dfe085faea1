import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { sharedDir, skipWithoutShared } from '@tflite-lambda/testing';
import { loadSamTemplate, samSchemaErrors } from '@tflite-lambda/testing/serving';
import { exampleDir } from './paths.js';

const template = () => loadSamTemplate(join(exampleDir, 'template.yaml'));

describe('object-detection example: SAM template', () => {
  it('validates against the AWS SAM JSON schema', { skip: skipWithoutShared() }, () => {
    const errors = samSchemaErrors(template(), sharedDir() ?? '');
    assert.deepEqual(errors, [], JSON.stringify(errors, null, 2));
  });

  it('declares the bundled function on nodejs22.x / arm64, with image types as binary media types', () => {
    const t = template();
    const fn = t.Resources.DetectFunction;
    assert.equal(fn.Properties.Runtime, 'nodejs22.x');
    assert.deepEqual(fn.Properties.Architectures, ['arm64']);
    assert.deepEqual([fn.Properties.CodeUri, fn.Properties.Handler], ['bundle/function.zip', 'index.handler']);
    const binary = t.Resources.DetectApi.Properties.BinaryMediaTypes as string[];
    for (const type of ['image~1png', 'image~1jpeg']) assert.ok(binary.includes(type), type);
    assert.ok(Number(fn.Properties.Timeout) < 29, 'within API Gateway’s 29 s');
  });
});
