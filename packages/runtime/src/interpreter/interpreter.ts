import { isTypedArrayOf, type TypedArray } from '../core/dtype.js';
import { StateError, TensorError } from '../core/errors.js';
import type { ModelDesc, SubgraphDesc } from '../core/model.js';
import { formatShape, numElements } from '../core/shape.js';
import { builtinOpResolver } from '../kernels/builtin.js';
import type { OpResolver } from '../kernels/resolver.js';
import { readModel } from '../schema/read_model.js';
import { elementWork } from '../kernels/common/work.js';
import { TYPESCRIPT_SLOWDOWN } from '../kernels/kernel.js';
import type { WasmContext } from '../kernels/wasm/context.js';
import { DEFAULT_MAX_ARENA_BYTES, planArena, prepareNodes } from './allocate.js';
import { detailsOf, type TensorDetails } from './details.js';
import { checkSubgraphDataFlow } from './graph_checks.js';
import { bindNodes, errorAtNode, type Node } from './nodes.js';
import { alignModelBytes, modelBytesOf, readModelSource, type ModelSource } from './source.js';
import { SignatureRunner } from './signature_runner.js';
import { makeTensors, type InterpreterTensor } from './tensors.js';
import { TensorMemory } from './tensor_memory.js';

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
   * ComputeLimitError. 1e11 by default — a few seconds of SIMD kernels on one core, dozens of times the
   * published vision models we run — so that hostile shapes cannot make one invoke run for minutes.
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
 * load(); allocateTensors() prepares kernels and plans one arena; invoke() only computes. The interpreter owns
 * its memory (packed weights, arena, scratch): `dispose()` — or `using` — releases it.
 */
export class Interpreter implements Disposable {
  /** The parsed model: every subgraph stays addressable here, whichever one this interpreter runs. */
  readonly model: ModelDesc;
  readonly subgraphIndex: number;
  private readonly subgraph: SubgraphDesc;
  private readonly tensors: InterpreterTensor[];
  private readonly nodes: Node[];
  private readonly resolver: OpResolver;
  private readonly maxArenaBytes: number;
  private readonly computeBudget: number;
  private readonly memory: TensorMemory;
  private work = 0;
  private planned = false;
  private arenaSize = 0;

  private constructor(model: ModelDesc, options: InterpreterOptions) {
    this.model = model;
    this.subgraphIndex = options.subgraph ?? 0;
    const subgraph = model.subgraphs[this.subgraphIndex];
    if (!subgraph) {
      throw new TensorError(`subgraph ${this.subgraphIndex} does not exist (model has ${model.subgraphs.length})`);
    }
    this.subgraph = subgraph;
    this.tensors = makeTensors(subgraph);
    this.resolver = options.resolver ?? builtinOpResolver();
    this.maxArenaBytes = checkLimit('maxArenaBytes', options.maxArenaBytes, DEFAULT_MAX_ARENA_BYTES);
    this.computeBudget = checkLimit('computeBudget', options.computeBudget, DEFAULT_COMPUTE_BUDGET);
    this.memory = new TensorMemory(options.memory);
    const memory = this.memory;
    this.nodes = bindNodes(subgraph, this.tensors, this.resolver, () => memory.wasm());
    checkSubgraphDataFlow(subgraph, this.subgraphIndex);
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

  /** The model's signatures (SignatureDefs): key → input and output names, as TFLite's get_signature_list. */
  getSignatureList(): Record<string, { inputs: string[]; outputs: string[] }> {
    const list: Record<string, { inputs: string[]; outputs: string[] }> = {};
    for (const s of this.model.signatures) {
      list[s.key] = { inputs: s.inputs.map((t) => t.name), outputs: s.outputs.map((t) => t.name) };
    }
    return list;
  }

  /** Runs a named signature; its subgraph gets its own interpreter unless it is the one this one runs. */
  getSignatureRunner(key?: string): SignatureRunner {
    const sigs = this.model.signatures;
    const sig = key === undefined && sigs.length === 1 ? sigs[0] : sigs.find((s) => s.key === key);
    if (!sig) throw new TensorError(`no signature '${key ?? ''}' (model has: ${sigs.map((s) => s.key).join(', ') || 'none'})`);
    const it = sig.subgraphIndex === this.subgraphIndex
      ? this
      : Interpreter.fromModel(this.model, {
        resolver: this.resolver, subgraph: sig.subgraphIndex, maxArenaBytes: this.maxArenaBytes, computeBudget: this.computeBudget,
      });
    return new SignatureRunner(it, sig);
  }

  /** Prepares every kernel for the current input shapes and plans memory. Harmless to call again. */
  allocateTensors(): void {
    this.checkLive();
    if (this.planned) return;
    this.work = prepareNodes(this.nodes, this.tensors, {
      maxBytes: this.maxArenaBytes,
      computeBudget: this.computeBudget,
      workOf: (node) => {
        const estimate = this.resolver.workEstimator(node.opcode);
        if (!estimate) return elementWork(node.signature);
        return estimate(node.signature) * (node.kernel.simd ? 1 : TYPESCRIPT_SLOWDOWN);
      },
    });
    const plan = planArena(this.nodes, this.tensors, this.subgraph.inputs, this.subgraph.outputs, this.maxArenaBytes);
    this.memory.place(plan);
    this.arenaSize = plan.bytes;
    this.planned = true;
  }

  /**
   * Releases everything this interpreter holds: its WebAssembly memory (packed weights, arena, scratch) or, in
   * a memory it was given, its arena. Any later call throws StateError. Safe to call twice.
   */
  dispose(): void {
    if (this.memory.isDisposed) return;
    this.memory.dispose();
    for (const node of this.nodes) node.prepared = undefined;
    this.planned = false;
  }

  [Symbol.dispose](): void {
    this.dispose();
  }

  /** Estimated work of one invoke (multiply-adds, see `computeBudget`), from the last allocateTensors(). */
  get estimatedWork(): number {
    return this.work;
  }

  /** Bytes of WebAssembly memory this interpreter holds (0 when it has none, e.g. without SIMD). */
  get wasmMemoryBytes(): number {
    return this.memory.wasmByteLength;
  }

  getInputDetails(): TensorDetails[] {
    return this.subgraph.inputs.map((i) => detailsOf(this.tensors[i]));
  }

  getOutputDetails(): TensorDetails[] {
    return this.subgraph.outputs.map((i) => detailsOf(this.tensors[i]));
  }

  /** Details of every tensor of the subgraph. */
  getTensorDetails(): TensorDetails[] {
    return this.tensors.map(detailsOf);
  }

  /** Changes an input's shape; call allocateTensors() before the next invoke. */
  resizeInputTensor(index: number, shape: readonly number[]): void {
    this.checkLive();
    if (!this.subgraph.inputs.includes(index)) {
      throw new TensorError(`tensor ${index} is not an input of subgraph ${this.subgraphIndex}`);
    }
    if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0)) {
      throw new TensorError(`resizeInputTensor(${index}): shape must be non-negative integers, got ${String(shape)}`);
    }
    const t = this.tensors[index];
    if (t.shape.length === shape.length && t.shape.every((d, i) => d === shape[i])) return;
    t.shape = [...shape];
    this.planned = false;
  }

  /** Copies `data` into tensor `index`; it must be the tensor's TypedArray type with its element count. */
  setTensor(index: number, data: TypedArray): void {
    const t = this.tensorForAccess(index, 'setTensor');
    if (t.isConstant) throw new TensorError(`setTensor(${index}): tensor '${t.name}' is a constant`);
    if (!isTypedArrayOf(t.dtype, data)) {
      const got = (data as object | null)?.constructor?.name ?? typeof data;
      throw new TensorError(`setTensor(${index}): tensor '${t.name}' is ${t.dtype}; got a ${got}`);
    }
    if (data.length !== t.data.length) {
      throw new TensorError(
        `setTensor(${index}): tensor '${t.name}' ${t.dtype}${formatShape(t.shape)} needs ${t.data.length} elements; got ${data.length}`,
      );
    }
    (t.data as Exclude<TypedArray, BigInt64Array>).set(data as Exclude<TypedArray, BigInt64Array>);
  }

  /** A copy of tensor `index`'s current value. */
  getTensor(index: number): TypedArray {
    return this.tensorForAccess(index, 'getTensor').data.slice();
  }

  /** Current shape of tensor `index`. */
  getTensorShape(index: number): number[] {
    return [...this.tensorForAccess(index, 'getTensorShape').shape];
  }

  /** Runs the subgraph once on the current inputs. Synchronous. */
  invoke(): void {
    this.checkLive();
    if (!this.planned) throw new StateError('invoke() before allocateTensors() (or after a resize)');
    this.memory.refresh();
    const nodes = this.nodes;
    let i = 0;
    try {
      for (; i < nodes.length; i++) {
        const node = nodes[i];
        if (!node.folded) node.kernel.eval(node.ctx, node.prepared);
      }
    } catch (err) {
      throw errorAtNode(err, i, nodes[i].kernel.name);
    }
  }

  /**
   * Convenience: sets the inputs (in input order; resizing where the given shapes differ), invokes, and
   * returns copies of the outputs in output order.
   */
  run(inputs: readonly (TypedArray | { data: TypedArray; shape: readonly number[] })[]): TypedArray[] {
    const ids = this.subgraph.inputs;
    if (inputs.length !== ids.length) throw new TensorError(`run(): model has ${ids.length} inputs; got ${inputs.length}`);
    inputs.forEach((x, k) => {
      if ('shape' in x && !ArrayBuffer.isView(x)) this.resizeInputTensor(ids[k], x.shape);
    });
    this.allocateTensors();
    inputs.forEach((x, k) => this.setTensor(ids[k], ArrayBuffer.isView(x) ? x : x.data));
    this.invoke();
    return this.subgraph.outputs.map((o) => this.getTensor(o));
  }

  /** Bytes of the shared activation arena planned by the last allocateTensors(). */
  get arenaBytes(): number {
    return this.arenaSize;
  }

  /** Bytes of constant tensors (weights) stored in the model. */
  get weightBytes(): number {
    return this.tensors.reduce((s, t) => s + (t.isModelConstant ? t.data.byteLength : 0), 0);
  }

  /** Op names in execution order, as the kernels name themselves. */
  get kernelNames(): string[] {
    return this.nodes.map((n) => n.kernel.name);
  }

  private checkLive(): void {
    if (this.memory.isDisposed) throw new StateError('the interpreter was disposed');
  }

  private tensorForAccess(index: number, what: string): InterpreterTensor {
    this.checkLive();
    this.memory.refresh();
    if (!Number.isInteger(index) || index < 0 || index >= this.tensors.length) {
      throw new TensorError(`${what}(${index}): no tensor with that index (subgraph has ${this.tensors.length})`);
    }
    const t = this.tensors[index];
    if (!this.planned && !t.isModelConstant) {
      throw new StateError(`${what}(${index}): call allocateTensors() first`);
    }
    if (t.data.length !== numElements(t.shape)) {
      throw new StateError(`${what}(${index}): tensor '${t.name}' is not allocated`);
    }
    return t;
  }
}
