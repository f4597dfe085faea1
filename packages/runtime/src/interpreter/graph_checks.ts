/**
 * Load-time checks of a subgraph's data flow, so that a malformed or hostile model is refused with a
 * ModelFormatError naming the node and tensor, instead of reaching a kernel that then reads or writes memory it
 * was never given (TFLite itself does not check these and leaves the result undefined):
 * - every tensor has at most one writer, and no operator writes a constant or a graph input;
 * - operators run in order: every tensor an operator reads is a constant, a variable, a graph input or the
 *   output of an earlier operator (not of itself or of a later one). Custom operators are exempt from this
 *   one: vendor operators (e.g. Arm's `ethos-u`) take scratch tensors that nothing writes;
 * - every graph output is written by an operator, or is an input or a constant.
 */
import { ModelFormatError } from '../core/errors.js';
import type { SubgraphDesc, TensorDesc } from '../core/model.js';
import { BuiltinOp, opName } from '../core/ops.js';

function label(t: TensorDesc, index: number): string {
  return `tensor ${index}${t.name ? ` '${t.name}'` : ''}`;
}

function isConstant(t: TensorDesc): boolean {
  return t.data !== null && !t.isVariable;
}

export function checkSubgraphDataFlow(subgraph: SubgraphDesc, subgraphIndex: number): void {
  const where = `subgraph ${subgraphIndex}`;
  const tensors = subgraph.tensors;
  const inputs = new Set(subgraph.inputs);
  /** The node that wrote each tensor so far. */
  const writer = new Map<number, number>();
  subgraph.operators.forEach((op, node) => {
    const at = `${where}, node ${node} (${opName(op.opcode)})`;
    for (const i of op.inputs) {
      if (i === -1 || op.opcode === BuiltinOp.CUSTOM) continue;
      const t = tensors[i]!;
      if (isConstant(t) || t.isVariable || inputs.has(i) || writer.has(i)) continue;
      const later = subgraph.operators.findIndex((o, k) => k >= node && o.outputs.includes(i));
      const why = later === node ? 'it is also its own output' : later > node ? `only node ${later} writes it, later` : 'nothing writes it';
      throw new ModelFormatError(`${at} reads ${label(t, i)}, but ${why} (it is not an input, constant or variable)`);
    }
    for (const o of op.outputs) {
      if (o === -1) continue;
      const t = tensors[o]!;
      if (isConstant(t)) throw new ModelFormatError(`${at} writes ${label(t, o)}, which is a constant`);
      if (inputs.has(o)) throw new ModelFormatError(`${at} writes ${label(t, o)}, which is a graph input`);
      const first = writer.get(o);
      if (first !== undefined) throw new ModelFormatError(`${at} writes ${label(t, o)}, which node ${first} already writes`);
      writer.set(o, node);
    }
  });
  for (const o of subgraph.outputs) {
    const t = tensors[o]!;
    if (!writer.has(o) && !inputs.has(o) && !isConstant(t) && !t.isVariable) {
      throw new ModelFormatError(`${where}: output ${label(t, o)} is written by no operator (and is not an input or constant)`);
    }
  }
}
