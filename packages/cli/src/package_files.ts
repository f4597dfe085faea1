/**
 * Files that ship inside the CLI package: its package.json (the version), the demo app's model and sample
 * events (demo/, copied from examples/mnist by the build), and the built-in Lambda handler module. Found from
 * this module's own location, which is dist/ (tsc's per-file output, in the monorepo's tests) or dist/bundle/
 * (the published bundle), never from the working directory or the monorepo's examples/.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = '@tflite-lambda/cli';

interface Manifest {
  readonly name?: string;
  readonly version?: string;
}

function readManifest(dir: string): Manifest | null {
  const file = join(dir, 'package.json');
  if (!existsSync(file)) return null;
  return JSON.parse(readFileSync(file, 'utf8')) as Manifest;
}

/** The CLI package's folder: the nearest folder above this module whose package.json is the CLI's. */
export function cliPackageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (readManifest(dir)?.name === PACKAGE_NAME) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`${PACKAGE_NAME}: package.json not found above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

export function cliVersion(): string {
  return readManifest(cliPackageRoot())?.version ?? 'unknown';
}

/** A file of the demo app (the MNIST model, sample events) as shipped in the package. */
export function demoFile(...parts: string[]): string {
  return join(cliPackageRoot(), 'demo', ...parts);
}

/** The sample events the demo ships, by name (`rest-v1` → demo/events/rest-v1.json). */
export const SAMPLE_EVENTS = ['rest-v1', 'http-api-v2', 'function-url', 'alb', 'alb-multi-value'] as const;

/**
 * The built-in handler module (handler.ts compiled): beside this module both in tsc's output (dist/handler.js)
 * and in the bundle (dist/bundle/handler.js, an entry of its own).
 */
export function builtinHandlerFile(): string {
  return fileURLToPath(new URL('./handler.js', import.meta.url));
}
