/**
 * tfjs-tflite as a strict oracle for what LiteRT.js refuses: models with variable tensors (LSTM, SVDF state)
 * and other graphs LiteRT.js cannot run. Like the LiteRT.js oracle it refuses to answer rather than answer
 * wrongly: any `ERROR` line in the module's log, a failed Invoke, or two fresh runners disagreeing on the
 * same case is an error, not a reference.
 *
 * Every case gets freshly created runners, so variable tensors start at zero (TFLite zeroes them at
 * allocation) — the state a freshly loaded model has. `runSequence` invokes one runner several times to give
 * references for state carried across invokes.
 */
import { bytesOf, checkHostTensor, describeTensor, identicalTensors, isDType, typedFromBytes, type HostTensor } from '../litert/host_tensor.js';
import { CapturedLog, explainWithLog, firstErrorLine } from '../oracle_log.js';
import { TfjsTfliteModule, type TfWebModelRunner, type TfWebTensorInfo } from './load_client.js';

/** Where the oracle gave up: loading the package, creating the runner, invoking, or two runs disagreeing. */
export type TfjsTfliteStage = 'load' | 'compile' | 'run' | 'nondeterministic';

export class TfjsTfliteOracleError extends Error {
  readonly stage: TfjsTfliteStage;
  readonly log: readonly string[];
  constructor(stage: TfjsTfliteStage, message: string, log: readonly string[], options?: { cause?: unknown }) {
    super(`tfjs-tflite ${stage}: ${explainWithLog(message, log)}`, options);
    this.name = 'TfjsTfliteOracleError';
    this.stage = stage;
    this.log = log;
  }

  /** True when tfjs-tflite declined the model or case (no kernel, a failed Invoke): a reason to skip. */
  get isRefusal(): boolean {
    return this.stage === 'compile' || this.stage === 'run';
  }
}


export class TfjsTfliteOracle {
  private static shared: Promise<TfjsTfliteOracle> | null = null;
  private readonly log = new CapturedLog('TfjsTfliteOracle');
  private loaded: TfjsTfliteModule | null = null;

  private constructor() {}

  /** The process-wide oracle: the package's wasm is compiled once per process. */
  static create(): Promise<TfjsTfliteOracle> {
    if (TfjsTfliteOracle.shared === null) {
      const oracle = new TfjsTfliteOracle();
      TfjsTfliteOracle.shared = oracle.log.quietly(() => oracle.ensureLoaded()).then(
        () => oracle,
        (error: unknown) => {
          TfjsTfliteOracle.shared = null;
          throw error;
        },
      );
    }
    return TfjsTfliteOracle.shared;
  }

  get description(): string {
    const l = this.loaded;
    return l ? `tfjs-tflite ${l.version} (${l.build})` : 'tfjs-tflite (not loaded)';
  }

  /**
   * Runs `model` once on `inputs` (subgraph input order) from fresh state and returns the outputs in subgraph
   * output order. Two fresh runners must give identical bytes.
   */
  async run(model: Uint8Array, inputs: readonly HostTensor[]): Promise<HostTensor[]> {
    const [outputs] = await this.runSequence(model, [inputs]);
    return outputs;
  }

  /**
   * Invokes one fresh runner once per entry of `steps` (each a full set of inputs) and returns every
   * invoke's outputs: state in variable tensors carries from one invoke to the next, as in TFLite.
   */
  async runSequence(model: Uint8Array, steps: readonly (readonly HostTensor[])[]): Promise<HostTensor[][]> {
    steps.forEach((inputs, s) => { inputs.forEach((t, i) => { checkHostTensor(t, `step ${s} input ${i}`); }); });
    return this.log.quietly(async () => {
      await this.ensureLoaded();
      const first = await this.runFresh(model, steps);
      const second = await this.runFresh(model, steps);
      first.forEach((outs, s) => { this.requireIdentical(outs, second[s], s); });
      return first;
    });
  }

  private async runFresh(model: Uint8Array, steps: readonly (readonly HostTensor[])[]): Promise<HostTensor[][]> {
    // Each runner lives in its own wasm instance, dropped (garbage) with it: nothing to delete.
    const runner = await this.compile(model);
    return steps.map((inputs) => this.invoke(runner, inputs));
  }

  private async ensureLoaded(): Promise<void> {
    if (this.loaded !== null) return;
    try {
      this.loaded = TfjsTfliteModule.load();
    } catch (cause) {
      throw new TfjsTfliteOracleError('load', errorText(cause), this.log.lines, { cause });
    }
    this.throwOnErrorLines('load');
  }

  private async compile(model: Uint8Array): Promise<TfWebModelRunner> {
    let runner: TfWebModelRunner;
    try {
      runner = await this.module().createRunner(model, this.log.sink);
    } catch (cause) {
      throw new TfjsTfliteOracleError('compile', errorText(cause), this.log.lines, { cause });
    }
    this.throwOnErrorLines('compile');
    return runner;
  }

  private invoke(runner: TfWebModelRunner, inputs: readonly HostTensor[]): HostTensor[] {
    const infos = runner.getInputs();
    if (infos.length !== inputs.length) throw new Error(`the model has ${infos.length} inputs, ${inputs.length} given`);
    infos.forEach((info, i) => { writeInput(info, inputs[i], i); });
    let ok: boolean;
    try {
      ok = runner.infer();
    } catch (cause) {
      throw new TfjsTfliteOracleError('run', errorText(cause), this.log.lines, { cause });
    }
    if (!ok) throw new TfjsTfliteOracleError('run', 'Invoke() failed', this.log.lines);
    this.throwOnErrorLines('run');
    return runner.getOutputs().map((o, i) => readOutput(o, i));
  }

  private requireIdentical(first: HostTensor[], second: HostTensor[], step: number): void {
    const differs = first.findIndex((t, i) => !identicalTensors(t, second[i]));
    if (differs >= 0 || first.length !== second.length) {
      const which = differs >= 0 ? `output ${differs}` : 'the output count';
      throw new TfjsTfliteOracleError('nondeterministic', `two fresh runs differ in ${which} at step ${step}`, this.log.lines);
    }
  }

  private throwOnErrorLines(stage: TfjsTfliteStage): void {
    const bad = firstErrorLine(this.log.lines);
    if (bad !== undefined) throw new TfjsTfliteOracleError(stage, `logged "${bad}"`, this.log.lines);
  }

  private module(): TfjsTfliteModule {
    if (this.loaded === null) throw new Error('tfjs-tflite is not loaded');
    return this.loaded;
  }
}

function shapeOf(info: TfWebTensorInfo): number[] {
  return info.shape === '' ? [] : info.shape.split(',').map(Number);
}

function writeInput(info: TfWebTensorInfo, given: HostTensor, i: number): void {
  const expected = { dtype: info.dataType, shape: shapeOf(info) };
  if (given.dtype !== info.dataType || describeTensor(given) !== describeTensor(expected)) {
    throw new Error(`input ${i}: the model expects ${describeTensor(expected)}, given ${describeTensor(given)}`);
  }
  const target = info.data();
  bytesOf(target).set(bytesOf(given.data));
}

function readOutput(info: TfWebTensorInfo, i: number): HostTensor {
  const dtype = info.dataType;
  if (!isDType(dtype)) throw new Error(`output ${i} has dtype ${dtype}, which the runtime does not know`);
  return { dtype, shape: shapeOf(info), data: typedFromBytes(dtype, bytesOf(info.data())) };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
