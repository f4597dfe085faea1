import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from './paths.js';

test('docs/operators.md is what scripts/op-table.mjs generates from the registry and the differential suites', () => {
  const run = spawnSync(process.execPath, [join(repoRoot(), 'scripts', 'op-table.mjs'), '--check'], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr || run.stdout);
});
