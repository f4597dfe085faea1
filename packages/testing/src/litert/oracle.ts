/**
 * LiteRT.js as a strict oracle: runs a .tflite model on Google's TFLite kernels (wasm accelerator, i.e.
 * TFLite + XNNPACK compiled to WebAssembly) and refuses to answer rather than answer wrongly.
 *
 * LiteRT.js can fail silently: for some graphs `run()` resolves normally with stale memory and the only
 * sign is an `ERROR:` line in its log. So every call here watches the log (throwing on any `ERROR:` line)
 * and runs each case twice, requiring byte-identical outputs.
 */
import { dtypeOfTypedArray } from '@tflite-lambda/runtime/internal';
import { loadLiteRtCore, type LiteRtCompiledModelHandle, type LiteRtTensorHandle, type LoadedLiteRt } from './load_core.js';
import { withStaticShapeSignatures } from './static_shapes.js';
import { CapturedLog, explainWithLog, firstErrorLine } from '../oracle_log.js';
import {
  bytesOf,
  checkHostTensor,
  describeTensor,
  identicalTensors,
  isDType,
  typedFromBytes,
  type HostTensor,
} from './host_tensor.js';

/** Where the oracle gave up: the model was refused, a run logged an error, or two runs disagreed. */
export type OracleStage = 'load' | 'compile' | 'run' | 'nondeterministic';

export class LiteRtOracleError extends Error {
  readonly stage: OracleStage;
  /** The LiteRT log lines captured during the failed call. */
  readonly log: readonly string[];
  constructor(stage: OracleStage, message: string, log: readonly string[], options?: { cause?: unknown }) {
    // The first line says why (LiteRT's own ERROR lines often explain more than its exception does).
    const why = explainWithLog(message, log);
    const tail = log.filter((l) => l.trim() !== '' && !l.includes('INFO:')).slice(-8);
    super(`LiteRT.js ${stage}: ${why}${tail.length ? `\n  log: ${tail.join('\n  log: ')}` : ''}`, options);
    this.name = 'LiteRtOracleError';
    this.stage = stage;
    this.log = log;
  }

  /**
   * True when LiteRT.js declined this model or case (it has no kernel, logged an error): a reason to skip
   * the case. Failing to load LiteRT.js at all, or answering differently twice, is not.
   */
  get isRefusal(): boolean {
    return this.stage === 'compile' || this.stage === 'run';
  }
}


export class LiteRtOracle {
  private static shared: Promise<LiteRtOracle> | null = null;
  private readonly log = new CapturedLog('LiteRtOracle');
  private loaded: LoadedLiteRt | null = null;

  private constructor() {}

  /**
   * The process-wide oracle. The wasm module is ~9 MB and loads once per process; LiteRT.js keeps its own
   * global state, so there is never more than one.
   */
  static create(): Promise<LiteRtOracle> {
    if (LiteRtOracle.shared === null) {
      const oracle = new LiteRtOracle();
      LiteRtOracle.shared = oracle.log.quietly(() => oracle.ensureLoaded()).then(
        () => oracle,
        (error: unknown) => {
          LiteRtOracle.shared = null;
          throw error;
        },
      );
    }
    return LiteRtOracle.shared;
  }

  /** LiteRT.js package version and the wasm loader it picked, for test logs. */
  get description(): string {
    const l = this.loaded;
    return l ? `LiteRT.js ${l.version} (${l.loaderScript.split('/').pop()}, wasm accelerator)` : 'LiteRT.js (not loaded)';
  }

  /**
   * Runs `model` on `inputs` (in subgraph input order) and returns the outputs in subgraph output order.
   * Dynamic dimensions (−1 in a shape_signature) run at the model's static shape. Throws
   * LiteRtOracleError when LiteRT.js refuses the model, logs an error, or is not deterministic.
   */
  async run(model: Uint8Array, inputs: readonly HostTensor[]): Promise<HostTensor[]> {
    inputs.forEach((t, i) => { checkHostTensor(t, `input ${i}`); });
    return this.log.quietly(async () => {
      await this.ensureLoaded();
      try {
        return await this.compileAndRunTwice(model, inputs);
      } catch (error) {
        // An Emscripten abort leaves the wasm instance unusable: load a fresh one for the next call.
        if (isWasmAbort(error)) this.loaded = null;
        throw error;
      }
    });
  }

  /**
   * Outputs of successive invokes of one compiled model, one entry of `steps` (a full set of inputs) per
   * invoke: state kept by stateful kernels (the random generators) carries over. The model is compiled twice
   * and both sequences must agree byte for byte.
   */
  async runSequence(model: Uint8Array, steps: readonly (readonly HostTensor[])[]): Promise<HostTensor[][]> {
    steps.forEach((inputs, s) => { inputs.forEach((t, i) => { checkHostTensor(t, `invoke ${s} input ${i}`); }); });
    return this.log.quietly(async () => {
      await this.ensureLoaded();
      const first = await this.compileAndRunSequence(model, steps);
      const second = await this.compileAndRunSequence(model, steps);
      first.forEach((outs, k) => { this.requireIdentical(outs, second[k]!); });
      return first;
    });
  }

  private async compileAndRunSequence(model: Uint8Array, steps: readonly (readonly HostTensor[])[]): Promise<HostTensor[][]> {
    const compiled = await this.compile(model);
    try {
      const runs: HostTensor[][] = [];
      for (const inputs of steps) {
        this.checkInputs(compiled, inputs);
        runs.push(await this.runOnce(compiled, inputs));
      }
      return runs;
    } finally {
      compiled.delete();
    }
  }

  private async compileAndRunTwice(model: Uint8Array, inputs: readonly HostTensor[]): Promise<HostTensor[]> {
    const compiled = await this.compile(model);
    try {
      this.checkInputs(compiled, inputs);
      const first = await this.runOnce(compiled, inputs);
      const second = await this.runOnce(compiled, inputs);
      this.requireIdentical(first, second);
      return first;
    } finally {
      compiled.delete();
    }
  }

  private async ensureLoaded(): Promise<void> {
    if (this.loaded !== null) return;
    try {
      this.loaded = await loadLiteRtCore(this.log.sink);
    } catch (cause) {
      throw new LiteRtOracleError('load', errorText(cause), this.log.lines, { cause });
    }
    this.throwOnErrorLines('load');
  }

  private async compile(model: Uint8Array): Promise<LiteRtCompiledModelHandle> {
    const api = this.api();
    let compiled: LiteRtCompiledModelHandle;
    try {
      compiled = await api.loadAndCompile(withStaticShapeSignatures(model), { accelerator: 'wasm' });
    } catch (cause) {
      throw new LiteRtOracleError('compile', errorText(cause), this.log.lines, { cause });
    }
    try {
      this.throwOnErrorLines('compile');
    } catch (error) {
      compiled.delete();
      throw error;
    }
    return compiled;
  }

  private checkInputs(compiled: LiteRtCompiledModelHandle, inputs: readonly HostTensor[]): void {
    let details: readonly { dtype: string; shape: Int32Array }[];
    try {
      details = compiled.getInputDetails();
    } catch (cause) {
      throw new LiteRtOracleError('compile', `input details: ${errorText(cause)}`, this.log.lines, { cause });
    }
    if (details.length !== inputs.length) {
      throw new Error(`the model has ${details.length} inputs, ${inputs.length} given`);
    }
    details.forEach((d, i) => {
      const given = inputs[i];
      const expected = { dtype: d.dtype, shape: Array.from(d.shape) };
      if (given.dtype !== d.dtype || describeTensor(given) !== describeTensor(expected)) {
        throw new Error(`input ${i}: the model expects ${describeTensor(expected)}, given ${describeTensor(given)}`);
      }
      if (given.dtype === 'bool') {
        throw new LiteRtOracleError('compile', 'bool inputs cannot be passed through the LiteRT.js JS API', this.log.lines);
      }
      if (dtypeOfTypedArray(given.data) !== given.dtype) {
        throw new Error(`input ${i}: data is not a ${given.dtype} array`);
      }
    });
  }

  private async runOnce(compiled: LiteRtCompiledModelHandle, inputs: readonly HostTensor[]): Promise<HostTensor[]> {
    const api = this.api();
    const tensors = inputs.map((t) => new api.Tensor(t.data.slice(), [...t.shape]));
    let outputs: LiteRtTensorHandle[] = [];
    try {
      outputs = await compiled.run(tensors);
      this.throwOnErrorLines('run');
      return outputs.map((o, i) => readTensor(o, i));
    } catch (cause) {
      if (cause instanceof LiteRtOracleError) throw cause;
      throw new LiteRtOracleError('run', errorText(cause), this.log.lines, { cause });
    } finally {
      for (const t of [...tensors, ...outputs]) t.delete();
    }
  }

  private requireIdentical(first: HostTensor[], second: HostTensor[]): void {
    const differs = first.findIndex((t, i) => !identicalTensors(t, second[i]));
    if (differs >= 0 || first.length !== second.length) {
      const which = differs >= 0 ? `output ${differs}` : 'the output count';
      throw new LiteRtOracleError('nondeterministic', `two runs of the same case differ in ${which}`, this.log.lines);
    }
  }

  private throwOnErrorLines(stage: OracleStage): void {
    const bad = firstErrorLine(this.log.lines);
    if (bad !== undefined) throw new LiteRtOracleError(stage, `logged "${bad}"`, this.log.lines);
  }

  private api(): LoadedLiteRt['api'] {
    if (this.loaded === null) throw new Error('LiteRT.js is not loaded');
    return this.loaded.api;
  }
}

function readTensor(handle: LiteRtTensorHandle, index: number): HostTensor {
  const dtype = handle.type.dtype;
  if (!isDType(dtype)) throw new Error(`output ${index} has dtype ${dtype}, which the runtime does not know`);
  return {
    dtype,
    shape: Array.from(handle.type.layout.dimensions),
    data: typedFromBytes(dtype, bytesOf(handle.toTypedArray())),
  };
}

function isWasmAbort(error: unknown): boolean {
  const cause = error instanceof Error && error.cause !== undefined ? error.cause : error;
  return cause instanceof WebAssembly.RuntimeError;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
