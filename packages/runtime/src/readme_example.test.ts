import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@tflite-lambda/testing';

/**
 * The README's runtime example must run as written: with plain `node` (no loader) from the repository root,
 * importing the package by name — which also proves the package is importable from built JavaScript.
 */
test('the README runtime example runs with plain node from the repo root', () => {
  const root = repoRoot();
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## The runtime API'));
  const code = /```js\n([\s\S]*?)```/.exec(section)?.[1];
  assert.ok(code, 'README has a js block under "The runtime API"');
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', code], { cwd: root, encoding: 'utf8' });
  // It prints the model's ten output scores.
  const numbers = out.match(/-?\d+(\.\d+)?(e-?\d+)?/g) ?? [];
  assert.ok(numbers.length >= 10, `expected the output tensor printed, got: ${out}`);
});
