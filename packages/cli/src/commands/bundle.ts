/**
 * `tflite-lambda bundle`: builds the deployable Lambda zip — `index.mjs` (the handler and the serving code it
 * reaches, bundled by esbuild: ESM, minified, tree-shaken, node22) and the model file, at the zip's root.
 * The zip is byte-for-byte reproducible: fixed entry order, fixed timestamps, fixed attributes.
 */
import { readFile, readdir, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateRawSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import { parseArgs, stringFlag } from '../args.js';
import { UsageError } from '../command.js';
import { modelPathOf } from './serve.js';

export const summary = 'Build the deployable Lambda zip (index.mjs + model) with esbuild';
export const usage = `Usage: tflite-lambda bundle [--out <dir>] [--entry <handler.ts>] [--model <model.tflite> | --model-dir <dir>]

Writes <dir>/function.zip holding index.mjs (exporting handler) and model.tflite (or models/…), and prints its size.
  --out     output folder (default: examples/mnist/bundle, where the SAM template's CodeUri points)
  --entry   the module exporting handler (default: the example app's src/handler.ts)
  --model   the model to ship (default: the example app's model.tflite)
  --model-dir  ship a folder of models instead, as models/<file> (for a handler serving MODEL_DIR)`;

const EXAMPLE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'examples', 'mnist');

/** Nothing of these may reach the Lambda: training, TensorFlow.js, the CLI itself. */
const FORBIDDEN_INPUTS = [/@tensorflow\//, /packages\/train\//, /packages\/cli\//];

export interface BundleResult {
  readonly zipPath: string;
  readonly bytes: number;
  /** Source files esbuild put in index.mjs (relative to the working directory). */
  readonly inputs: string[];
}

/** The files of a model folder, as zip entries under models/ (sorted, so the zip is reproducible). */
async function modelDirEntries(dir: string): Promise<ZipEntry[]> {
  const names = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name).sort();
  return Promise.all(names.map(async (name) => ({ name: `models/${name}`, data: new Uint8Array(await readFile(join(dir, name))) })));
}

export async function bundleLambda(options: { outDir: string; entry: string; model?: string; modelDir?: string }): Promise<BundleResult> {
  const out = await build({
    entryPoints: [options.entry],
    bundle: true,
    minify: true,
    treeShaking: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    conditions: ['source'],
    outfile: 'index.mjs',
    write: false,
    metafile: true,
    legalComments: 'none',
    logLevel: 'silent',
    // CommonJS dependencies (pngjs, jpeg-js) call require() for node built-ins; ESM has none, so make one.
    banner: { js: "import{createRequire as __tlCreateRequire}from'node:module';const require=__tlCreateRequire(import.meta.url);" },
  });
  const inputs = checkInputs(out.metafile);
  const models = options.modelDir !== undefined
    ? await modelDirEntries(options.modelDir)
    : [{ name: 'model.tflite', data: new Uint8Array(await readFile(options.model ?? '')) }];
  const zip = zipEntries([{ name: 'index.mjs', data: out.outputFiles[0].contents }, ...models]);
  await mkdir(options.outDir, { recursive: true });
  const zipPath = join(options.outDir, 'function.zip');
  await writeFile(zipPath, zip);
  return { zipPath, bytes: zip.length, inputs };
}

function checkInputs(metafile: Metafile): string[] {
  const inputs = Object.keys(metafile.inputs).sort();
  const bad = inputs.filter((i) => FORBIDDEN_INPUTS.some((re) => re.test(i.replace(/\\/g, '/'))));
  if (bad.length) throw new Error(`the Lambda bundle must hold serving code only, but it pulled in: ${bad.join(', ')}`);
  return inputs;
}

export async function main(args: string[]): Promise<number> {
  const p = parseArgs(args, { values: ['out', 'entry', 'model', 'model-dir'] });
  if (p.positional.length) throw new UsageError(`unexpected argument '${p.positional[0]}'`);
  const modelDir = stringFlag(p, 'model-dir');
  if (modelDir !== undefined && p.flags.has('model')) throw new UsageError('give --model or --model-dir, not both');
  const result = await bundleLambda({
    outDir: resolve(stringFlag(p, 'out') ?? join(EXAMPLE_DIR, 'bundle')),
    entry: resolve(stringFlag(p, 'entry') ?? join(EXAMPLE_DIR, 'src', 'handler.ts')),
    ...(modelDir !== undefined ? { modelDir: resolve(modelDir) } : { model: modelPathOf(stringFlag(p, 'model')) }),
  });
  console.log(`${result.zipPath}: ${result.bytes} bytes (${(result.bytes / 1024).toFixed(1)} KiB), ${result.inputs.length} source files`);
  return 0;
}

// ---- A minimal, deterministic zip writer (PKWARE APPNOTE 6.3: local headers, central directory, EOCD) ----

export interface ZipEntry {
  readonly name: string;
  readonly data: Uint8Array;
}

/** 1980-01-01 00:00:00 in MS-DOS format: the earliest date zip can express, so builds never differ by time. */
const DOS_TIME = 0;
const DOS_DATE = (1 << 5) | 1;
/** Regular file, rw-r--r--, in the high 16 bits of the external attributes (made by Unix). */
const EXTERNAL_ATTRS = (0o100644 << 16) >>> 0;

/** Entries are written in the order given; each is deflated at level 9. */
export function zipEntries(entries: readonly ZipEntry[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const packed = deflateRawSync(e.data, { level: 9 });
    const fields = { crc: crc32(e.data), packed: packed.length, size: e.data.length, nameLength: name.length };
    const local = Buffer.concat([localHeader(fields), name, packed]);
    centrals.push(Buffer.concat([centralHeader(fields, offset), name]));
    locals.push(local);
    offset += local.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

interface EntryFields {
  crc: number;
  packed: number;
  size: number;
  nameLength: number;
}

function localHeader(f: EntryFields): Buffer {
  const h = Buffer.alloc(30);
  h.writeUInt32LE(0x04034b50, 0);
  h.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
  h.writeUInt16LE(0x0800, 6); // names are UTF-8
  h.writeUInt16LE(8, 8); // deflate
  h.writeUInt16LE(DOS_TIME, 10);
  h.writeUInt16LE(DOS_DATE, 12);
  h.writeUInt32LE(f.crc, 14);
  h.writeUInt32LE(f.packed, 18);
  h.writeUInt32LE(f.size, 22);
  h.writeUInt16LE(f.nameLength, 26);
  return h;
}

function centralHeader(f: EntryFields, localOffset: number): Buffer {
  const h = Buffer.alloc(46);
  h.writeUInt32LE(0x02014b50, 0);
  h.writeUInt16LE((3 << 8) | 20, 4); // made by Unix, spec 2.0
  h.writeUInt16LE(20, 6);
  h.writeUInt16LE(0x0800, 8);
  h.writeUInt16LE(8, 10);
  h.writeUInt16LE(DOS_TIME, 12);
  h.writeUInt16LE(DOS_DATE, 14);
  h.writeUInt32LE(f.crc, 16);
  h.writeUInt32LE(f.packed, 20);
  h.writeUInt32LE(f.size, 24);
  h.writeUInt16LE(f.nameLength, 28);
  h.writeUInt32LE(EXTERNAL_ATTRS, 38);
  h.writeUInt32LE(localOffset, 42);
  return h;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 as zip uses it (IEEE, reflected, 0xEDB88320). */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
