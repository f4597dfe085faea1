/**
 * Validation helpers for kernel prepare functions: fetch a node's tensors and fail with an error that names
 * the node (index and op), as every kernel must.
 */
import type { DType } from '../../core/dtype.js';
import { ShapeError, UnsupportedError } from '../../core/errors.js';
import { formatShape } from '../../core/shape.js';
import type { NodeContext, RuntimeTensor } from '../kernel.js';

export type AnyNode = Pick<NodeContext<unknown>, 'index' | 'opName' | 'inputs' | 'outputs'>;

/** "node 3 (CONV_2D)", the prefix of every prepare-time error. */
export function nodeLabel(node: AnyNode): string {
  return `node ${node.index} (${node.opName})`;
}

export function shapeError(node: AnyNode, message: string): ShapeError {
  return new ShapeError(`${nodeLabel(node)}: ${message}`);
}

export function unsupported(node: AnyNode, message: string): UnsupportedError {
  return new UnsupportedError(`${nodeLabel(node)}: ${message}`);
}

/** Input `i`, which must be present. */
export function requireInput(node: AnyNode, i: number): RuntimeTensor {
  const t = node.inputs[i];
  if (!t) throw shapeError(node, `input ${i} is missing`);
  return t;
}

/** Input `i` or null when the model omits it (optional bias). */
export function optionalInput(node: AnyNode, i: number): RuntimeTensor | null {
  return node.inputs[i] ?? null;
}

/** Output `i`, which must be present. */
export function requireOutput(node: AnyNode, i: number): RuntimeTensor {
  const t = node.outputs[i];
  if (!t) throw shapeError(node, `output ${i} is missing`);
  return t;
}

/** Throws UnsupportedError unless `t` has one of `dtypes`. */
export function expectDType(node: AnyNode, t: RuntimeTensor, dtypes: readonly DType[], what: string): void {
  if (!dtypes.includes(t.dtype)) {
    throw unsupported(node, `${what} '${t.name}' is ${t.dtype}, expected ${dtypes.join(' or ')}`);
  }
}

/** Throws ShapeError unless `t` has rank `rank`. */
export function expectRank(node: AnyNode, t: RuntimeTensor, rank: number, what: string): void {
  if (t.shape.length !== rank) {
    throw shapeError(node, `${what} '${t.name}' has shape ${formatShape(t.shape)}, expected rank ${rank}`);
  }
}

/** True when the node's input `i` exists and has dtype `dtype` (for `supports`). */
export function inputIs(node: Pick<AnyNode, 'inputs'>, i: number, dtype: DType): boolean {
  return node.inputs[i]?.dtype === dtype;
}
