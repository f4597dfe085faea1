import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCliCaptured } from './cli_capture.js';
import { cliPackageRoot } from './package_files.js';

describe('tflite-lambda --version', () => {
  it('prints the version of the CLI package', async () => {
    const { version } = JSON.parse(readFileSync(join(cliPackageRoot(), 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-v']) {
      const r = await runCliCaptured([flag]);
      assert.deepEqual([r.code, r.out, r.err], [0, version, '']);
    }
  });
});
