/**
 * SELECT and SELECT_V2: out = condition ? x : y, element by element, with the three inputs broadcast to one
 * output shape. SELECT_V2 broadcasts numpy-style; SELECT (v1) takes a condition of x's shape, a scalar, or a
 * vector over x's first axis, which here becomes a broadcast over the remaining axes.
 */
import { numElements } from '../../core/shape.js';
import type { NodeContext } from '../kernel.js';
import { broadcastShapes, broadcastStrides } from './broadcast.js';
import { elementsOf } from './elements.js';
import { sameQuantization } from './layout_checks.js';
import { expectDType, requireInput, requireOutput, shapeError } from './node_checks.js';

export interface SelectPlan {
  readonly outShape: readonly number[];
  readonly size: number;
  /** Element strides of condition, x and y along each output axis (0 where broadcast). */
  readonly strides: readonly [Int32Array, Int32Array, Int32Array];
  /** Odometer scratch, reused by every eval. */
  readonly counter: Int32Array;
}

/** `v1` marks SELECT's rules for the condition; otherwise all three broadcast. */
export function prepareSelect<O>(node: NodeContext<O>, v1: boolean): SelectPlan {
  const cond = requireInput(node, 0);
  const x = requireInput(node, 1);
  const y = requireInput(node, 2);
  const out = requireOutput(node, 0);
  expectDType(node, cond, ['bool'], 'condition');
  expectDType(node, y, [x.dtype], 'input y');
  expectDType(node, out, [x.dtype], 'output');
  if (!sameQuantization(x.quantization, out.quantization) || !sameQuantization(y.quantization, out.quantization)) {
    throw shapeError(node, 'x, y and the output must share quantization parameters');
  }
  let condShape = [...cond.shape];
  try {
    if (v1) {
      if (x.shape.length !== y.shape.length || x.shape.some((d, i) => d !== y.shape[i])) {
        throw new Error(`x [${x.shape}] and y [${y.shape}] differ`);
      }
      const sameAsX = condShape.length === x.shape.length && condShape.every((d, i) => d === x.shape[i]);
      const rank1 = condShape.length === 1 && x.shape.length >= 1 && condShape[0] === x.shape[0];
      if (!sameAsX && condShape.length !== 0 && !rank1) throw new Error(`condition [${condShape}] does not fit x [${x.shape}]`);
      if (rank1 && !sameAsX) condShape = [condShape[0]!, ...x.shape.slice(1).map(() => 1)];
    }
    const outShape = broadcastShapes(broadcastShapes(condShape, x.shape), y.shape);
    out.shape = [...outShape];
    const strides = [condShape, x.shape, y.shape].map((s) => Int32Array.from(broadcastStrides(s, outShape)));
    return {
      outShape,
      size: numElements(outShape),
      strides: strides as [Int32Array, Int32Array, Int32Array],
      counter: new Int32Array(outShape.length),
    };
  } catch (e) {
    throw shapeError(node, (e as Error).message);
  }
}

export function evalSelect<O>(node: NodeContext<O>, plan: SelectPlan): void {
  const cond = node.inputs[0]!.data as Uint8Array;
  const x = elementsOf(node.inputs[1]!.data);
  const y = elementsOf(node.inputs[2]!.data);
  const out = elementsOf(node.outputs[0]!.data);
  const { outShape, counter } = plan;
  const [sc, sx, sy] = plan.strides;
  const rank = outShape.length;
  counter.fill(0);
  let ci = 0;
  let xi = 0;
  let yi = 0;
  for (let o = 0; o < plan.size; o++) {
    out[o] = cond[ci] !== 0 ? x[xi]! : y[yi]!;
    // Odometer step: advance the last axis, carrying into earlier axes as they wrap.
    for (let d = rank - 1; d >= 0; d--) {
      ci += sc[d]!;
      xi += sx[d]!;
      yi += sy[d]!;
      if (++counter[d]! < outShape[d]!) break;
      ci -= sc[d]! * outShape[d]!;
      xi -= sx[d]! * outShape[d]!;
      yi -= sy[d]! * outShape[d]!;
      counter[d] = 0;
    }
  }
}
