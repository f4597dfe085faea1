/**
 * Reading small integer tensors (shapes, axes, paddings, begin/end). Output shapes depend on their values:
 * when constant at prepare (the interpreter also marks outputs of shape-only chains, SHAPE → STRIDED_SLICE →
 * PACK, constant) the shape is planned then; kernels that support it otherwise mark their output dynamic and
 * read the values at eval (intValues), the rest refuse.
 */
import type { NodeContext, RuntimeTensor } from '../kernel.js';
import { expectDType, shapeError, unsupported } from './node_checks.js';

type AnyNode = Pick<NodeContext<unknown>, 'index' | 'opName' | 'inputs' | 'outputs'>;

/** The values of an int32/int64 constant tensor as numbers; UnsupportedError when it is not constant. */
export function constIntValues(node: AnyNode, t: RuntimeTensor, what: string): number[] {
  expectDType(node, t, ['int32', 'int64'], what);
  if (!t.isConstant) {
    throw unsupported(node, `${what} '${t.name}' is not constant (dynamic output shape)`);
  }
  return intValues(node, t, what);
}

/** The current values of an int32/int64 tensor as numbers (at eval for a computed one). */
export function intValues(node: AnyNode, t: RuntimeTensor, what: string): number[] {
  expectDType(node, t, ['int32', 'int64'], what);
  const out: number[] = [];
  for (const v of t.data) {
    const n = Number(v);
    if (!Number.isSafeInteger(n)) throw shapeError(node, `${what} holds ${String(v)}, out of range`);
    out.push(n);
  }
  return out;
}

/** A constant tensor holding exactly one integer (scalar or shape [1]): an axis. */
export function constScalarInt(node: AnyNode, t: RuntimeTensor, what: string): number {
  const values = constIntValues(node, t, what);
  if (values.length !== 1) throw shapeError(node, `${what} must hold one value, found ${values.length}`);
  return values[0]!;
}
