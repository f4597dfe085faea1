/**
 * One subgraph of a model, ready to run: its tensors, its nodes bound to kernels, its arena and dynamic
 * buffers. The Interpreter runs its main subgraph through one; control-flow kernels and signature runners call
 * others (SubgraphCall). prepare() plans once per set of input shapes; invoke() evaluates the nodes, preparing
 * at eval time the ones downstream of a dynamic tensor.
 */
import type { DType, TypedArray } from '../core/dtype.js';
import { ModelFormatError, StateError, TensorError } from '../core/errors.js';
import type { SubgraphDesc } from '../core/model.js';
import { numElements } from '../core/shape.js';
import type { Resources, SubgraphCall, TensorValue } from '../kernels/node_runtime.js';
import type { OpResolver } from '../kernels/resolver.js';
import type { WasmContext } from '../kernels/wasm/context.js';
import { planArena, prepareNode, prepareNodes, type PrepareLimits } from './allocate.js';
import { checkSubgraphDataFlow } from './graph_checks.js';
import { DynamicBuffers } from './dynamic_buffers.js';
import { bindNodes, errorAtNode, type Node } from './nodes.js';
import { makeTensors, type InterpreterTensor } from './tensors.js';
import { TensorMemory } from './tensor_memory.js';
import { writeTensorData, type TensorData } from './tensor_values.js';

export interface SubgraphEnvironment {
  /** The work one eval of a prepared node does (the resolver's estimate, weighted by kernel kind). */
  readonly workOf: (node: Node) => number;
  readonly resolver: OpResolver;
  readonly maxBytes: number;
  /** Largest estimated work of one invoke of this subgraph, in multiply-adds (see InterpreterOptions). */
  readonly computeBudget: number;
  readonly resources: Resources;
  /** Another subgraph of the same model, by index (for control flow). */
  subgraph(index: number): SubgraphCall;
}

/** TFLite resets an int8 variable to its zero point (a byte fill), every other dtype to zero bytes. */
function resetVariable(t: InterpreterTensor): void {
  const zp = t.dtype === 'int8' ? (t.quantization?.zeroPoint[0] ?? 0) : 0;
  new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength).fill(zp & 0xff);
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

export class SubgraphRuntime implements SubgraphCall {
  readonly tensors: InterpreterTensor[];
  readonly nodes: Node[];
  private readonly memory: TensorMemory;
  private readonly dynamic: DynamicBuffers;
  private readonly maxBytes: number;
  private readonly limits: PrepareLimits;
  /** Estimated work of one invoke: the nodes prepared at allocate, then those prepared at eval. */
  private staticWork = 0;
  private evalWork = 0;
  private planned = false;
  private running = false;
  private preparing = false;
  private arenaSize = 0;

  constructor(
    readonly index: number,
    readonly desc: SubgraphDesc,
    env: SubgraphEnvironment,
    memory?: WasmContext,
  ) {
    checkSubgraphDataFlow(desc, index);
    this.tensors = makeTensors(desc);
    this.maxBytes = env.maxBytes;
    this.memory = new TensorMemory(memory);
    this.dynamic = new DynamicBuffers(env.maxBytes);
    const mem = this.memory;
    this.nodes = bindNodes(desc, this.tensors, env.resolver, {
      wasm: () => mem.wasm(),
      dynamic: this.dynamic,
      subgraph: (i) => env.subgraph(i),
      resources: env.resources,
    });
    this.limits = { maxBytes: env.maxBytes, computeBudget: env.computeBudget, workOf: env.workOf };
  }

  get name(): string {
    return this.desc.name || `subgraph ${this.index}`;
  }

  get inputs(): { dtype: DType; shape: number[] }[] {
    return this.desc.inputs.map((i) => ({ dtype: this.tensors[i]!.dtype, shape: [...this.tensors[i]!.shape] }));
  }

  get outputs(): { dtype: DType }[] {
    return this.desc.outputs.map((i) => ({ dtype: this.tensors[i]!.dtype }));
  }

  get isPlanned(): boolean {
    return this.planned;
  }

  get arenaBytes(): number {
    return this.arenaSize;
  }

  /** Estimated work of one invoke (multiply-adds), including the nodes last prepared at eval time. */
  get estimatedWork(): number {
    return this.staticWork + this.evalWork;
  }

  get dynamicBytes(): number {
    return this.dynamic.bytes;
  }

  get wasmByteLength(): number {
    return this.memory.wasmByteLength;
  }

  get isDisposed(): boolean {
    return this.memory.isDisposed;
  }

  /** Changes an input's shape; the next allocate() re-plans. */
  resizeInput(index: number, shape: readonly number[]): void {
    this.checkLive();
    if (!this.desc.inputs.includes(index)) throw new TensorError(`tensor ${index} is not an input of ${this.name}`);
    if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0)) {
      throw new TensorError(`resizeInputTensor(${index}): shape must be non-negative integers, got ${String(shape)}`);
    }
    const t = this.tensors[index]!;
    if (sameShape(t.shape, shape)) return;
    t.shape = [...shape];
    this.planned = false;
  }

  /** Prepares every kernel and plans the arena (variables reset to zero); a no-op when already planned. */
  allocate(): void {
    this.checkLive();
    if (this.planned) return;
    if (this.preparing) throw new ModelFormatError(`${this.name} calls itself (directly or through another subgraph)`);
    this.preparing = true;
    try {
      this.staticWork = prepareNodes(this.nodes, this.tensors, this.limits);
      this.evalWork = 0;
    } finally {
      this.preparing = false;
    }
    const plan = planArena(this.nodes, this.tensors, this.desc.inputs, this.desc.outputs, this.maxBytes);
    this.memory.place(plan);
    this.arenaSize = plan.bytes;
    this.planned = true;
    this.resetVariables();
  }

  /** Sets every variable tensor back to its initial state (zero, or an int8 tensor's zero point). */
  resetVariables(): void {
    this.memory.refresh();
    for (const t of this.tensors) if (t.desc.isVariable) resetVariable(t);
  }

  invoke(): void {
    this.checkLive();
    if (!this.planned) throw new StateError(`invoke() before allocateTensors() (or after a resize) on ${this.name}`);
    if (this.running) throw new StateError(`${this.name} is already running: a subgraph cannot call itself`);
    this.running = true;
    this.memory.refresh();
    this.evalWork = 0;
    const nodes = this.nodes;
    let i = 0;
    try {
      for (; i < nodes.length; i++) {
        const node = nodes[i]!;
        if (node.folded) continue;
        if (node.deferred) this.prepareAtEval(node);
        node.kernel.eval(node.ctx, node.prepared);
      }
    } catch (err) {
      const e = errorAtNode(err, i, nodes[i]!.kernel.name);
      if (this.index !== 0 && !e.message.startsWith(`${this.name}: `)) e.message = `${this.name}: ${e.message}`;
      throw e;
    } finally {
      this.running = false;
    }
  }

  /** Prepares a node whose inputs were dynamic, now that their shapes are known, and sizes its outputs. */
  private prepareAtEval(node: Node): void {
    // The compute budget covers these too: a shape computed at run time cannot buy an unbounded invoke.
    this.evalWork = prepareNode(node, this.limits, this.staticWork + this.evalWork) - this.staticWork;
    node.ctx.outputs.forEach((t, k) => {
      if (!node.dynamicOutputs[k]) this.dynamic.resize(t as InterpreterTensor, t.shape);
    });
  }

  /** The tensor at `index`, checked for access from outside (setTensor/getTensor). */
  tensorForAccess(index: number, what: string): InterpreterTensor {
    this.checkLive();
    this.memory.refresh();
    if (!Number.isInteger(index) || index < 0 || index >= this.tensors.length) {
      throw new TensorError(`${what}(${index}): no tensor with that index (${this.name} has ${this.tensors.length})`);
    }
    const t = this.tensors[index]!;
    if (!this.planned && !t.isModelConstant) throw new StateError(`${what}(${index}): call allocateTensors() first`);
    if (t.data.length !== numElements(t.shape)) throw new StateError(`${what}(${index}): tensor '${t.name}' is not allocated`);
    return t;
  }

  setTensor(index: number, data: TensorData): void {
    const t = this.tensorForAccess(index, 'setTensor');
    if (t.isConstant) throw new TensorError(`setTensor(${index}): tensor '${t.name}' is a constant`);
    writeTensorData(t, data, `setTensor(${index})`);
  }

  // SubgraphCall: this subgraph used as a function by control-flow kernels.

  prepare(inputShapes: readonly (readonly number[])[]): (number[] | null)[] {
    this.checkArity(inputShapes.length);
    this.desc.inputs.forEach((ti, k) => { this.resizeInput(ti, inputShapes[k]!); });
    this.allocate();
    return this.desc.outputs.map((o) => (this.tensors[o]!.isDynamic ? null : [...this.tensors[o]!.shape]));
  }

  call(inputs: readonly TensorValue[]): readonly TensorValue[] {
    this.prepare(inputs.map((x) => x.shape));
    this.memory.refresh();
    this.desc.inputs.forEach((ti, k) => {
      const t = this.tensors[ti]!;
      if (t.dtype !== inputs[k]!.dtype) throw new TensorError(`${this.name}: input ${k} '${t.name}' is ${t.dtype}, given ${inputs[k]!.dtype}`);
      (t.data as Exclude<TypedArray, BigInt64Array>).set(inputs[k]!.data as Exclude<TypedArray, BigInt64Array>);
    });
    this.invoke();
    return this.desc.outputs.map((o) => this.tensors[o]!);
  }

  dispose(): void {
    if (this.memory.isDisposed) return;
    this.memory.dispose();
    this.dynamic.clear();
    for (const node of this.nodes) node.prepared = undefined;
    this.planned = false;
  }

  private checkArity(n: number): void {
    if (n !== this.desc.inputs.length) {
      throw new TensorError(`${this.name} takes ${this.desc.inputs.length} inputs; the caller passes ${n}`);
    }
  }

  private checkLive(): void {
    if (this.memory.isDisposed) throw new StateError('the interpreter was disposed');
  }
}
