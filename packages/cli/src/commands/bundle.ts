/**
 * `tflite-lambda bundle`: builds the deployable Lambda zip — `index.mjs` (the handler and the serving code it
 * reaches, bundled by esbuild: ESM, minified, tree-shaken, node22) and the model file, at the zip's root.
 * Without --entry the handler is the built-in one (handler.ts) with the flags' settings baked in.
 * The zip is byte-for-byte reproducible: fixed entry order, fixed timestamps, fixed attributes.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { parseArgs, stringFlag } from '../args.js';
import { CommandError, UsageError } from '../command.js';
import { buildFailureMessage } from '../esbuild_errors.js';
import { DEFAULT_MODEL_FILE, type HandlerSettings } from '../handler.js';
import { builtinHandlerFile } from '../package_files.js';
import { zipEntries, type ZipEntry } from '../zip.js';
import { demoSettings, existingFile, invertFlag } from './serve.js';

export const summary = 'Build the deployable Lambda zip (index.mjs + model) with esbuild';
export const usage = `Usage: tflite-lambda bundle [--model <model.tflite>] [--labels <file>] [--invert auto|true|false]
                            [--entry <handler.ts|.js> [--model-dir <dir>]] [--out <dir>]

Writes <dir>/function.zip holding index.mjs (exporting handler), model.tflite (and labels.txt with
--labels), and prints its size. Without --entry, index.mjs is the built-in image-classifier handler, which
reads MODEL_PATH, LABELS_PATH, INVERT, MAX_BODY_BYTES, MAX_PIXELS and POWERTOOLS_SERVICE_NAME at init.
Without --model it ships the demo app (the MNIST model, invert auto).
  --model   the .tflite model to ship
  --labels  a file with one class label per line (built-in handler only)
  --invert  invert gray levels: auto (when dark on light, as for MNIST), true or false (built-in handler only)
  --entry   your own module exporting handler instead of the built-in one
  --model-dir  with --entry: ship a folder of models as models/<file> instead of one model (for a handler
            serving MODEL_DIR, as examples/tensors does)
  --out     output folder (default: ./bundle; the zip is <out>/function.zip)`;

/** Nothing of these may reach the Lambda: training, TensorFlow.js, the CLI itself (except its handler module). */
const FORBIDDEN_INPUTS = [/@tensorflow\//, /(packages\/|@tflite-lambda\/)train\//, /(packages\/|@tflite-lambda\/)cli\//];
const ALLOWED_CLI_INPUTS = /cli\/dist\/(bundle\/)?(handler|chunk-[A-Z0-9]+)\.js$/;

export interface BundleOptions {
  readonly outDir: string;
  /** The model to ship as model.tflite, or `modelDir`'s files as models/<file> (with an entry module). */
  readonly model?: string;
  readonly modelDir?: string;
  /** A module exporting handler; without it the built-in handler with `settings`. */
  readonly entry?: string;
  readonly settings?: Omit<HandlerSettings, 'model' | 'labels'>;
  readonly labels?: string;
}

export interface BundleResult {
  readonly zipPath: string;
  readonly bytes: number;
  /** Source files esbuild put in index.mjs (relative to the working directory). */
  readonly inputs: string[];
}

/** The files of a model folder, as zip entries under models/ (sorted, so the zip is reproducible). */
async function modelDirEntries(dir: string): Promise<ZipEntry[]> {
  const names = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name).sort();
  return Promise.all(names.map(async (name) => ({ name: `models/${name}`, data: await readInput(join(dir, name), 'model folder') })));
}

export async function bundleLambda(options: BundleOptions): Promise<BundleResult> {
  if ((options.model === undefined) === (options.modelDir === undefined)) throw new UsageError('bundle needs a model or a model folder');
  if (options.modelDir !== undefined && options.entry === undefined) throw new UsageError('--model-dir needs --entry: the built-in handler serves one model');
  const files: ZipEntry[] =
    options.modelDir === undefined ? [{ name: DEFAULT_MODEL_FILE, data: await readInput(options.model ?? '', 'model') }] : await modelDirEntries(options.modelDir);
  if (options.labels !== undefined) files.push({ name: 'labels.txt', data: await readInput(options.labels, 'labels') });
  const code = await bundleHandler(options);
  const zip = zipEntries([{ name: 'index.mjs', data: code.contents }, ...files]);
  const zipPath = join(options.outDir, 'function.zip');
  try {
    await mkdir(options.outDir, { recursive: true });
    await writeFile(zipPath, zip);
  } catch (err) {
    throw new CommandError(`cannot write ${zipPath}: ${err instanceof Error ? err.message : String(err)}`);
  }
  return { zipPath, bytes: zip.length, inputs: code.inputs };
}

async function readInput(file: string, what: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(file));
  } catch (err) {
    throw new CommandError(`cannot read ${what} file ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** The built-in handler with baked-in settings, as an entry module esbuild reads from stdin. */
function builtinEntry(options: BundleOptions): string {
  const baked: HandlerSettings = {
    ...options.settings,
    model: DEFAULT_MODEL_FILE,
    ...(options.labels === undefined ? {} : { labels: 'labels.txt' }),
  };
  return [
    `import { handlerFromEnvironment } from ${JSON.stringify(builtinHandlerFile())};`,
    `export const handler = await handlerFromEnvironment(${JSON.stringify(baked)});`,
  ].join('\n');
}

/** The esbuild options for index.mjs: ESM for node22, minified and tree-shaken, one file in memory. */
const LAMBDA_BUILD = {
  bundle: true,
  minify: true,
  treeShaking: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  outfile: 'index.mjs',
  write: false,
  metafile: true,
  legalComments: 'none',
  logLevel: 'silent',
  // CommonJS dependencies (pngjs) call require() for node built-ins; ESM has none, so make one.
  banner: { js: "import{createRequire as __tlCreateRequire}from'node:module';const require=__tlCreateRequire(import.meta.url);" },
} as const satisfies BuildOptions;

async function bundleHandler(options: BundleOptions): Promise<{ contents: Uint8Array; inputs: string[] }> {
  const entry = options.entry;
  if (entry !== undefined && !existsSync(entry)) throw new CommandError(`entry module not found: ${entry}`);
  const shownAs = entry ?? 'the built-in handler';
  const source: BuildOptions =
    entry === undefined
      ? { stdin: { contents: builtinEntry(options), resolveDir: dirname(builtinHandlerFile()) } }
      : { entryPoints: [entry] };
  const out = await build({ ...source, ...LAMBDA_BUILD }).catch((err: unknown) => {
    throw new CommandError(buildFailureMessage(shownAs, err));
  });
  return { contents: out.outputFiles[0].contents, inputs: checkInputs(out.metafile, shownAs) };
}

function checkInputs(metafile: Metafile, entry: string): string[] {
  const inputs = Object.keys(metafile.inputs).sort();
  const bad = inputs
    .map((i) => i.replace(/\\/g, '/'))
    .filter((i) => FORBIDDEN_INPUTS.some((re) => re.test(i)) && !ALLOWED_CLI_INPUTS.test(i));
  if (bad.length) throw new CommandError(`the Lambda bundle must hold serving code only, but ${entry} pulled in: ${bad.join(', ')}`);
  return inputs;
}

export async function main(args: string[]): Promise<number> {
  const p = parseArgs(args, { values: ['out', 'entry', 'model', 'model-dir', 'labels', 'invert'] });
  if (p.positional.length) throw new UsageError(`unexpected argument '${p.positional[0]}'`);
  const entry = stringFlag(p, 'entry');
  const invert = invertFlag(p);
  if (entry !== undefined && (invert !== undefined || p.flags.has('labels'))) {
    throw new UsageError('--labels and --invert configure the built-in handler; with --entry your module configures itself');
  }
  const modelFlag = stringFlag(p, 'model');
  const modelDir = stringFlag(p, 'model-dir');
  if (modelDir !== undefined && modelFlag !== undefined) throw new UsageError('give --model or --model-dir, not both');
  // Without --model this is the demo app: its model, and the settings it needs (unless a flag says otherwise).
  const demo = modelFlag === undefined ? demoSettings() : undefined;
  const labels = stringFlag(p, 'labels');
  const result = await bundleLambda({
    outDir: resolve(stringFlag(p, 'out') ?? 'bundle'),
    entry: entry === undefined ? undefined : resolve(entry),
    ...(modelDir === undefined ? { model: existingFile(modelFlag ?? demoSettings().model, 'model') } : { modelDir: existingFile(modelDir, 'model folder') }),
    labels: labels === undefined ? undefined : existingFile(labels, 'labels'),
    settings: { invert: invert ?? demo?.invert, serviceName: demo?.serviceName },
  });
  console.log(`${result.zipPath}: ${result.bytes} bytes (${(result.bytes / 1024).toFixed(1)} KiB), ${result.inputs.length} source files`);
  return 0;
}
