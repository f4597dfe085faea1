/** Locations tests need: the repository root and the shared conformance corpus beside it. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the nearest ancestor whose package.json declares workspaces. */
export function repoRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = resolve(from);
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && 'workspaces' in JSON.parse(readFileSync(pkg, 'utf8'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no workspace root above ${from}`);
    dir = parent;
  }
}

/**
 * The shared folder (conformance corpus, schemas): $TFLITE_LAMBDA_SHARED, else `../shared` beside the
 * repository. Null when absent, as in a user's clone — tests then skip with a message.
 */
export function sharedDir(): string | null {
  const candidates = [process.env.TFLITE_LAMBDA_SHARED, join(repoRoot(), '..', 'shared')];
  for (const c of candidates) if (c && existsSync(join(c, 'conformance'))) return resolve(c);
  return null;
}

/**
 * For a test that needs something a user's clone may lack (the shared corpus, Chromium): the skip reason to
 * give node:test, or false when nothing is missing. In CI (`CI` set, as `.ci/run` does) a missing
 * prerequisite is a failure, not a skip, so a broken CI machine cannot pass by skipping.
 */
export function skipUnlessPresent(missing: string | false): string | false {
  if (missing === false) return false;
  if (process.env.CI) throw new Error(`CI requires it, but ${missing}`);
  return missing;
}

/** Skip reason for node:test when the shared corpus is missing, or false when present (an error in CI). */
export function skipWithoutShared(): string | false {
  return skipUnlessPresent(sharedDir() === null ? 'shared corpus (../shared) not found: skipping conformance tests' : false);
}
