/**
 * IF (TFLite if.cc): runs the then or the else subgraph on inputs 1.. depending on the boolean input 0, and
 * returns its outputs. Both branches are prepared for the node's input shapes; an output is static when both
 * give it the same known shape, else dynamic.
 */
import { BuiltinOp } from '../../core/ops.js';
import type { IfOptions } from '../../core/options.js';
import { requireInput, shapeError } from '../common/node_checks.js';
import { requireOptions } from '../common/options.js';
import type { KernelRegistration, NodeContext } from '../kernel.js';
import { checkSignature, planOutputs, truthy, writeOutput } from './subgraph_io.js';

interface IfData {
  readonly dynamic: boolean[];
}

function branchInputs(node: NodeContext<IfOptions>) {
  return node.inputs.slice(1).map((t, k) => {
    if (!t) throw shapeError(node, `input ${k + 1} is missing`);
    return t;
  });
}

export const IF_KERNEL: KernelRegistration<IfOptions, IfData> = {
  op: BuiltinOp.IF,
  name: 'IF',
  parseOptions: (raw) => requireOptions(raw, ['IfOptions']),
  prepare(node) {
    requireInput(node, 0);
    const inputs = branchInputs(node);
    const branches = [node.options.thenSubgraphIndex, node.options.elseSubgraphIndex].map((i) => node.subgraph(i));
    branches.forEach((b, k) => { checkSignature(node, b, inputs, node.outputs, k === 0 ? 'then' : 'else'); });
    const shapes = inputs.map((t) => t.shape);
    return { dynamic: planOutputs(node, branches.map((b) => b.prepare(shapes))) };
  },
  eval(node, d) {
    const cond = truthy(node, node.inputs[0]!, 'the condition');
    const branch = node.subgraph(cond ? node.options.thenSubgraphIndex : node.options.elseSubgraphIndex);
    const results = branch.call(branchInputs(node));
    results.forEach((v, k) => { writeOutput(node, k, v, d.dynamic[k]!); });
  },
};
