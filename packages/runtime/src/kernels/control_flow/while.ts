/**
 * WHILE (TFLite while.cc): loop variables (the node's inputs) go through the cond subgraph; while it answers
 * true, the body subgraph maps them to their next values; the final values are the outputs. Shapes may change
 * from one iteration to the next: the subgraphs re-plan then, and the node's outputs are dynamic unless the
 * body keeps every shape.
 */
import { bytesPerElement, viewTyped, type TypedArray } from '../../core/dtype.js';
import { BuiltinOp } from '../../core/ops.js';
import type { WhileOptions } from '../../core/options.js';
import { numElements } from '../../core/shape.js';
import { shapeError } from '../common/node_checks.js';
import { requireOptions } from '../common/options.js';
import type { KernelRegistration, NodeContext, RuntimeTensor } from '../kernel.js';
import type { TensorValue } from '../node_runtime.js';
import { checkSignature, planOutputs, sameShape, truthy, writeOutput } from './subgraph_io.js';

/** The loop variables between iterations, in buffers of the node's own (grown only when a value outgrows one). */
class LoopVariables {
  private readonly buffers: ArrayBuffer[] = [];
  readonly values: TensorValue[] = [];

  set(k: number, v: TensorValue): void {
    const bytes = numElements(v.shape) * bytesPerElement(v.dtype);
    let buffer = this.buffers[k];
    if (!buffer || buffer.byteLength < bytes) {
      buffer = new ArrayBuffer(Math.max(bytes, 8));
      this.buffers[k] = buffer;
    }
    const prev = this.values[k];
    const data: TypedArray = prev && prev.data.buffer === buffer && sameShape(prev.shape, v.shape) && prev.dtype === v.dtype
      ? prev.data
      : viewTyped(v.dtype, buffer, 0, numElements(v.shape));
    (data as Exclude<TypedArray, BigInt64Array>).set(v.data as Exclude<TypedArray, BigInt64Array>);
    this.values[k] = data === prev?.data ? prev : { dtype: v.dtype, shape: [...v.shape], data };
  }
}

interface WhileData {
  readonly dynamic: boolean[];
  readonly vars: LoopVariables;
}

function loopInputs(node: NodeContext<WhileOptions>): RuntimeTensor[] {
  return node.inputs.map((t, k) => {
    if (!t) throw shapeError(node, `input ${k} is missing`);
    return t;
  });
}

export const WHILE_KERNEL: KernelRegistration<WhileOptions, WhileData> = {
  op: BuiltinOp.WHILE,
  name: 'WHILE',
  parseOptions: (raw) => requireOptions(raw, ['WhileOptions']),
  prepare(node) {
    const inputs = loopInputs(node);
    if (node.outputs.length !== inputs.length) throw shapeError(node, `${inputs.length} loop variables but ${node.outputs.length} outputs`);
    const cond = node.subgraph(node.options.condSubgraphIndex);
    const body = node.subgraph(node.options.bodySubgraphIndex);
    checkSignature(node, cond, inputs, [{ dtype: 'bool' }], 'cond');
    checkSignature(node, body, inputs, node.outputs, 'body');
    const shapes = inputs.map((t) => t.shape);
    cond.prepare(shapes);
    const bodyShapes = body.prepare(shapes);
    // Static only if one iteration keeps every shape (then every iteration does).
    const kept = bodyShapes.map((s, k) => (sameShape(s, shapes[k]!) ? s : null));
    return { dynamic: planOutputs(node, [shapes.map((s) => [...s]), kept]), vars: new LoopVariables() };
  },
  eval(node, d) {
    const cond = node.subgraph(node.options.condSubgraphIndex);
    const body = node.subgraph(node.options.bodySubgraphIndex);
    let current: readonly TensorValue[] = loopInputs(node);
    while (truthy(node, cond.call(current)[0]!, 'the cond subgraph\'s output')) {
      body.call(current).forEach((v, k) => { d.vars.set(k, v); });
      current = d.vars.values;
    }
    current.forEach((v, k) => { writeOutput(node, k, v, d.dynamic[k]!); });
  },
};
