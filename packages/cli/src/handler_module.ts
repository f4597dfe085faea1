/**
 * Loads a user's handler module (`serve --handler`, `invoke --handler`): JavaScript as it is, TypeScript
 * compiled first with esbuild. Node 20 cannot import .ts itself, and SAM handlers are often TypeScript.
 */
import { existsSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LambdaHttpHandler } from '@tflite-lambda/serving';
import { CommandError } from './command.js';
import { buildFailureMessage } from './esbuild_errors.js';

const TYPESCRIPT = /\.[cm]?tsx?$/;
let compiled = 0;

/** The `handler` function a module exports; every way this can fail is a CommandError naming the file. */
export async function importHandler(path: string): Promise<LambdaHttpHandler> {
  const file = resolve(path);
  if (!existsSync(file)) throw new CommandError(`handler module not found: ${file}`);
  const mod = TYPESCRIPT.test(file) ? await importTypeScript(file) : await importModule(file, file);
  if (typeof mod.handler !== 'function') throw new CommandError(`${file} does not export a handler function`);
  return mod.handler as LambdaHttpHandler;
}

async function importModule(file: string, shownAs: string): Promise<{ handler?: unknown }> {
  try {
    return (await import(pathToFileURL(file).href)) as { handler?: unknown };
  } catch (err) {
    throw new CommandError(`cannot load handler module ${shownAs}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/**
 * Compiles the module and its relative imports into one .mjs written beside it (so import.meta.url and
 * package resolution are what the source would see), imports it, then deletes it. Packages stay external.
 */
async function importTypeScript(file: string): Promise<{ handler?: unknown }> {
  const { build } = await import('esbuild');
  const out = join(dirname(file), `.${basename(file)}.tflite-lambda-${process.pid}-${compiled++}.mjs`);
  try {
    await build({
      entryPoints: [file],
      outfile: out,
      bundle: true,
      packages: 'external',
      format: 'esm',
      platform: 'node',
      target: 'node20',
      sourcemap: 'inline',
      logLevel: 'silent',
    });
  } catch (err) {
    throw new CommandError(buildFailureMessage(file, err));
  }
  try {
    return await importModule(out, file);
  } finally {
    rmSync(out, { force: true });
  }
}
