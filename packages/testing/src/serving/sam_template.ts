/**
 * SAM templates for the examples' tests: YAML with CloudFormation's short-form intrinsics (!Ref, !Sub,
 * !GetAtt …) read into their long form, and validation against the AWS SAM JSON schema in ../shared/schemas.
 * Not exported from the package index.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse, type Tags } from 'yaml';

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

export interface SamTemplate {
  Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
  Outputs: Record<string, unknown>;
}

export function loadSamTemplate(path: string): SamTemplate {
  return parse(readFileSync(path, 'utf8'), { customTags: cfnTags }) as SamTemplate;
}

/** The schema's errors for the template (empty when it is valid). */
export function samSchemaErrors(template: SamTemplate, sharedDir: string): unknown[] {
  const schema = JSON.parse(readFileSync(join(sharedDir, 'schemas', 'sam.schema.json'), 'utf8')) as Record<string, unknown>;
  delete schema.$schema; // draft-04 header; the schema uses nothing that differs from what Ajv checks
  const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
  return validate(template) ? [] : (validate.errors ?? []).slice(0, 5);
}
