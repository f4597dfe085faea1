#!/usr/bin/env node
// Runs every compiled test file (packages/*/dist/**/*.test.js, examples/*/dist/**/*.test.js) with node's
// test runner. Extra arguments are passed through (e.g. --test-name-pattern=conv).
// Tests import the packages through the 'tflite-lambda-source' export condition: tsc's per-file dist/*.js,
// the same module instances their relative imports reach (the default condition is the bundled dist/bundle/).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function collect(dir, out) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of entries) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) collect(p, out);
    else if (name.endsWith('.test.js')) out.push(p);
  }
}

const files = [];
for (const group of ['packages', 'examples']) {
  let pkgs = [];
  try {
    pkgs = readdirSync(group);
  } catch {
    continue;
  }
  for (const pkg of pkgs) collect(join(group, pkg, 'dist'), files);
}
const filter = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const flags = process.argv.slice(2).filter((a) => a.startsWith('--'));
const selected = filter.length ? files.filter((f) => filter.some((s) => f.includes(s))) : files;
if (selected.length === 0) {
  console.error('no test files found (did the build run?)');
  process.exit(1);
}
const res = spawnSync(process.execPath, ['--conditions=tflite-lambda-source', '--test', '--test-reporter=spec', ...flags, ...selected.sort()], {
  stdio: 'inherit',
});
process.exit(res.status ?? 1);
