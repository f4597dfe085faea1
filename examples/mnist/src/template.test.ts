import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { sharedDir } from '@tflite-lambda/testing';
import { Ajv } from 'ajv';
import { parse, type Tags } from 'yaml';
import { exampleDir } from './paths.js';

/** CloudFormation short-form intrinsics, parsed to their long form ({ "Fn::GetAtt": [...] } etc.). */
const INTRINSICS = ['Ref', 'Sub', 'GetAtt', 'Join', 'Select', 'Split', 'If', 'Equals', 'Not', 'And', 'Or',
  'FindInMap', 'GetAZs', 'ImportValue', 'Base64', 'Cidr', 'Condition'];

const cfnTags: Tags = INTRINSICS.flatMap((name) => {
  const key = name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;
  const wrap = (value: unknown) => ({ [key]: name === 'GetAtt' && typeof value === 'string' ? value.split('.') : value });
  return [
    { tag: `!${name}`, resolve: (value: string) => wrap(value) },
    { tag: `!${name}`, collection: 'seq' as const, resolve: (value: { toJSON(): unknown }) => wrap(value.toJSON()) },
    { tag: `!${name}`, collection: 'map' as const, resolve: (value: { toJSON(): unknown }) => wrap(value.toJSON()) },
  ];
});

type Template = { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>; Outputs: Record<string, unknown> };

function loadTemplate(): Template {
  return parse(readFileSync(join(exampleDir, 'template.yaml'), 'utf8'), { customTags: cfnTags }) as Template;
}

const shared = sharedDir();

describe('SAM template', () => {
  it('validates against the AWS SAM JSON schema', { skip: shared === null && 'shared folder (../shared) not found: skipping SAM schema validation' }, () => {
    const schema = JSON.parse(readFileSync(join(shared ?? '', 'schemas', 'sam.schema.json'), 'utf8')) as Record<string, unknown>;
    delete schema.$schema; // draft-04 header; the schema uses nothing that differs from what Ajv checks
    const ajv = new Ajv({ strict: false, allErrors: true });
    const validate = ajv.compile(schema);
    const ok = validate(loadTemplate());
    assert.ok(ok, JSON.stringify(validate.errors?.slice(0, 5), null, 2));
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
