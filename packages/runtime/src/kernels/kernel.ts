/**
 * The contract between the interpreter and every kernel. A kernel is a registration pairing an op code, an
 * options parser and prepare/eval functions; the interpreter finds it only through an OpResolver.
 *
 * Lifecycle (as in TFLite Micro): `parseOptions` once at load; `prepare` at allocateTensors time, after input
 * shapes are known — it validates dtypes/shapes, sets every output's `shape`, and returns precomputed data
 * (padding, quantized multipliers, packed weights). Then the interpreter plans memory and binds `data` on
 * every tensor. `eval` runs on each invoke(): it only computes, reading `inputs[i].data` and writing
 * `outputs[i].data`, and allocates nothing.
 */
import type { DType, TypedArray } from '../core/dtype.js';
import type { QuantizationParams } from '../core/model.js';
import type { BuiltinOptions } from '../core/options.js';
import type { Resources, SubgraphCall } from './node_runtime.js';
import type { WasmContext } from './wasm/context.js';

export interface RuntimeTensor {
  readonly index: number;
  readonly name: string;
  readonly dtype: DType;
  /** Current shape. Kernels set their outputs' shapes in prepare. */
  shape: number[];
  /**
   * Current contents. For constants, available in prepare (a view into the model bytes); for every other
   * tensor, bound only after prepare — never keep a reference to it from prepare.
   */
  data: TypedArray;
  readonly quantization: QuantizationParams | null;
  /** True for weights and other tensors whose value is known at prepare time. */
  readonly isConstant: boolean;
  /**
   * True for a constant the model stores as INT4 (it reaches kernels unpacked to int8): engines run such
   * weights through other kernels than int8 ones, which a kernel matching them needs to know.
   */
  readonly storedAsInt4?: boolean;
}

export interface NodeContext<O> {
  /** Operator index within its subgraph, for error messages. */
  readonly index: number;
  readonly opName: string;
  readonly version: number;
  /** Null where the model omits an optional input (index -1). */
  readonly inputs: readonly (RuntimeTensor | null)[];
  readonly outputs: readonly RuntimeTensor[];
  readonly options: O;
  /** For a CUSTOM operator: its name in the model (e.g. 'TFLite_Detection_PostProcess'). */
  readonly customCode?: string | null;
  /**
   * The WebAssembly memory (and kernel module) of the interpreter running this node, made on first use: wasm
   * kernels pack weights and reserve scratch here at prepare, and find the interpreter's arena in it. Throws
   * UnsupportedError without WebAssembly SIMD; only kernels whose `supports` checked for SIMD touch it.
   */
  readonly wasm: WasmContext;
  /** The operator's intermediate tensors (integer LSTM reads gate quantization parameters from them). */
  readonly intermediates: readonly RuntimeTensor[];
  /**
   * At prepare: output `i`'s shape depends on input values (WHERE, RESHAPE by a computed shape, ...). The
   * interpreter keeps it out of the arena and prepares the nodes that read it at eval time; the kernel sizes it
   * in eval with resizeOutput.
   */
  markOutputDynamic(i: number): void;
  /**
   * At eval: gives output `i` this shape and a buffer of the interpreter's (reused across invokes when large
   * enough) and returns its data. Only for outputs the node's prepare marked dynamic.
   */
  resizeOutput(i: number, shape: readonly number[]): TypedArray;
  /** Subgraph `index` of the model, callable as a function (control flow). */
  subgraph(index: number): SubgraphCall;
  /** The interpreter's resources (resource variables, CALL_ONCE state). */
  readonly resources: Resources;
}

/** What a kernel may inspect to say whether it handles a node (dtypes, quantization, constness, version). */
export type NodeSignature = Omit<
  NodeContext<BuiltinOptions | null>,
  'options' | 'wasm' | 'intermediates' | 'markOutputDynamic' | 'resizeOutput' | 'subgraph' | 'resources'
> & {
  readonly options: BuiltinOptions | null;
};

export interface KernelRegistration<O = unknown, D = unknown> {
  /** BuiltinOp code. */
  readonly op: number;
  /** Shown in errors and profiles, e.g. 'CONV_2D (float32, reference)'. */
  readonly name: string;
  /**
   * Turns the reader's options (null when the op has none) into this kernel's options. Custom operators get
   * their raw `custom_options` bytes (a FlexBuffer map for TFLite's own custom ops) as the second argument.
   */
  parseOptions(raw: BuiltinOptions | null, custom?: Uint8Array | null): O;
  /** Whether this registration handles the node (e.g. its input dtype). Absent means "all nodes of op". */
  supports?(node: NodeSignature): boolean;
  prepare(node: NodeContext<O>): D;
  eval(node: NodeContext<O>, data: D): void;
  /**
   * True when outputs depend only on input shapes (SHAPE): the interpreter may evaluate the node at prepare
   * time and treat its outputs as constants.
   */
  readonly shapeOnly?: boolean;
  /**
   * True when the kernel keeps state from one invoke to the next (the random generators): the interpreter
   * never evaluates it at prepare, even when every input is constant.
   */
  readonly stateful?: boolean;
  /**
   * The work one eval of a prepared node does, in multiply-adds (for the interpreter's compute budget). The
   * math of an op is the same whichever registration runs it, so one registration per op defines this (the
   * reference kernel) and the resolver finds it for every node of the op; ops without one count the
   * elements of their inputs and outputs.
   */
  work?(node: NodeSignature): number;
  /**
   * A WebAssembly SIMD kernel. The compute budget counts the work of a node at face value when a SIMD kernel
   * runs it, and TYPESCRIPT_SLOWDOWN times over when a TypeScript kernel does (measured: 15–40× slower on
   * convolutions), so that the budget bounds time rather than arithmetic.
   */
  readonly simd?: boolean;
}

/** How many times slower a TypeScript kernel does a unit of the heavy ops' work than a SIMD kernel. */
export const TYPESCRIPT_SLOWDOWN = 32;

/** A registration with its type parameters erased, as the resolver stores it. */
export type AnyKernel = KernelRegistration<unknown, unknown>;
