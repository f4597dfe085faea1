/**
 * Loads Google's LiteRT.js (`@litertjs/core`) under Node.js for use as a test oracle.
 *
 * The package targets browsers. Its Emscripten loader expects a worker-like global scope: `self`, an
 * `importScripts(url)` that evaluates the loader script, and (in the script) `require` and `__dirname`
 * pointing at the package's `wasm/` folder. We provide exactly these, only while loading.
 *
 * Its JS API also only knows float32/int32/uint8 tensors (a frozen `DATATYPES` table), so quantized
 * models with int8/int16 inputs could not even be described. We evaluate the package's own `dist/index.js`
 * with that table widened (the README of the shared corpus describes the same change for its reference
 * generator); everything else in the package runs unmodified.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import vm from 'node:vm';

/** A LiteRT.js Tensor, as far as the oracle uses it. */
export interface LiteRtTensorHandle {
  readonly type: { readonly dtype: string; readonly layout: { readonly dimensions: ArrayLike<number> } };
  toTypedArray(): ArrayBufferView;
  delete(): void;
}

export interface LiteRtTensorInfo {
  readonly name: string;
  readonly index: number;
  readonly dtype: string;
  readonly shape: Int32Array;
}

/** A LiteRT.js CompiledModel, as far as the oracle uses it. */
export interface LiteRtCompiledModelHandle {
  getInputDetails(): readonly LiteRtTensorInfo[];
  getOutputDetails(): readonly LiteRtTensorInfo[];
  run(inputs: LiteRtTensorHandle[]): Promise<LiteRtTensorHandle[]>;
  delete(): void;
}

export interface LiteRtCoreApi {
  loadLiteRt(wasmDir: string): Promise<unknown>;
  loadAndCompile(model: Uint8Array, options: { accelerator: 'wasm' }): Promise<LiteRtCompiledModelHandle>;
  Tensor: new (data: ArrayBufferView, shape: number[]) => LiteRtTensorHandle;
}

export interface LoadedLiteRt {
  readonly api: LiteRtCoreApi;
  readonly version: string;
  /** The Emscripten loader script that was picked (SIMD / compat build). */
  readonly loaderScript: string;
}

/** Receives every line the wasm module prints (stdout and stderr). */
export type LogSink = (line: string) => void;

/**
 * Extra rows for the dtype table, in the package's own shape. bool and uint8 share Uint8Array; bool comes
 * after uint8 so typed arrays still resolve to uint8, while a BOOL element type read back resolves to bool.
 */
const EXTRA_DTYPES = `
  { dtype: "int8", typedArrayConstructor: Int8Array, elementType: ElementType.INT8 },
  { dtype: "int16", typedArrayConstructor: Int16Array, elementType: ElementType.INT16 },
  { dtype: "int64", typedArrayConstructor: BigInt64Array, elementType: ElementType.INT64 },
  { dtype: "float16", typedArrayConstructor: Uint16Array, elementType: ElementType.FLOAT16 },
  { dtype: "bool", typedArrayConstructor: Uint8Array, elementType: ElementType.BOOL },
`;
const DTYPE_TABLE_END = `    elementType: ElementType.UINT8\n  }\n]);`;
const WASM_UTILS_IMPORT = `import { createWasmLib } from "@litertjs/wasm-utils";`;
const EXPORT_BLOCK = /\nexport \{([^}]*)\};/;

const require = createRequire(import.meta.url);

/** The installed package's folder; throws a clear error when the devDependency is missing. */
export function liteRtPackageDir(): string {
  try {
    return dirname(require.resolve('@litertjs/core/package.json'));
  } catch (cause) {
    throw new Error('@litertjs/core is not installed (a root devDependency): cannot run the LiteRT oracle', {
      cause,
    });
  }
}

/** Turns the package's ESM bundle into a function of its one import, with the dtype table widened. */
function patchedCoreSource(source: string): string {
  const expect = (found: boolean, what: string): void => {
    if (!found) throw new Error(`@litertjs/core dist/index.js changed: ${what} not found (expected 2.5.3)`);
  };
  expect(source.split(DTYPE_TABLE_END).length === 2, 'the DATATYPES table');
  expect(source.includes(WASM_UTILS_IMPORT), 'the @litertjs/wasm-utils import');
  const exports = EXPORT_BLOCK.exec(source);
  expect(exports !== null, 'the export block');
  const body = source
    .replace(DTYPE_TABLE_END, DTYPE_TABLE_END.replace('\n]);', `,${EXTRA_DTYPES}]);`))
    .replace(WASM_UTILS_IMPORT, '')
    .replace(EXPORT_BLOCK, `\nreturn {${exports?.[1] ?? ''}};`);
  return `(function (createWasmLib) {\n"use strict";\n${body}\n})`;
}

function isCoreApi(value: unknown): value is LiteRtCoreApi {
  if (typeof value !== 'object' || value === null) return false;
  return ['loadLiteRt', 'loadAndCompile', 'Tensor'].every(
    (key) => typeof Reflect.get(value, key) === 'function',
  );
}

async function evaluateCore(packageDir: string): Promise<LiteRtCoreApi> {
  const file = join(packageDir, 'dist', 'index.js');
  const factory: unknown = vm.runInThisContext(patchedCoreSource(readFileSync(file, 'utf8')), {
    filename: `${file} (dtype table widened for int8/int16)`,
  });
  if (typeof factory !== 'function') throw new Error('patched @litertjs/core did not evaluate to a function');
  const { createWasmLib } = await import('@litertjs/wasm-utils');
  const api: unknown = factory(createWasmLib);
  if (!isCoreApi(api)) throw new Error('patched @litertjs/core lacks loadLiteRt/loadAndCompile/Tensor');
  return api;
}

/**
 * The `importScripts` the Emscripten loader calls: evaluates the script with `require`, `__dirname` and
 * `__filename` in scope (as CommonJS would give them) and publishes its `ModuleFactory` on `self`.
 */
function makeImportScripts(wasmDir: string, picked: string[]): (url: string) => void {
  return (url: string) => {
    const wrapped = `(function (require, __dirname, __filename) {\n${readFileSync(url, 'utf8')}\nreturn ModuleFactory;\n})`;
    const fn: unknown = vm.runInThisContext(wrapped, { filename: url });
    if (typeof fn !== 'function') throw new Error(`${url} did not evaluate to a function`);
    Reflect.set(globalThis, 'ModuleFactory', fn(require, wasmDir, url));
    picked.push(url);
  };
}

const LOADER_GLOBALS = ['self', 'importScripts', 'Module', 'ModuleFactory'] as const;

/**
 * Loads the wasm module once. `sink` receives the module's printed lines (its log) for the module's
 * whole life: Emscripten binds print/printErr when the module starts.
 */
export async function loadLiteRtCore(sink: LogSink): Promise<LoadedLiteRt> {
  const packageDir = liteRtPackageDir();
  const wasmDir = join(packageDir, 'wasm');
  const version = String(JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')).version);
  const clashes = LOADER_GLOBALS.filter((name) => name in globalThis);
  if (clashes.length > 0) throw new Error(`cannot load LiteRT.js: globals already defined: ${clashes.join(', ')}`);
  const picked: string[] = [];
  Reflect.set(globalThis, 'self', globalThis);
  Reflect.set(globalThis, 'importScripts', makeImportScripts(wasmDir, picked));
  Reflect.set(globalThis, 'Module', { print: sink, printErr: sink });
  try {
    const api = await evaluateCore(packageDir);
    await api.loadLiteRt(wasmDir);
    return { api, version, loaderScript: picked[0] ?? '(none)' };
  } finally {
    for (const name of LOADER_GLOBALS) Reflect.deleteProperty(globalThis, name);
  }
}
