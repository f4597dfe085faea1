import { InternalError, ModelFormatError, StateError, TfliteError, UnsupportedError } from '../core/errors.js';
import type { SubgraphDesc } from '../core/model.js';
import { BuiltinOp, opName } from '../core/ops.js';
import type { AnyKernel, NodeContext, NodeSignature } from '../kernels/kernel.js';
import type { Resources, SubgraphCall } from '../kernels/node_runtime.js';
import type { OpResolver } from '../kernels/resolver.js';
import type { WasmContext } from '../kernels/wasm/context.js';
import type { DynamicBuffers } from './dynamic_buffers.js';
import type { InterpreterTensor } from './tensors.js';

/** What the interpreter provides to every node of one subgraph. */
export interface NodeServices {
  /** The subgraph's WebAssembly memory (made on first use). */
  wasm(): WasmContext;
  readonly dynamic: DynamicBuffers;
  subgraph(index: number): SubgraphCall;
  readonly resources: Resources;
}

/** One operator bound to its kernel: resolved and options-parsed at load, prepared at allocate. */
export interface Node {
  readonly index: number;
  readonly opcode: number;
  readonly kernel: AnyKernel;
  readonly ctx: NodeContext<unknown>;
  /** The node as kernels' `supports` and `work` see it: its options as the model gives them, unparsed. */
  readonly signature: NodeSignature;
  /** What the kernel's prepare returned. */
  prepared: unknown;
  /** Evaluated at prepare time (all inputs constant, or shape-only): skipped by invoke. */
  folded: boolean;
  /** An input is dynamic: prepared at eval time, right before its eval (as TFLite's Subgraph does). */
  deferred: boolean;
  /** Outputs the last prepare marked dynamic (sized by the kernel in eval). */
  readonly dynamicOutputs: boolean[];
}

/**
 * Prefixes an error with the node it came from, keeping TfliteError's class and code. Anything else that
 * escapes a kernel (a RangeError, a TypeError) is a bug in the runtime, reported as InternalError with the
 * original as its cause — never relabelled as a verdict on the model.
 */
export function errorAtNode(err: unknown, index: number, name: string): TfliteError {
  const where = `node ${index} (${name})`;
  if (err instanceof TfliteError) {
    if (!err.message.includes(`node ${index}`)) err.message = `${where}: ${err.message}`;
    return err;
  }
  const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return new InternalError(`${where}: internal error (a bug in tflite-lambda, please report it): ${message}`, { cause: err });
}

function tensorAt(tensors: InterpreterTensor[], t: number, node: number, optional: boolean): InterpreterTensor | null {
  if (t === -1 && optional) return null;
  if (!Number.isInteger(t) || t < 0 || t >= tensors.length) {
    throw new ModelFormatError(`node ${node}: tensor index ${t} is out of range (${tensors.length} tensors)`);
  }
  return tensors[t];
}

function describeUnsupported(sig: NodeSignature, opcode: number, customCode: string | null): string {
  const name = opcode === BuiltinOp.CUSTOM ? `CUSTOM '${customCode ?? ''}'` : opName(opcode);
  const dtypes = sig.inputs.map((t) => (t ? t.dtype : '-')).join(', ');
  return `node ${sig.index}: unsupported operator ${name} (code ${opcode}, version ${sig.version}) with inputs (${dtypes})`;
}

function nodeContext(
  sig: NodeSignature, name: string, options: unknown, intermediates: InterpreterTensor[], services: NodeServices,
  dynamicOutputs: boolean[],
): NodeContext<unknown> {
  const outputs = sig.outputs as readonly InterpreterTensor[];
  return {
    ...sig,
    opName: name,
    options,
    intermediates,
    get wasm() {
      return services.wasm();
    },
    markOutputDynamic(i) {
      dynamicOutputs[i] = true;
      outputs[i]!.isDynamic = true;
    },
    resizeOutput(i, shape) {
      if (!dynamicOutputs[i]) throw new StateError(`output ${i} '${outputs[i]?.name ?? ''}' was not marked dynamic at prepare`);
      return services.dynamic.resize(outputs[i]!, shape);
    },
    subgraph: (index) => services.subgraph(index),
    resources: services.resources,
  };
}

/**
 * Binds every operator of `subgraph` to a kernel from `resolver`; fails at load on anything unsupported.
 * `services` gives kernels the subgraph's memory, dynamic buffers, other subgraphs and resources.
 */
export function bindNodes(subgraph: SubgraphDesc, tensors: InterpreterTensor[], resolver: OpResolver, services: NodeServices): Node[] {
  return subgraph.operators.map((op, index) => {
    const inputs = op.inputs.map((t) => tensorAt(tensors, t, index, true));
    const outputs = op.outputs.map((t) => tensorAt(tensors, t, index, false)!);
    const intermediates = op.intermediates.map((t) => tensorAt(tensors, t, index, false)!);
    const sig: NodeSignature = {
      index, opName: opName(op.opcode), version: op.version, inputs, outputs, options: op.options, customCode: op.customCode,
    };
    const kernel = resolver.resolve({ ...sig, opcode: op.opcode });
    if (!kernel) throw new UnsupportedError(describeUnsupported(sig, op.opcode, op.customCode));
    let options: unknown;
    try {
      options = kernel.parseOptions(op.options, op.customOptions);
    } catch (err) {
      throw errorAtNode(err, index, kernel.name);
    }
    const dynamicOutputs = outputs.map(() => false);
    const ctx = nodeContext(sig, kernel.name, options, intermediates, services, dynamicOutputs);
    markDequantizedConstants(op.opcode, inputs, outputs);
    return { index, opcode: op.opcode, kernel, ctx, signature: sig, prepared: undefined, folded: false, deferred: false, dynamicOutputs };
  });
}

/**
 * A DEQUANTIZE or DENSIFY of constants (float16 or int8 weights stored compressed, sparse weights) is folded
 * at prepare, so its output is a constant too: say so already at load, so that the next nodes resolve to the
 * kernels that want constant weights (MediaPipe's convolutions, sparse ones included, then run on
 * packed-weight SIMD kernels instead of the reference ones). Only these two: other ops with constant inputs
 * may still produce run-time values (variables, dynamic outputs). prepareNodes derives the flags again at
 * every prepare.
 */
function markDequantizedConstants(opcode: number, inputs: readonly (InterpreterTensor | null)[], outputs: readonly InterpreterTensor[]): void {
  const given = inputs.filter((t) => t !== null);
  if ((opcode === BuiltinOp.DEQUANTIZE || opcode === BuiltinOp.DENSIFY) && given.length > 0 && given.every((t) => t.isConstant)) {
    for (const t of outputs) t.isConstant = true;
  }
}
