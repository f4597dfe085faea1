/**
 * Sum over leading axes on the cpu backend. The stock kernel first transposes the reduced axes innermost —
 * a full copy of the tensor — which is what every bias gradient (sum of dy over batch, height, width) pays.
 * Summing outer rows into one inner row needs no transpose. Other reductions go to the stock kernel.
 */
import type { KernelFunc, NamedAttrMap } from '@tensorflow/tfjs-core';
import { columnSumRange } from '../compute/pointwise.js';
import { splitTargets, type Executor } from '../threads/executor.js';
import { asShared, sharedFloats } from '../threads/shared.js';
import { cpuBackend, floatValues, output, required } from './cpu_tensors.js';

/** The number of leading axes reduced, when the axes are exactly 0..r-1 with r < rank; else null. */
function leadingAxes(attrs: NamedAttrMap, rank: number): number | null {
  const raw = attrs.axis;
  const list = typeof raw === 'number' ? [raw] : Array.isArray(raw) && raw.every((a) => typeof a === 'number') ? (raw as number[]) : null;
  if (!list || list.length === 0) return null;
  const axes = [...new Set(list.map((a) => (a < 0 ? a + rank : a)))].sort((a, b) => a - b);
  if (axes.some((a, i) => a !== i) || axes.length >= rank) return null;
  return axes.length;
}

/** Column sums of x as [outer × inner]; split by rows between the threads when x is large and shared. */
function columnSums(e: Executor, x: Float32Array, outer: number, inner: number): Float32Array {
  const s = splitTargets(e, outer, x.length, x);
  if (!s) {
    // Float64 accumulation (in columnSumRange), like the stock kernel's running sum in a JS number.
    const out = new Float32Array(inner);
    columnSumRange(x, inner, out, 0, outer);
    return out;
  }
  const mine = sharedFloats(inner), theirs = sharedFloats(inner);
  e.run({ kind: 'columnSum', x: s[0], inner, out: asShared(mine)! }, outer, { kind: 'columnSum', x: s[0], inner, out: asShared(theirs)! });
  const out = new Float32Array(inner);
  for (let j = 0; j < inner; j++) out[j] = mine[j] + theirs[j];
  return out;
}

export function makeSum(stock: KernelFunc, e: Executor): KernelFunc {
  return (args) => {
    const backend = cpuBackend(args);
    const attrs = args.attrs ?? {};
    const x = required(args, 'x');
    const xv = floatValues(backend, x);
    const r = xv ? leadingAxes(attrs, x.shape.length) : null;
    if (!xv || r === null) return stock(args);
    const inner = x.shape.slice(r).reduce((a, b) => a * b, 1);
    const outer = inner === 0 ? 0 : xv.length / inner;
    const shape = attrs.keepDims === true ? x.shape.map((d, i) => (i < r ? 1 : d)) : x.shape.slice(r);
    return output(backend, shape, columnSums(e, xv, outer, inner));
  };
}
