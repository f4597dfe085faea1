import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCliCaptured } from '../cli_capture.js';

test('train refuses an unknown --preset with a usage error naming the presets, before any training starts', async () => {
  const r = await runCliCaptured(['train', '--preset', 'huge', '--limit', '10', '--out', '/nonexistent/never-written']);
  assert.equal(r.code, 2);
  assert.match(r.err, /--preset must be one of 'autokeras', 'fast', 'deep', got 'huge'/);
});
