#!/usr/bin/env node
// Generates docs/operators.md from the kernel registry and the differential suites (op-table/render.mjs);
// `--check` writes nothing and exits 1 when the file is stale. Needs `tsc -b`. The packages are read through
// the 'tflite-lambda-source' export condition (tsc's per-file output, as the tests read them), so this
// re-runs itself with it when started without.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CONDITION = '--conditions=tflite-lambda-source';
if (process.execArgv.includes(CONDITION)) {
  await import('./op-table/render.mjs');
} else {
  const run = spawnSync(process.execPath, [CONDITION, fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(run.status ?? 1);
}
