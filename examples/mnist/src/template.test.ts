import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { sharedDir } from '@tflite-lambda/testing';
import { loadSamTemplate, samSchemaErrors } from '@tflite-lambda/testing/serving';
import { exampleDir } from './paths.js';

function loadTemplate() {
  return loadSamTemplate(join(exampleDir, 'template.yaml'));
}

const shared = sharedDir();

describe('SAM template', () => {
  it('validates against the AWS SAM JSON schema', { skip: shared === null && 'shared folder (../shared) not found: skipping SAM schema validation' }, () => {
    const errors = samSchemaErrors(loadTemplate(), shared ?? '');
    assert.deepEqual(errors, [], JSON.stringify(errors, null, 2));
  });

  it('declares the function the issue asks for: nodejs22.x on arm64, the bundle zip, index.handler', () => {
    const fn = loadTemplate().Resources.DigitFunction;
    assert.equal(fn.Type, 'AWS::Serverless::Function');
    assert.equal(fn.Properties.Runtime, 'nodejs22.x');
    assert.deepEqual(fn.Properties.Architectures, ['arm64']);
    assert.equal(fn.Properties.CodeUri, 'bundle/function.zip');
    assert.equal(fn.Properties.Handler, 'index.handler');
  });

  it('routes / and /{proxy+} for any method, with image types as binary media types', () => {
    const t = loadTemplate();
    const events = t.Resources.DigitFunction.Properties.Events as Record<string, { Properties: { Path: string; Method: string } }>;
    assert.deepEqual(Object.values(events).map((e) => [e.Properties.Path, e.Properties.Method]).sort(), [['/', 'ANY'], ['/{proxy+}', 'ANY']]);
    const binary = t.Resources.DigitApi.Properties.BinaryMediaTypes as string[];
    for (const type of ['image~1png', 'image~1jpeg']) assert.ok(binary.includes(type), type);
  });

  it('outputs the API URL, the function ARN and the role ARN as intrinsic references', () => {
    const outputs = loadTemplate().Outputs as Record<string, { Value: unknown }>;
    assert.deepEqual(outputs.FunctionArn.Value, { 'Fn::GetAtt': ['DigitFunction', 'Arn'] });
    assert.deepEqual(outputs.FunctionRoleArn.Value, { 'Fn::GetAtt': ['DigitFunctionRole', 'Arn'] });
    assert.match(String((outputs.ApiUrl.Value as { 'Fn::Sub': string })['Fn::Sub']), /execute-api.*\/Prod\/$/);
  });
});
