/**
 * The README's serving snippets run as written: with plain `node` (no loader) from the repository root,
 * importing the package by name. The handler snippet is followed by a call of the handler it exports, which
 * proves it exports the function Lambda calls (not a Promise of one).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from '@tflite-lambda/testing';
import { restV1Event } from '@tflite-lambda/testing/serving';

const root = repoRoot();
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const start = readme.indexOf('## Serving');
const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
const blocks = [...section.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);

function runNode(code: string, env: Record<string, string> = {}): string {
  return execFileSync(process.execPath, ['--input-type=module', '-e', code], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'SILENT', POWERTOOLS_METRICS_DISABLED: 'true', ...env },
  });
}

describe('README serving snippets', () => {
  it('has the task snippet and the handler snippet', () => {
    assert.equal(blocks.length, 2);
  });

  it('the task snippet classifies the photographed 7 and the review as it says', () => {
    const out = runNode(blocks[0]);
    assert.match(out.replace(/\s+/g, ' '), /{ index: 7, score: 0\.9\d+, categoryName: '', displayName: '' }/);
    assert.match(out, /^Positive$/m);
  });

  it('the handler snippet exports the handler itself, which answers an event', () => {
    const event = restV1Event({ headers: { 'Content-Type': 'image/png' }, body: readFileSync(join(root, 'examples', 'mnist', 'test_images', '3.png')) });
    const call = `\nconsole.log(typeof handler);\nconsole.log(JSON.stringify(await handler(${JSON.stringify(event)})));`;
    const [kind, response] = runNode(blocks[1] + call, { MODEL_PATH: 'examples/mnist/model.tflite' }).trim().split('\n');
    assert.equal(kind, 'function');
    const result = JSON.parse(response) as { statusCode: number; body: string };
    assert.equal(result.statusCode, 200);
    assert.equal((JSON.parse(result.body) as { value: number }).value, 3);
  });
});
