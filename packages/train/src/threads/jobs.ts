/**
 * The units of work the two training threads share, as plain data (they cross to the worker by postMessage;
 * their arrays are in shared memory), and the one function that runs a job over a range of it.
 */
import { conv2dBackpropFilter, conv2dBackpropInput, conv2dForward, type ConvGeometry } from '../compute/conv.js';
import { setGemmImpl, type GemmImpl } from '../compute/gemm_select.js';
import { maxPoolBackprop, maxPoolForward, type PoolGeometry } from '../compute/max_pool.js';
import { binaryRange, columnSumRange, reluGradRange, reluRange, stepRange, type BinaryOp } from '../compute/pointwise.js';
import { viewOf, type SharedFloats } from './shared.js';

export type ConvPass = 'forward' | 'filter' | 'input';

/** Ranges are images for 'conv' and the max-pools, output elements for the rest. */
export type Job =
  | { readonly kind: 'conv'; readonly pass: ConvPass; readonly g: ConvGeometry; readonly a: SharedFloats; readonly b: SharedFloats; readonly out: SharedFloats; readonly gemm: GemmImpl }
  | { readonly kind: 'binary'; readonly op: BinaryOp; readonly a: SharedFloats; readonly b: SharedFloats; readonly out: SharedFloats }
  | { readonly kind: 'relu'; readonly x: SharedFloats; readonly out: SharedFloats }
  | { readonly kind: 'reluGrad'; readonly dy: SharedFloats; readonly x: SharedFloats; readonly out: SharedFloats }
  | { readonly kind: 'step'; readonly x: SharedFloats; readonly alpha: number; readonly out: SharedFloats }
  /** Ranges are rows of x ([rows × inner]); out gets this range's column sums. */
  | { readonly kind: 'columnSum'; readonly x: SharedFloats; readonly inner: number; readonly out: SharedFloats }
  | { readonly kind: 'maxPool'; readonly g: PoolGeometry; readonly x: SharedFloats; readonly out: SharedFloats }
  | { readonly kind: 'maxPoolGrad'; readonly g: PoolGeometry; readonly dy: SharedFloats; readonly x: SharedFloats; readonly out: SharedFloats };

export function runJob(job: Job, start: number, end: number): void {
  switch (job.kind) {
    case 'conv': {
      setGemmImpl(job.gemm);
      const a = viewOf(job.a), b = viewOf(job.b), out = viewOf(job.out);
      if (job.pass === 'forward') conv2dForward(a, b, job.g, out, start, end);
      else if (job.pass === 'filter') conv2dBackpropFilter(a, b, job.g, out, start, end, false);
      else conv2dBackpropInput(a, b, job.g, out, start, end);
      return;
    }
    case 'binary':
      binaryRange(job.op, viewOf(job.a), viewOf(job.b), viewOf(job.out), start, end);
      return;
    case 'relu':
      reluRange(viewOf(job.x), viewOf(job.out), start, end);
      return;
    case 'reluGrad':
      reluGradRange(viewOf(job.dy), viewOf(job.x), viewOf(job.out), start, end);
      return;
    case 'step':
      stepRange(viewOf(job.x), job.alpha, viewOf(job.out), start, end);
      return;
    case 'columnSum':
      columnSumRange(viewOf(job.x), job.inner, viewOf(job.out), start, end);
      return;
    case 'maxPool':
      maxPoolForward(viewOf(job.x), job.g, viewOf(job.out), start, end);
      return;
    case 'maxPoolGrad':
      maxPoolBackprop(viewOf(job.dy), viewOf(job.x), job.g, viewOf(job.out), start, end);
      return;
  }
}
