import { StateError, TensorError } from '../core/errors.js';
import type { ModelDesc } from '../core/model.js';
import { builtinOpResolver } from '../kernels/builtin.js';
import { elementWork } from '../kernels/common/work.js';
import { TYPESCRIPT_SLOWDOWN } from '../kernels/kernel.js';
import type { OpResolver } from '../kernels/resolver.js';
import { readModel } from '../schema/read_model.js';
import type { WasmContext } from '../kernels/wasm/context.js';
import { DEFAULT_MAX_ARENA_BYTES } from './allocate.js';
import type { Node } from './nodes.js';
import { detailsOf, type TensorDetails } from './details.js';
import { ResourceStore } from './resources.js';
import { alignModelBytes, modelBytesOf, readModelSource, type ModelSource } from './source.js';
import { SignatureRunner } from './signature_runner.js';
import { SubgraphRuntime } from './subgraph_runtime.js';
import { isShapedData, readTensorData, type ShapedTensorData, type TensorData } from './tensor_values.js';

export interface InterpreterOptions {
  /** Kernels to use; defaults to every kernel of this package (builtinOpResolver()). */
  readonly resolver?: OpResolver;
  /** Which subgraph to run; 0 (the model's main graph) by default. */
  readonly subgraph?: number;
  /** Largest activation arena (and tensor) allocateTensors() may plan, in bytes; 1 GiB by default. */
  readonly maxArenaBytes?: number;
  /**
   * Run in this WebAssembly memory instead of one of the interpreter's own (e.g. to host several models of
   * one lifetime in one memory). Its creator owns it: the interpreter's `dispose()` then releases only its
   * arena, and the memory's own `dispose()` releases everything in it.
   */
  readonly memory?: WasmContext;
  /**
   * Largest estimated work of one invoke: multiply-adds of convolutions and matrix products (counted 32 times
   * over when a TypeScript kernel rather than a WebAssembly SIMD one runs them, so the budget tracks time),
   * one per element for other operators. allocateTensors() refuses a model or input shape over it with
   * ComputeLimitError (and invoke() a shape computed at run time that would pass it). 1e11 by default — a few
   * seconds of SIMD kernels on one core, dozens of times the published vision models we run — so that hostile
   * shapes cannot make one invoke run for minutes.
   */
  readonly computeBudget?: number;
}

/** The default compute budget, in multiply-adds per invoke. */
export const DEFAULT_COMPUTE_BUDGET = 1e11;

/** A limit option: its default when absent, else a positive finite number (NaN or ≤ 0 would disable it). */
function checkLimit(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new TensorError(`${name} must be a positive, finite number; got ${String(value)}`);
  }
  return value;
}

/**
 * Runs one subgraph of a .tflite model. Load-time work (parsing, kernel resolution, options) happens in
 * load(); allocateTensors() prepares kernels and plans one arena; invoke() only computes (for a model without
 * dynamic tensors, it allocates nothing). The interpreter owns its memory (packed weights, arena, scratch,
 * dynamic buffers) and that of every other subgraph it runs for control flow or signatures: `dispose()` — or
 * `using` — releases it all. Variable tensors (recurrent state) persist across invokes until
 * resetVariableTensors() or the next allocation.
 */
export class Interpreter implements Disposable {
  /** The parsed model: every subgraph stays addressable here, whichever one this interpreter runs. */
  readonly model: ModelDesc;
  readonly subgraphIndex: number;
  private readonly resolver: OpResolver;
  private readonly maxArenaBytes: number;
  private readonly computeBudget: number;
  private readonly resources = new ResourceStore();
  /** Subgraph runtimes by index, made on first use; the main one always exists. */
  private readonly runtimes: (SubgraphRuntime | undefined)[];
  private readonly main: SubgraphRuntime;
  private disposed = false;

  private constructor(model: ModelDesc, options: InterpreterOptions) {
    this.model = model;
    this.subgraphIndex = options.subgraph ?? 0;
    if (!model.subgraphs[this.subgraphIndex]) {
      throw new TensorError(`subgraph ${this.subgraphIndex} does not exist (model has ${model.subgraphs.length})`);
    }
    this.resolver = options.resolver ?? builtinOpResolver();
    this.maxArenaBytes = checkLimit('maxArenaBytes', options.maxArenaBytes, DEFAULT_MAX_ARENA_BYTES);
    this.computeBudget = checkLimit('computeBudget', options.computeBudget, DEFAULT_COMPUTE_BUDGET);
    this.runtimes = model.subgraphs.map(() => undefined);
    this.main = this.makeRuntime(this.subgraphIndex, options.memory);
  }

  /** Loads a model from bytes or a file path. */
  static async load(source: ModelSource, options: InterpreterOptions = {}): Promise<Interpreter> {
    return Interpreter.loadSync(await readModelSource(source), options);
  }

  static loadSync(bytes: Uint8Array | ArrayBuffer, options: InterpreterOptions = {}): Interpreter {
    return Interpreter.fromModel(readModel(alignModelBytes(modelBytesOf(bytes))), options);
  }

  /** An interpreter over an already parsed model (e.g. another subgraph of a loaded one). */
  static fromModel(model: ModelDesc, options: InterpreterOptions = {}): Interpreter {
    return new Interpreter(model, options);
  }

  private makeRuntime(index: number, memory?: WasmContext): SubgraphRuntime {
    const resolver = this.resolver;
    const env = {
      resolver,
      maxBytes: this.maxArenaBytes,
      computeBudget: this.computeBudget,
      workOf: (node: Node) => {
        const estimate = resolver.workEstimator(node.opcode);
        if (!estimate) return elementWork(node.signature);
        return estimate(node.signature) * (node.kernel.simd ? 1 : TYPESCRIPT_SLOWDOWN);
      },
      resources: this.resources,
      subgraph: (i: number) => this.runtime(i),
    };
    const rt = new SubgraphRuntime(index, this.model.subgraphs[index]!, env, memory);
    this.runtimes[index] = rt;
    return rt;
  }

  /** The runtime of subgraph `index`, made (and its kernels bound) on first use. */
  private runtime(index: number): SubgraphRuntime {
    this.checkLive();
    if (!Number.isInteger(index) || index < 0 || index >= this.model.subgraphs.length) {
      throw new TensorError(`subgraph ${index} does not exist (model has ${this.model.subgraphs.length})`);
    }
    return this.runtimes[index] ?? this.makeRuntime(index);
  }

  /** The model's signatures (SignatureDefs): key → input and output names, as TFLite's get_signature_list. */
  getSignatureList(): Record<string, { inputs: string[]; outputs: string[] }> {
    const list: Record<string, { inputs: string[]; outputs: string[] }> = {};
    for (const s of this.model.signatures) {
      list[s.key] = { inputs: s.inputs.map((t) => t.name), outputs: s.outputs.map((t) => t.name) };
    }
    return list;
  }

  /** Runs a named signature on its subgraph, which shares this interpreter's resources and memory owner. */
  getSignatureRunner(key?: string): SignatureRunner {
    const sigs = this.model.signatures;
    const sig = key === undefined && sigs.length === 1 ? sigs[0] : sigs.find((s) => s.key === key);
    if (!sig) throw new TensorError(`no signature '${key ?? ''}' (model has: ${sigs.map((s) => s.key).join(', ') || 'none'})`);
    return new SignatureRunner(new SubgraphAccess(this.runtime(sig.subgraphIndex)), sig);
  }

  /** Prepares every kernel for the current input shapes and plans memory. Harmless to call again. */
  allocateTensors(): void {
    this.main.allocate();
  }

  /**
   * Resets every variable tensor to its initial value, as TFLite's ResetVariableTensors (resource variables and
   * CALL_ONCE state are not variable tensors and stay, as in TFLite).
   */
  resetVariableTensors(): void {
    this.checkLive();
    for (const rt of this.runtimes) if (rt?.isPlanned) rt.resetVariables();
  }

  /**
   * Releases everything this interpreter holds: its WebAssembly memory (packed weights, arena, scratch) or, in
   * a memory it was given, its arena, and the memory of every other subgraph it ran. Any later call throws
   * StateError. Safe to call twice.
   */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const rt of this.runtimes) rt?.dispose();
  }

  [Symbol.dispose](): void {
    this.dispose();
  }

  /** Bytes of WebAssembly memory this interpreter holds (0 when it has none, e.g. without SIMD). */
  get wasmMemoryBytes(): number {
    return this.runtimes.reduce((s, rt) => s + (rt?.wasmByteLength ?? 0), 0);
  }

  getInputDetails(): TensorDetails[] {
    return this.main.desc.inputs.map((i) => detailsOf(this.main.tensors[i]!));
  }

  getOutputDetails(): TensorDetails[] {
    return this.main.desc.outputs.map((i) => detailsOf(this.main.tensors[i]!));
  }

  /** Details of every tensor of the subgraph. */
  getTensorDetails(): TensorDetails[] {
    return this.main.tensors.map(detailsOf);
  }

  /** Changes an input's shape; call allocateTensors() before the next invoke. */
  resizeInputTensor(index: number, shape: readonly number[]): void {
    this.main.resizeInput(index, shape);
  }

  /**
   * Copies `data` into tensor `index`: the tensor's TypedArray type with its element count, a string[] for a
   * string tensor, interleaved (real, imaginary) float32 pairs in a Float32Array for a complex64 tensor, a
   * BigUint64Array for a uint64 one.
   */
  setTensor(index: number, data: TensorData): void {
    this.main.setTensor(index, data);
  }

  /** A copy of tensor `index`'s current value, in the forms setTensor takes. */
  getTensor(index: number): TensorData {
    return readTensorData(this.main.tensorForAccess(index, 'getTensor'));
  }

  /** Current shape of tensor `index`. */
  getTensorShape(index: number): number[] {
    return [...this.main.tensorForAccess(index, 'getTensorShape').shape];
  }

  /** Runs the subgraph once on the current inputs. Synchronous. */
  invoke(): void {
    this.main.invoke();
  }

  /**
   * Convenience: sets the inputs (in input order; resizing where the given shapes differ), invokes, and
   * returns copies of the outputs in output order.
   */
  run(inputs: readonly (TensorData | ShapedTensorData)[]): TensorData[] {
    return new SubgraphAccess(this.main).run(inputs);
  }

  /** Estimated work of one invoke (multiply-adds, see `computeBudget`), from the last allocateTensors() or invoke(). */
  get estimatedWork(): number {
    return this.main.estimatedWork;
  }

  /** Bytes of the activation arena planned by the last allocateTensors(). */
  get arenaBytes(): number {
    return this.main.arenaBytes;
  }

  /** Bytes held for dynamic tensors (outside the arena) after the last invoke. */
  get dynamicBytes(): number {
    return this.main.dynamicBytes;
  }

  /** Bytes of constant tensors (weights) stored in the model. */
  get weightBytes(): number {
    return this.main.tensors.reduce((s, t) => s + (t.isModelConstant ? t.data.byteLength : 0), 0);
  }

  /** Op names in execution order, as the kernels name themselves. */
  get kernelNames(): string[] {
    return this.main.nodes.map((n) => n.kernel.name);
  }

  private checkLive(): void {
    if (this.disposed) throw new StateError('the interpreter was disposed');
  }
}

/** The Interpreter-like surface of one subgraph, as signature runners and run() drive it. */
class SubgraphAccess {
  constructor(private readonly rt: SubgraphRuntime) {}

  resizeInputTensor(index: number, shape: readonly number[]): void {
    this.rt.resizeInput(index, shape);
  }

  allocateTensors(): void {
    this.rt.allocate();
  }

  setTensor(index: number, data: TensorData): void {
    this.rt.setTensor(index, data);
  }

  invoke(): void {
    this.rt.invoke();
  }

  getTensor(index: number): TensorData {
    return readTensorData(this.rt.tensorForAccess(index, 'getTensor'));
  }

  getTensorShape(index: number): number[] {
    return [...this.rt.tensorForAccess(index, 'getTensorShape').shape];
  }

  run(inputs: readonly (TensorData | ShapedTensorData)[]): TensorData[] {
    const ids = this.rt.desc.inputs;
    if (inputs.length !== ids.length) throw new TensorError(`run(): model has ${ids.length} inputs; got ${inputs.length}`);
    inputs.forEach((x, k) => {
      if (isShapedData(x)) this.rt.resizeInput(ids[k]!, x.shape);
    });
    this.rt.allocate();
    inputs.forEach((x, k) => { this.rt.setTensor(ids[k]!, isShapedData(x) ? x.data : x); });
    this.rt.invoke();
    return this.rt.desc.outputs.map((o) => this.getTensor(o));
  }
}
