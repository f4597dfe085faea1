/**
 * The segment reductions (SEGMENT_SUM, UNSORTED_SEGMENT_SUM/PROD/MAX/MIN) on float32 or int32 data with int32
 * segment ids: output row k reduces every data row (or, for multi-dimensional ids, every element prefix)
 * whose id is k, in data order; rows with a negative id are skipped; an empty segment holds the reduction's
 * identity (0, 1, the lowest or the highest value of the dtype), as TFLite's UnsortedSegmentRef.
 */
import type { NodeContext } from '../kernel.js';

export type SegmentReducer = 'sum' | 'prod' | 'max' | 'min';

export interface SegmentPlan {
  readonly label: string;
  /** Number of segment ids and the elements each one covers. */
  readonly ids: number;
  readonly inner: number;
  readonly segments: number;
}

const FLT_MAX = 3.4028234663852886e38;

function identity(reducer: SegmentReducer, float: boolean): number {
  switch (reducer) {
    case 'sum':
      return 0;
    case 'prod':
      return 1;
    case 'max':
      return float ? -FLT_MAX : -2147483648;
    case 'min':
      return float ? FLT_MAX : 2147483647;
  }
}

function combine(reducer: SegmentReducer, a: number, b: number, float: boolean): number {
  switch (reducer) {
    case 'sum':
      return a + b;
    case 'prod':
      return float ? a * b : Math.imul(a, b);
    case 'max':
      return a > b ? a : b;
    case 'min':
      return a < b ? a : b;
  }
}

/** Reduces `data` into node output 0 by the int32 ids in input 1 (already validated against the segment count). */
export function reduceSegments(node: NodeContext<unknown>, p: SegmentPlan, reducer: SegmentReducer): void {
  const data = node.inputs[0]!.data as Float32Array | Int32Array;
  const ids = node.inputs[1]!.data as Int32Array;
  const out = node.outputs[0]!.data as Float32Array | Int32Array;
  const float = out instanceof Float32Array;
  // Typed-array stores round to float32 (or wrap to int32) after each step, as the C++ accumulation does.
  out.fill(identity(reducer, float));
  for (let i = 0; i < p.ids; i++) {
    const k = ids[i]!;
    if (k < 0) continue;
    const to = k * p.inner, from = i * p.inner;
    for (let j = 0; j < p.inner; j++) out[to + j] = combine(reducer, out[to + j]!, data[from + j]!, float);
  }
}
