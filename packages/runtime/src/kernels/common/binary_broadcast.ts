/**
 * The one broadcasting loop shared by every element-wise binary op. Prepare builds a plan (output shape,
 * collapsed dimensions and strides); eval walks it, calling the op's row function once per innermost run, so
 * the per-element work is a tight loop inside the op and the index math stays out of it.
 */
import { numElements } from '../../core/shape.js';
import type { NodeContext, RuntimeTensor } from '../kernel.js';
import { broadcastShapes, broadcastStrides } from './broadcast.js';
import { shapeError } from './node_checks.js';

/**
 * Computes `n` outputs `out[oi + i] = f(a[ai + i*as], b[bi + i*bs])`; `as`/`bs` are 1, or 0 for a broadcast
 * operand.
 */
export type BinaryRow<T> = (
  a: T, ai: number, as: number,
  b: T, bi: number, bs: number,
  out: T, oi: number, n: number,
) => void;

export interface BinaryPlan {
  readonly outShape: number[];
  readonly size: number;
  /** 'same' and the scalar cases are one row call; 'general' walks the outer dimensions. */
  readonly kind: 'same' | 'scalarA' | 'scalarB' | 'general';
  /** Length of each innermost run, and each operand's stride within it (0 or 1). */
  readonly inner: number;
  readonly innerStrideA: number;
  readonly innerStrideB: number;
  /** Outer (collapsed) dimensions and each operand's element stride along them. */
  readonly outerDims: Int32Array;
  readonly outerStridesA: Int32Array;
  readonly outerStridesB: Int32Array;
  /** Scratch index counter, reused across evals (eval is synchronous). */
  readonly counter: Int32Array;
}

/** Drops size-1 axes and merges neighbours that both operands walk contiguously (or both broadcast). */
function collapse(outShape: number[], sa: number[], sb: number[]): { dims: number[]; sa: number[]; sb: number[] } {
  const dims: number[] = [];
  const ra: number[] = [];
  const rb: number[] = [];
  for (let i = 0; i < outShape.length; i++) {
    const d = outShape[i]!;
    if (d === 1) continue;
    const last = dims.length - 1;
    if (last >= 0 && ra[last] === sa[i]! * d && rb[last] === sb[i]! * d) {
      dims[last] = dims[last]! * d;
      ra[last] = sa[i]!;
      rb[last] = sb[i]!;
    } else {
      dims.push(d);
      ra.push(sa[i]!);
      rb.push(sb[i]!);
    }
  }
  return { dims, sa: ra, sb: rb };
}

/** Plans `a op b` with numpy broadcasting; throws ShapeError for incompatible shapes. */
export function planBinaryBroadcast(aShape: readonly number[], bShape: readonly number[]): BinaryPlan {
  const outShape = broadcastShapes(aShape, bShape);
  const size = numElements(outShape);
  const sizeA = numElements(aShape);
  const sizeB = numElements(bShape);
  const empty = new Int32Array(0);
  const simple = (kind: BinaryPlan['kind'], sa: number, sb: number): BinaryPlan => ({
    outShape, size, kind, inner: size, innerStrideA: sa, innerStrideB: sb,
    outerDims: empty, outerStridesA: empty, outerStridesB: empty, counter: empty,
  });
  if (sizeA === size && sizeB === size) return simple('same', 1, 1);
  if (sizeA === 1 && size > 0) return simple('scalarA', 0, 1);
  if (sizeB === 1 && size > 0) return simple('scalarB', 1, 0);
  const c = collapse(outShape, broadcastStrides(aShape, outShape), broadcastStrides(bShape, outShape));
  const n = c.dims.length;
  if (n === 0) return simple('same', 1, 1);
  return {
    outShape, size, kind: 'general',
    inner: c.dims[n - 1]!,
    innerStrideA: c.sa[n - 1]!,
    innerStrideB: c.sb[n - 1]!,
    outerDims: Int32Array.from(c.dims.slice(0, n - 1)),
    outerStridesA: Int32Array.from(c.sa.slice(0, n - 1)),
    outerStridesB: Int32Array.from(c.sb.slice(0, n - 1)),
    counter: new Int32Array(n - 1),
  };
}

/** Evaluates `out = row(a, b)` over the plan. */
export function runBinary<T>(plan: BinaryPlan, a: T, b: T, out: T, row: BinaryRow<T>): void {
  if (plan.size === 0) return;
  if (plan.kind !== 'general') {
    row(a, 0, plan.innerStrideA, b, 0, plan.innerStrideB, out, 0, plan.size);
    return;
  }
  const { inner, innerStrideA, innerStrideB, outerDims, outerStridesA, outerStridesB, counter } = plan;
  const nd = outerDims.length;
  const outer = plan.size / inner;
  counter.fill(0);
  let ai = 0;
  let bi = 0;
  for (let o = 0; o < outer; o++) {
    row(a, ai, innerStrideA, b, bi, innerStrideB, out, o * inner, inner);
    // Odometer step over the outer dimensions, carrying into the next axis when one wraps.
    for (let d = nd - 1; d >= 0; d--) {
      ai += outerStridesA[d]!;
      bi += outerStridesB[d]!;
      if (++counter[d]! < outerDims[d]!) break;
      ai -= outerStridesA[d]! * outerDims[d]!;
      bi -= outerStridesB[d]! * outerDims[d]!;
      counter[d] = 0;
    }
  }
}

/**
 * The broadcast plan of a node's two operands, a shape mismatch reported as the node's ShapeError; gives
 * `out` the broadcast shape.
 */
export function planNodeBroadcast(
  node: Pick<NodeContext<unknown>, 'index' | 'opName' | 'inputs' | 'outputs'>, a: RuntimeTensor, b: RuntimeTensor, out: RuntimeTensor,
): BinaryPlan {
  let plan: BinaryPlan;
  try {
    plan = planBinaryBroadcast(a.shape, b.shape);
  } catch (e) {
    throw shapeError(node, (e as Error).message);
  }
  out.shape = [...plan.outShape];
  return plan;
}
