/**
 * Test support: which packages a published package really needs — the imports its bundles keep external
 * (from dist/bundle-meta.json, written by scripts/build_packages.mjs) and the ones its published .d.ts files
 * make (types a TypeScript consumer must be able to resolve).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';

interface Metafile {
  outputs: Record<string, { imports: { path: string; external?: boolean }[] }>;
}

const BUILTINS = new Set(builtinModules);

/** 'flatbuffers/mjs/flexbuffers.js' → 'flatbuffers'; '@scope/name/sub' → '@scope/name'; null for built-ins. */
export function packageNameOf(specifier: string): string | null {
  if (specifier.startsWith('node:') || BUILTINS.has(specifier.split('/')[0])) return null;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Packages the bundled JavaScript imports at run time. */
export function bundleImports(packageDir: string): Set<string> {
  const meta = JSON.parse(readFileSync(join(packageDir, 'dist', 'bundle-meta.json'), 'utf8')) as Metafile;
  const out = new Set<string>();
  for (const output of Object.values(meta.outputs)) {
    for (const imp of output.imports) {
      const name = imp.external ? packageNameOf(imp.path) : null;
      if (name) out.add(name);
    }
  }
  return out;
}

function declarationFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'bundle') declarationFiles(path, out);
    else if (entry.name.endsWith('.d.ts') && !entry.name.endsWith('.test.d.ts')) out.push(path);
  }
  return out;
}

/** Packages the published .d.ts files import ('aws-lambda' for types that come from '@types/aws-lambda'). */
export function declarationImports(packageDir: string): Set<string> {
  const out = new Set<string>();
  const specifier = /(?:from\s+|import\s*\(\s*)['"]([^'".][^'"]*)['"]/g;
  for (const file of declarationFiles(join(packageDir, 'dist'))) {
    const text = readFileSync(file, 'utf8');
    for (let m = specifier.exec(text); m !== null; m = specifier.exec(text)) {
      const name = packageNameOf(m[1]);
      if (name) out.add(name);
    }
  }
  return out;
}
