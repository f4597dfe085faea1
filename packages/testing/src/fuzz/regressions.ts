/**
 * Reproducers: every input a fuzz run found failing is kept as a file under
 * fixtures/regressions/<target>/ and replayed by a test ever after. Images and models are stored as the
 * raw bytes; an HTTP case as JSON holding its Content-Type and base64 body. Each folder's README.md lists
 * what each file once broke.
 */
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { testingPackageRoot } from '../images/pillow_fixtures.js';
import type { FuzzCase, FuzzTargetName } from './fuzz_case.js';

export function regressionDir(target: FuzzTargetName): string {
  return join(testingPackageRoot(), 'fixtures', 'regressions', target);
}

interface StoredHttpCase {
  readonly contentType: string;
  readonly bodyBase64: string;
}

function extensionOf(c: FuzzCase): string {
  if (c.target === 'http') return 'json';
  if (c.target === 'models') return 'tflite';
  if (c.bytes[0] === 0x89 && c.bytes[1] === 0x50) return 'png';
  return c.bytes[0] === 0xff && c.bytes[1] === 0xd8 ? 'jpg' : 'bin';
}

/** Writes the case as `<hash>.<ext>` (unless already there) and notes the problem in the README; returns the path. */
export function saveReproducer(c: FuzzCase, problem: string, dir = regressionDir(c.target)): string {
  mkdirSync(dir, { recursive: true });
  const content = c.target === 'http' ? Buffer.from(`${JSON.stringify({ contentType: c.contentType ?? '', bodyBase64: Buffer.from(c.bytes).toString('base64') }, null, 1)}\n`) : c.bytes;
  const name = `${createHash('sha256').update(content).digest('hex').slice(0, 12)}.${extensionOf(c)}`;
  const path = join(dir, name);
  if (existsSync(path)) return path;
  writeFileSync(path, content);
  const readme = join(dir, 'README.md');
  if (!existsSync(readme)) writeFileSync(readme, `# ${c.target} fuzz reproducers\n\nReplayed by a test; each once broke the property.\n\n`);
  appendFileSync(readme, `- \`${name}\` (${c.label}): ${problem.replace(/\s+/g, ' ').slice(0, 300)}\n`);
  return path;
}

/** Every stored reproducer of `target`, as cases. */
export function loadReproducers(target: FuzzTargetName, dir = regressionDir(target)): (FuzzCase & { file: string })[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f !== 'README.md')
    .sort()
    .map((file) => {
      const bytes = readFileSync(join(dir, file));
      if (target !== 'http') return { target, label: file, file, bytes: new Uint8Array(bytes) };
      const stored = JSON.parse(bytes.toString('utf8')) as StoredHttpCase;
      return { target, label: file, file, contentType: stored.contentType, bytes: new Uint8Array(Buffer.from(stored.bodyBase64, 'base64')) };
    });
}
