#!/usr/bin/env node
// Assembles what each publishable package ships beyond tsc's output (run after `tsc -b`, which keeps emitting
// the per-file dist/ that the tests use and the .d.ts types that are published):
// - dist/bundle/: one ES module per entry (code-split, so modules shared by two entries of a package live once,
//   in a chunk), with linked source maps. Node resolves hundreds of per-file modules one by one; one bundled
//   file is what makes importing a package as cheap as a Lambda bundle. Every import of another package stays
//   external, so classes and module state exist once per package.
// - the CLI's demo/: the example app's model and sample events, so the installed CLI serves the demo.
// Usage: node scripts/build_packages.mjs [package-name …]   (default: every package in PACKAGES)
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const PACKAGES = ['runtime', 'vision', 'serving', 'train', 'cli'];
/** The condition that maps a package's entries to tsc's per-file output inside the monorepo (tests use it). */
const SOURCE_CONDITION = 'tflite-lambda-source';
const BUNDLE_DIR = './dist/bundle/';

/** Entries not in a package's exports map: the CLI's bin and built-in handler, training's worker thread. */
const EXTRA_ENTRIES = {
  cli: { main: 'src/main.ts', handler: 'src/handler.ts' },
  train: { worker: 'src/threads/worker.ts' },
};

/** Files copied into a package (destination → source, relative to the package and the repository root). */
const COPIED_FILES = {
  cli: { 'demo/model.tflite': 'examples/mnist/model.tflite', 'demo/events': 'examples/mnist/events' },
};

/** `./dist/schema/builder/index.js` → `src/schema/builder/index.ts`. */
function sourceOf(distPath) {
  return distPath.replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '.ts');
}

/** Entry name → source file, from the exports map (default → dist/bundle/NAME.js, source condition → dist/X.js). */
function entriesOf(name, manifest) {
  const entries = { ...EXTRA_ENTRIES[name] };
  for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
    if (typeof target === 'string') continue; // e.g. "./package.json"
    const bundled = target.default;
    const perFile = target[SOURCE_CONDITION];
    if (!bundled?.startsWith(BUNDLE_DIR) || !perFile) {
      throw new Error(`${name}: exports['${subpath}'] needs default → ${BUNDLE_DIR}NAME.js and '${SOURCE_CONDITION}' → ./dist/FILE.js`);
    }
    entries[basename(bundled, '.js')] = sourceOf(perFile);
  }
  return entries;
}

async function bundlePackage(name) {
  const dir = join(ROOT, 'packages', name);
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const entries = entriesOf(name, manifest);
  for (const [entry, file] of Object.entries(entries)) {
    if (!existsSync(join(dir, file))) throw new Error(`${name}: entry '${entry}' source ${file} does not exist`);
  }
  const outdir = join(dir, 'dist', 'bundle');
  rmSync(outdir, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: dir,
    entryPoints: entries,
    outdir,
    entryNames: '[name]',
    // Chunks beside the entries: code that computes `new URL('./x.js', import.meta.url)` finds x.js from any of them.
    chunkNames: 'chunk-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
  });
  // Kept outside dist/bundle (not published): the pack test reads which packages each bundle imports.
  writeFileSync(join(dir, 'dist', 'bundle-meta.json'), JSON.stringify(result.metafile));
  return result.metafile;
}

function copyFiles(name) {
  for (const [to, from] of Object.entries(COPIED_FILES[name] ?? {})) {
    const target = join(ROOT, 'packages', name, to);
    rmSync(target, { recursive: true, force: true });
    mkdirSync(dirname(target), { recursive: true });
    cpSync(join(ROOT, from), target, { recursive: true });
  }
}

const names = process.argv.slice(2);
for (const name of names.length ? names : PACKAGES) {
  if (!PACKAGES.includes(name)) throw new Error(`unknown package '${name}' (one of ${PACKAGES.join(', ')})`);
  await bundlePackage(name);
  copyFiles(name);
}
