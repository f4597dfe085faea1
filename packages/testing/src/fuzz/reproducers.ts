/**
 * Fuzz reproducers: every input a fuzz run finds failing is written under fixtures/regressions/<target>/
 * (beside the ones found by hand) and replayed by that area's test ever after. Images and models are kept
 * as their raw bytes; an HTTP case as JSON holding its Content-Type and base64 body. The folder's README.md
 * gets a table row saying what the file broke.
 */
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { regressionDir } from '../regressions.js';
import type { FuzzCase, FuzzTargetName } from './fuzz_case.js';

interface StoredHttpCase {
  readonly contentType: string;
  readonly contentEncoding?: string;
  readonly bodyBase64: string;
}

const EXTENSIONS: Record<FuzzTargetName, readonly string[]> = { images: ['.png', '.jpg', '.bin'], http: ['.json'], models: ['.tflite'] };

function extensionOf(c: FuzzCase): string {
  if (c.target === 'http') return '.json';
  if (c.target === 'models') return '.tflite';
  if (c.bytes[0] === 0x89 && c.bytes[1] === 0x50) return '.png';
  return c.bytes[0] === 0xff && c.bytes[1] === 0xd8 ? '.jpg' : '.bin';
}

function contentOf(c: FuzzCase): Uint8Array {
  if (c.target !== 'http') return c.bytes;
  const encoding = c.contentEncoding === undefined ? {} : { contentEncoding: c.contentEncoding };
  const stored: StoredHttpCase = { contentType: c.contentType ?? '', ...encoding, bodyBase64: Buffer.from(c.bytes).toString('base64') };
  return Buffer.from(`${JSON.stringify(stored, null, 1)}\n`);
}

/** Writes the case as `<hash>.<ext>` (unless it is there already) and adds its README row; returns the path. */
export function saveReproducer(c: FuzzCase, problem: string, dir = regressionDir(c.target)): string {
  mkdirSync(dir, { recursive: true });
  const content = contentOf(c);
  const name = `${createHash('sha256').update(content).digest('hex').slice(0, 12)}${extensionOf(c)}`;
  const path = join(dir, name);
  if (existsSync(path)) return path;
  writeFileSync(path, content);
  const readme = join(dir, 'README.md');
  if (!existsSync(readme)) writeFileSync(readme, `# ${c.target} reproducers\n\n| file | what it was |\n|---|---|\n`);
  appendFileSync(readme, `| \`${name}\` | ${c.label}: ${problem.replace(/\s+/g, ' ').replace(/\|/g, '\\|').slice(0, 300)} |\n`);
  return path;
}

/** Every stored reproducer of `target`, as cases. */
export function loadReproducers(target: FuzzTargetName, dir = regressionDir(target)): (FuzzCase & { file: string })[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => EXTENSIONS[target].some((ext) => f.endsWith(ext)))
    .sort()
    .map((file) => {
      const bytes = readFileSync(join(dir, file));
      if (target !== 'http') return { target, label: file, file, bytes: new Uint8Array(bytes) };
      const stored = JSON.parse(bytes.toString('utf8')) as StoredHttpCase;
      const bytes64 = new Uint8Array(Buffer.from(stored.bodyBase64, 'base64'));
      return { target, label: file, file, contentType: stored.contentType, contentEncoding: stored.contentEncoding, bytes: bytes64 };
    });
}
