/**
 * Loads `@tensorflow/tfjs-tflite` (0.0.1-alpha.10: an older TFLite with its builtin kernels and XNNPACK for
 * float, compiled to WebAssembly) under Node.js for use as a second test oracle. Unlike LiteRT.js it runs models
 * with variable tensors (LSTM and SVDF state).
 *
 * The package's JS client is a browser bundle that keeps one wasm instance per page. We skip it and drive its
 * Emscripten module directly, through the same embind class the client wraps (`TFLiteWebModelRunner`):
 * - the single-threaded SIMD build (the client would pick the threaded one under Node, which needs workers);
 * - the `.wasm` is compiled once, and every runner gets a fresh instance (`instantiateWasm`), hence fresh
 *   memory: a kernel that writes out of bounds (this build's SVDF does, on some int8 models) cannot corrupt
 *   the next case, and nothing ever needs deleting — the corpus generator likewise ran each case in its own
 *   process.
 * The script is evaluated with neither `window` nor `importScripts` defined, so Emscripten takes no browser
 * path; given `instantiateWasm` it fetches nothing.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import vm from 'node:vm';

/** One model input or output, as the runner describes it. */
export interface TfWebTensorInfo {
  readonly id: number;
  readonly dataType: string;
  readonly name: string;
  /** Comma-separated dimensions, e.g. "1,28,28". */
  readonly shape: string;
  /** A view of the tensor's memory inside the wasm heap. */
  data(): ArrayBufferView;
}

/** A TFLite interpreter over one model, in its own wasm instance. */
export interface TfWebModelRunner {
  getInputs(): TfWebTensorInfo[];
  getOutputs(): TfWebTensorInfo[];
  /** Runs the interpreter once; false when TFLite's Invoke failed. */
  infer(): boolean;
}

/** The embind objects the module hands out, as far as we use them. */
interface CppVector<T> {
  size(): number;
  get(i: number): T;
  delete(): void;
}
interface CppRunner {
  GetInputs(): CppVector<TfWebTensorInfo>;
  GetOutputs(): CppVector<TfWebTensorInfo>;
  Infer(): boolean;
}
interface CppStatusOr<T> {
  ok(): boolean;
  errorMessage(): string;
  value(): T;
}
interface EmscriptenModule {
  readonly HEAPU8: Uint8Array;
  _malloc(bytes: number): number;
  readonly TFLiteWebModelRunner: {
    CreateFromBufferAndOptions(
      pointer: number,
      length: number,
      options: { numThreads: number; enableProfiling: boolean; maxProfilingBufferEntries: number },
    ): CppStatusOr<CppRunner>;
  };
}
type ModuleFactory = (options: Record<string, unknown>) => Promise<EmscriptenModule>;

/** Receives every line a wasm instance prints (stdout and stderr). */
export type LogSink = (line: string) => void;

const require = createRequire(import.meta.url);
const BUILD = 'tflite_web_api_cc_simd';

/** The installed package's folder; throws a clear error when the devDependency is missing. */
export function tfjsTflitePackageDir(): string {
  try {
    return dirname(require.resolve('@tensorflow/tfjs-tflite/package.json'));
  } catch (cause) {
    throw new Error('@tensorflow/tfjs-tflite is not installed (a root devDependency): cannot run the tfjs-tflite oracle', {
      cause,
    });
  }
}

function evaluateModuleFactory(script: string): ModuleFactory {
  const wrapped = `(function () {\n${readFileSync(script, 'utf8')}\nreturn tflite_web_api_ModuleFactory;\n})`;
  const fn: unknown = vm.runInThisContext(wrapped, { filename: script });
  if (typeof fn !== 'function') throw new Error(`${script} did not evaluate to a function`);
  const factory: unknown = fn();
  if (typeof factory !== 'function') throw new Error(`${script} defines no tflite_web_api_ModuleFactory`);
  return factory as ModuleFactory;
}

function wrapRunner(cpp: CppRunner): TfWebModelRunner {
  const list = (v: CppVector<TfWebTensorInfo>): TfWebTensorInfo[] => {
    try {
      return Array.from({ length: v.size() }, (_, i) => v.get(i));
    } finally {
      v.delete();
    }
  };
  return { getInputs: () => list(cpp.GetInputs()), getOutputs: () => list(cpp.GetOutputs()), infer: () => cpp.Infer() };
}

/** The compiled package: makes a runner per model, each in a fresh wasm instance. */
export class TfjsTfliteModule {
  private constructor(
    private readonly factory: ModuleFactory,
    private readonly wasm: WebAssembly.Module,
    readonly version: string,
    readonly build: string,
  ) {}

  static load(): TfjsTfliteModule {
    const packageDir = tfjsTflitePackageDir();
    const script = join(packageDir, 'wasm', `${BUILD}.js`);
    const version = String(JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')).version);
    const wasm = new WebAssembly.Module(readFileSync(join(packageDir, 'wasm', `${BUILD}.wasm`)));
    return new TfjsTfliteModule(evaluateModuleFactory(script), wasm, version, `${BUILD}.js`);
  }

  /** A runner for `model` in a new wasm instance; throws with TFLite's message when it cannot be created. */
  async createRunner(model: Uint8Array, sink: LogSink): Promise<TfWebModelRunner> {
    const instantiateWasm = (imports: WebAssembly.Imports, receive: (instance: WebAssembly.Instance) => void): WebAssembly.Exports => {
      const instance = new WebAssembly.Instance(this.wasm, imports);
      receive(instance);
      return instance.exports;
    };
    const module = await this.factory({ instantiateWasm, print: sink, printErr: sink });
    const pointer = module._malloc(model.byteLength);
    module.HEAPU8.set(model, pointer);
    const options = { numThreads: 1, enableProfiling: false, maxProfilingBufferEntries: 1024 };
    const created = module.TFLiteWebModelRunner.CreateFromBufferAndOptions(pointer, model.byteLength, options);
    if (!created.ok()) throw new Error(`cannot create the runner: ${created.errorMessage()}`);
    return wrapRunner(created.value());
  }
}
