/**
 * Element-wise loops over a range [start, end) of their output, so two threads can each take a part. Pure
 * numeric code (no TF.js): the kernels in ../kernels call them, and so does the worker thread.
 */

export type BinaryOp = 'add' | 'sub' | 'mul';

/** out[i] = a[i] op b[i mod b.length], for i in [start, end); b repeats (a bias, a scalar, or equal length). */
export function binaryRange(op: BinaryOp, a: Float32Array, b: Float32Array, out: Float32Array, start: number, end: number): void {
  const m = b.length;
  if (m === 1) {
    const s = b[0];
    if (op === 'add') for (let i = start; i < end; i++) out[i] = a[i] + s;
    else if (op === 'sub') for (let i = start; i < end; i++) out[i] = a[i] - s;
    else for (let i = start; i < end; i++) out[i] = a[i] * s;
    return;
  }
  let j = start % m;
  if (op === 'add') {
    for (let i = start; i < end; i++) {
      out[i] = a[i] + b[j];
      if (++j === m) j = 0;
    }
  } else if (op === 'sub') {
    for (let i = start; i < end; i++) {
      out[i] = a[i] - b[j];
      if (++j === m) j = 0;
    }
  } else {
    for (let i = start; i < end; i++) {
      out[i] = a[i] * b[j];
      if (++j === m) j = 0;
    }
  }
}

/** out = max(x, 0); `x < 0 ? 0 : x` keeps NaN as NaN, as TF.js does. */
export function reluRange(x: Float32Array, out: Float32Array, start: number, end: number): void {
  for (let i = start; i < end; i++) {
    const v = x[i];
    out[i] = v < 0 ? 0 : v;
  }
}

/** ReLU's gradient: dy where x > 0, NaN where x is NaN, dy·0 elsewhere (what dy·step(x) gives). */
export function reluGradRange(dy: Float32Array, x: Float32Array, out: Float32Array, start: number, end: number): void {
  // A product instead of a select: ReLU inputs are positive about half the time at random, which a branch
  // would mispredict.
  for (let i = start; i < end; i++) {
    const v = x[i];
    out[i] = dy[i] * +(v > 0);
    if (Number.isNaN(v)) out[i] = NaN;
  }
}

/** TF.js's step: 1 where x > 0, NaN for NaN, alpha elsewhere. */
export function stepRange(x: Float32Array, alpha: number, out: Float32Array, start: number, end: number): void {
  for (let i = start; i < end; i++) {
    const v = x[i];
    out[i] = v > 0 ? 1 : Number.isNaN(v) ? NaN : alpha;
  }
}

/** out[j] = Σ over rows [rowStart, rowEnd) of x[row·inner + j], accumulated in float64. */
export function columnSumRange(x: Float32Array, inner: number, out: Float32Array, rowStart: number, rowEnd: number): void {
  const acc = new Float64Array(inner);
  for (let i = rowStart, o = rowStart * inner; i < rowEnd; i++) for (let j = 0; j < inner; j++) acc[j] += x[o++];
  for (let j = 0; j < inner; j++) out[j] = acc[j];
}
