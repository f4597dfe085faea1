import { allocTyped, bytesPerElement, viewTyped } from '../core/dtype.js';
import { StringArray } from '../core/string_data.js';
import { ComputeLimitError, MemoryLimitError, ShapeError } from '../core/errors.js';
import { numElements } from '../core/shape.js';
import { planGreedyBySize, type BufferRequest } from '../memory/greedy_planner.js';
import { errorAtNode, type Node } from './nodes.js';
import type { InterpreterTensor } from './tensors.js';

/** Default cap on the arena and on any single tensor: far above real models, far below a hostile shape. */
export const DEFAULT_MAX_ARENA_BYTES = 1 << 30;

export function tensorBytes(t: { readonly dtype: InterpreterTensor['dtype']; readonly shape: readonly number[] }): number {
  return numElements(t.shape) * bytesPerElement(t.dtype);
}

function checkTensorSize(t: InterpreterTensor, maxBytes: number, where: string): void {
  const bytes = tensorBytes(t);
  if (bytes > maxBytes) {
    throw new MemoryLimitError(`${where}tensor '${t.name}' ${t.dtype}[${t.shape.join(',')}] needs ${bytes} bytes, over the limit of ${maxBytes}`);
  }
}

function checkOutputShapes(node: Node, maxBytes: number): void {
  node.ctx.outputs.forEach((t, k) => {
    if (node.dynamicOutputs[k]) return;
    if (!Array.isArray(t.shape) || !t.shape.every((d) => Number.isInteger(d) && d >= 0)) {
      throw new ShapeError(`node ${node.index} (${node.kernel.name}): output '${t.name}' got invalid shape [${String(t.shape)}]`);
    }
    checkTensorSize(t as InterpreterTensor, maxBytes, '');
  });
}

function canFold(node: Node): boolean {
  if (node.kernel.stateful) return false;
  if (node.dynamicOutputs.some(Boolean)) return false;
  if (node.kernel.shapeOnly) return true;
  const inputs = node.ctx.inputs.filter((t) => t !== null);
  return inputs.length > 0 && inputs.every((t) => t!.isConstant);
}

/** Limits allocateTensors enforces while preparing (and invoke, for nodes prepared at eval time). */
export interface PrepareLimits {
  /** Largest tensor, in bytes. */
  readonly maxBytes: number;
  /** Largest estimated work of one invoke, in multiply-adds. */
  readonly computeBudget: number;
  /** The work one eval of a prepared node does (found through the resolver). */
  readonly workOf: (node: Node) => number;
}

/**
 * Runs the node's prepare (outputs it marks dynamic are sized later, by its eval) and returns the work so far,
 * `work` plus this node's; refuses with ComputeLimitError past the budget.
 */
export function prepareNode(node: Node, limits: PrepareLimits, work: number): number {
  node.dynamicOutputs.fill(false);
  node.prepared = node.kernel.prepare(node.ctx);
  checkOutputShapes(node, limits.maxBytes);
  const nodeWork = limits.workOf(node);
  const total = work + nodeWork;
  if (!(total <= limits.computeBudget)) {
    throw new ComputeLimitError(
      `an invoke would take over ${limits.computeBudget} multiply-adds (estimated ${total} by this node, which adds ${nodeWork})`,
    );
  }
  return total;
}

function readsDynamic(node: Node): boolean {
  return node.ctx.inputs.some((t) => t !== null && (t as InterpreterTensor).isDynamic);
}

/**
 * Runs every kernel's prepare in op order, folding nodes whose value is already known. A node reading a
 * dynamic tensor is deferred to eval time, and its outputs are dynamic too. Returns the estimated work of one
 * invoke (without the deferred nodes); refuses with ComputeLimitError as soon as it passes the budget.
 */
export function prepareNodes(nodes: readonly Node[], tensors: readonly InterpreterTensor[], limits: PrepareLimits): number {
  for (const t of tensors) {
    if (!t.isModelConstant) t.isConstant = false;
    t.isDynamic = false;
    checkTensorSize(t, limits.maxBytes, 'input ');
  }
  let work = 0;
  for (const node of nodes) {
    node.folded = false;
    node.deferred = readsDynamic(node);
    if (node.deferred) {
      for (const t of node.ctx.outputs) (t as InterpreterTensor).isDynamic = true;
      continue;
    }
    try {
      work = prepareNode(node, limits, work);
      if (canFold(node)) {
        for (const t of node.ctx.outputs) t.data = allocTyped(t.dtype, numElements(t.shape));
        node.kernel.eval(node.ctx, node.prepared);
        for (const t of node.ctx.outputs) (t as InterpreterTensor).isConstant = true;
        node.folded = true;
      }
    } catch (err) {
      throw errorAtNode(err, node.index, node.kernel.name);
    }
  }
  return work;
}

/**
 * Lifetimes in op order: a tensor lives from the node that writes it to the last node that reads it. Graph
 * inputs and outputs live for the whole invoke, so inputs survive repeated invokes and outputs are never
 * overwritten by later intermediates; variable tensors (recurrent state) live for the whole invoke too, so
 * nothing else ever shares their bytes and they persist from one invoke to the next. Dynamic tensors are
 * not in the arena at all.
 */
function bufferRequests(
  nodes: readonly Node[],
  tensors: readonly InterpreterTensor[],
  graphInputs: readonly number[],
  graphOutputs: readonly number[],
): Map<number, BufferRequest> {
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  const touch = (t: InterpreterTensor, at: number) => {
    if (t.isConstant || t.isDynamic) return;
    if (!first.has(t.index)) first.set(t.index, at);
    last.set(t.index, Math.max(last.get(t.index) ?? at, at));
  };
  const end = nodes.length;
  for (const i of graphInputs) touch(tensors[i], 0);
  for (const node of nodes) {
    if (node.folded) continue;
    for (const t of node.ctx.inputs) if (t) touch(t as InterpreterTensor, node.index);
    for (const t of node.ctx.outputs) touch(t as InterpreterTensor, node.index);
  }
  const whole = tensors.filter((t) => t.desc.isVariable).map((t) => t.index);
  for (const i of [...graphInputs, ...graphOutputs, ...whole]) {
    if (first.has(i)) {
      first.set(i, Math.min(first.get(i)!, 0));
      last.set(i, end);
    }
  }
  const requests = new Map<number, BufferRequest>();
  for (const [index, firstUse] of first) {
    const t = tensors[index];
    requests.set(index, { size: tensorBytes(t), firstUse, lastUse: last.get(index)! });
  }
  return requests;
}

/** Where every arena tensor goes: byte offsets from the arena's start, and the arena's size. */
export interface ArenaPlan {
  readonly bytes: number;
  readonly slots: readonly { readonly tensor: InterpreterTensor; readonly offset: number }[];
}

/** Plans the arena for the prepared graph (offsets only; `bindArena` makes the views). */
export function planArena(
  nodes: readonly Node[],
  tensors: readonly InterpreterTensor[],
  graphInputs: readonly number[],
  graphOutputs: readonly number[],
  maxBytes: number,
): ArenaPlan {
  const requests = bufferRequests(nodes, tensors, graphInputs, graphOutputs);
  const indices = [...requests.keys()];
  const plan = planGreedyBySize(indices.map((i) => requests.get(i)!));
  if (plan.size > maxBytes) {
    throw new MemoryLimitError(`the activation arena needs ${plan.size} bytes, over the limit of ${maxBytes}`);
  }
  // Tensors no live node touches (dead outputs of folded nodes, unused activations) still get a value.
  for (const t of tensors) {
    if (!t.isConstant && !requests.has(t.index)) t.data = allocTyped(t.dtype, t.isDynamic ? 0 : numElements(t.shape));
  }
  return { bytes: plan.size, slots: indices.map((ti, k) => ({ tensor: tensors[ti]!, offset: plan.offsets[k]! })) };
}

/** Points every planned tensor's data at its slot of the arena that starts at byte `base` of `buffer`. */
export function bindArena(plan: ArenaPlan, buffer: ArrayBuffer, base: number): void {
  for (const { tensor: t, offset } of plan.slots) {
    // A string tensor's elements live beside its placeholder bytes: a rebind after memory growth keeps them.
    const strings = t.data instanceof StringArray && t.data.length === numElements(t.shape) ? t.data.strings : null;
    t.data = viewTyped(t.dtype, buffer, base + offset, numElements(t.shape));
    if (strings) (t.data as StringArray).strings = strings;
  }
}
