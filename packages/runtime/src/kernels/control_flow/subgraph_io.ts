/**
 * Shared by the control-flow kernels: checking a called subgraph's signature against the node, planning the
 * node's outputs from the subgraph's (static when known and agreed, else dynamic), and copying values out.
 */
import type { TypedArray } from '../../core/dtype.js';
import { formatShape } from '../../core/shape.js';
import { shapeError } from '../common/node_checks.js';
import type { NodeContext, RuntimeTensor } from '../kernel.js';
import type { SubgraphCall, TensorValue } from '../node_runtime.js';

type Node = NodeContext<unknown>;

export function sameShape(a: readonly number[] | null, b: readonly number[] | null): boolean {
  return a !== null && b !== null && a.length === b.length && a.every((d, i) => d === b[i]);
}

/** Checks that `sg` takes `inputs` (count and dtypes) and gives `outputs` values (count and dtypes). */
export function checkSignature(node: Node, sg: SubgraphCall, inputs: readonly RuntimeTensor[], outputs: readonly { dtype: string }[], role: string): void {
  const where = `${role} subgraph ${sg.index} '${sg.name}'`;
  if (sg.inputs.length !== inputs.length) throw shapeError(node, `${where} takes ${sg.inputs.length} inputs; the node passes ${inputs.length}`);
  sg.inputs.forEach((t, k) => {
    if (t.dtype !== inputs[k]!.dtype) throw shapeError(node, `${where}: input ${k} is ${t.dtype}, the node passes ${inputs[k]!.dtype}`);
  });
  if (sg.outputs.length !== outputs.length) throw shapeError(node, `${where} gives ${sg.outputs.length} outputs; the node expects ${outputs.length}`);
  sg.outputs.forEach((t, k) => {
    if (t.dtype !== outputs[k]!.dtype) throw shapeError(node, `${where}: output ${k} is ${t.dtype}, the node's is ${outputs[k]!.dtype}`);
  });
}

/**
 * Gives output k the shape every candidate agrees on, or marks it dynamic (a candidate unknown or disagreeing).
 * Returns which outputs are dynamic.
 */
export function planOutputs(node: Node, candidates: readonly (readonly (number[] | null)[])[]): boolean[] {
  return node.outputs.map((out, k) => {
    const shapes = candidates.map((c) => c[k] ?? null);
    if (shapes.every((s) => sameShape(s, shapes[0]!))) {
      out.shape = [...shapes[0]!];
      return false;
    }
    node.markOutputDynamic(k);
    return true;
  });
}

/** Copies `value` into output k (sizing it first when dynamic). */
export function writeOutput(node: Node, k: number, value: TensorValue, dynamic: boolean): void {
  const out = node.outputs[k]!;
  const data = dynamic ? node.resizeOutput(k, value.shape) : out.data;
  if (data.length !== value.data.length) {
    throw shapeError(node, `output ${k} '${out.name}' is ${formatShape(out.shape)}, the subgraph gave ${formatShape([...value.shape])}`);
  }
  (data as Exclude<TypedArray, BigInt64Array>).set(value.data as Exclude<TypedArray, BigInt64Array>);
}

/** Whether a condition tensor's single value is true (non-zero). */
export function truthy(node: Node, value: TensorValue, what: string): boolean {
  if (value.data.length !== 1) throw shapeError(node, `${what} must hold one value, it has ${value.data.length}`);
  return Number(value.data[0]) !== 0;
}
