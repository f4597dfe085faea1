/**
 * Output comparison with the shared corpus's tolerances (../shared/conformance/README.md):
 * - float outputs: |ours − ref| ≤ 1e-4 + 1e-4·|ref| (XNNPACK reorders sums, so bit-exactness is not expected);
 * - quantized outputs (int8/uint8/int16/int32): |ours − ref| ≤ 1, softmax outputs ≤ 2;
 * - argmax of classifier outputs must agree whenever the reference's top-1 margin exceeds the tolerance.
 * Failures come back as a readable report (worst element, its index and coordinates, both values).
 */
import { formatShape, stridesOf, type DType, type TypedArray } from '@tflite-lambda/runtime/internal';
import type { HostTensor } from './host_tensor.js';

/** Allowed |ours − ref| is `abs + rel·|ref|`. */
export interface Tolerance {
  readonly abs: number;
  readonly rel: number;
}

export const FLOAT_TOLERANCE: Tolerance = { abs: 1e-4, rel: 1e-4 };
export const QUANTIZED_TOLERANCE: Tolerance = { abs: 1, rel: 0 };
export const SOFTMAX_QUANTIZED_TOLERANCE: Tolerance = { abs: 2, rel: 0 };
export const EXACT: Tolerance = { abs: 0, rel: 0 };

/** The corpus tolerance for an output of `dtype`; `softmax` marks an output computed by SOFTMAX. */
export function toleranceFor(dtype: DType, opts: { softmax?: boolean } = {}): Tolerance {
  switch (dtype) {
    case 'float32':
    case 'float16':
      return FLOAT_TOLERANCE;
    case 'int8':
    case 'uint8':
    case 'int16':
    case 'int32':
      return opts.softmax ? SOFTMAX_QUANTIZED_TOLERANCE : QUANTIZED_TOLERANCE;
    case 'float64':
    case 'complex64':
      return FLOAT_TOLERANCE;
    case 'int64':
    case 'bool':
    case 'uint16':
    case 'uint32':
    case 'uint64':
    case 'string':
    case 'resource':
      return EXACT;
  }
}

export function allowedDiff(ref: number, tol: Tolerance): number {
  return tol.abs + tol.rel * Math.abs(ref);
}

function valueAt(data: TypedArray, i: number): number {
  return Number(data[i]);
}

/** |a − r| within tolerance; NaN only matches NaN, an infinity only the same infinity. */
function withinTolerance(a: number, r: number, tol: Tolerance): boolean {
  if (Number.isNaN(a) || Number.isNaN(r)) return Number.isNaN(a) && Number.isNaN(r);
  if (!Number.isFinite(a) || !Number.isFinite(r)) return a === r;
  return Math.abs(a - r) <= allowedDiff(r, tol);
}

/** Row-major coordinates of flat index `i` in `shape`. */
export function coordsOf(i: number, shape: readonly number[]): number[] {
  return stridesOf(shape).map((s, axis) => Math.floor(i / s) % shape[axis]);
}

export interface Mismatch {
  /** Elements outside tolerance. */
  readonly count: number;
  readonly total: number;
  /** The element that exceeds its allowance by the most (any NaN/infinity mismatch first). */
  readonly worstIndex: number;
  readonly actual: number;
  readonly expected: number;
  readonly report: string;
}

/**
 * Compares `actual` with the reference `expected`. Returns null when they agree: same dtype, same shape,
 * and every element within `tol`. Otherwise a Mismatch whose `report` names what differs.
 */
export function compareTensors(
  actual: HostTensor,
  expected: HostTensor,
  tol: Tolerance,
  label = 'output',
): Mismatch | null {
  const head = `${label}: ours ${actual.dtype}${formatShape(actual.shape)}, reference ${expected.dtype}${formatShape(expected.shape)}`;
  const total = expected.data.length;
  if (actual.dtype !== expected.dtype || formatShape(actual.shape) !== formatShape(expected.shape) || actual.data.length !== total) {
    return { count: total, total, worstIndex: -1, actual: NaN, expected: NaN, report: `${head}: dtype or shape differs` };
  }
  let count = 0;
  let worst = -1;
  let worstExcess = -Infinity;
  for (let i = 0; i < total; i++) {
    const a = valueAt(actual.data, i);
    const r = valueAt(expected.data, i);
    if (withinTolerance(a, r, tol)) continue;
    count++;
    const excess = Number.isFinite(a - r) ? Math.abs(a - r) - allowedDiff(r, tol) : Infinity;
    if (excess > worstExcess) [worst, worstExcess] = [i, excess];
  }
  if (count === 0) return null;
  const a = valueAt(actual.data, worst);
  const r = valueAt(expected.data, worst);
  const report =
    `${head}: ${count} of ${total} elements outside |ours − ref| ≤ ${tol.abs} + ${tol.rel}·|ref|; ` +
    `worst at index ${worst} ${formatShape(coordsOf(worst, expected.shape))}: ours ${a}, reference ${r} ` +
    `(|diff| ${Math.abs(a - r)}, allowed ${allowedDiff(r, tol)})`;
  return { count, total, worstIndex: worst, actual: a, expected: r, report };
}

/** A value and its runner-up along the last axis of one row. */
interface RowTop {
  readonly index: number;
  readonly margin: number;
}

function topOfRow(data: TypedArray, start: number, width: number): RowTop {
  let best = 0;
  let second = -Infinity;
  for (let j = 1; j < width; j++) {
    const v = valueAt(data, start + j);
    if (v > valueAt(data, start + best)) {
      second = valueAt(data, start + best);
      best = j;
    } else if (v > second) second = v;
  }
  return { index: best, margin: valueAt(data, start + best) - second };
}

/** Classifier-shaped outputs: rank 2 with at least two classes per row (e.g. [1,10], [1,1000]). */
export function isClassifierOutput(t: { shape: readonly number[] }): boolean {
  return t.shape.length === 2 && t.shape[1] >= 2;
}

/**
 * The argmax rule: for each row of a classifier output whose reference top-1 margin exceeds the
 * tolerance, our top-1 must be the same class. Returns null when it holds, else a report.
 */
export function compareArgmax(actual: HostTensor, expected: HostTensor, tol: Tolerance, label = 'output'): string | null {
  if (!isClassifierOutput(expected) || actual.data.length !== expected.data.length) return null;
  const [rows, width] = expected.shape;
  const problems: string[] = [];
  for (let row = 0; row < rows; row++) {
    const ref = topOfRow(expected.data, row * width, width);
    const refTop = valueAt(expected.data, row * width + ref.index);
    if (!(ref.margin > allowedDiff(refTop, tol))) continue;
    const ours = topOfRow(actual.data, row * width, width);
    if (ours.index !== ref.index) {
      problems.push(`row ${row}: our top-1 is class ${ours.index}, the reference's is ${ref.index} (margin ${ref.margin})`);
    }
  }
  return problems.length === 0 ? null : `${label}: argmax disagrees: ${problems.join('; ')}`;
}
